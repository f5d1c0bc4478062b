//! The documents a meeting file can ask for, described once: each
//! [`DocumentKind`] is one entry of the `document_kinds!` list below, its
//! variant and its [`KindInfo`] (block, slug, file suffix, names, code)
//! side by side, so that a kind cannot be added without its properties,
//! and [`DocumentKind::ALL`] and the sets of [`Need`] follow from the list.

use serde::{Deserialize, Serialize};

/// What a document kind is: every per-kind property, read through
/// [`DocumentKind::info`] (or the accessors of [`DocumentKind`]).
#[derive(Debug)]
pub struct KindInfo {
    /// The block of the meeting file that asks for it (also its name in
    /// the build records: serde's kebab-case of the variant).
    pub block: &'static str,
    /// Its name on the command line (`--documents`) and the key of its
    /// label in the message catalog (`doc.<slug>`).
    pub slug: &'static str,
    /// What goes between the stem and the extension of its output files.
    pub file_suffix: &'static str,
    /// Its name in a sentence, in Vietnamese.
    pub name: &'static str,
    /// The tên loại printed on it.
    pub doc_type: &'static str,
    /// The abbreviation of its type in the number (`Số: 25/TB-UBND`).
    pub code: &'static str,
}

/// Declares [`DocumentKind`] from one list of kinds with their
/// [`KindInfo`]: the enum, the table [`DocumentKind::info`] reads (in the
/// enum's order, so a kind's discriminant is its row), [`DocumentKind::ALL`]
/// and [`DocumentKind::COUNT`].
macro_rules! document_kinds {
    ($($(#[$doc:meta])* $kind:ident = $info:expr;)+) => {
        /// A document made from a meeting file.
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(rename_all = "kebab-case")]
        pub enum DocumentKind {
            $($(#[$doc])* $kind,)+
        }

        impl DocumentKind {
            /// How many kinds there are.
            pub const COUNT: usize = [$(DocumentKind::$kind),+].len();

            /// Every kind, in the order outputs are listed.
            pub const ALL: [DocumentKind; Self::COUNT] = [$(DocumentKind::$kind),+];
        }

        /// The properties of the kinds, in the order of [`DocumentKind::ALL`].
        const KINDS: [KindInfo; DocumentKind::COUNT] = [$($info),+];
    };
}

document_kinds! {
    /// Thông báo kết luận (Mẫu 1.4), after the meeting: block `notice`.
    Notice = KindInfo {
        block: "notice",
        slug: "thong-bao",
        // `<stem>.docx`, as in format v1.
        file_suffix: "",
        name: "thông báo",
        doc_type: "THÔNG BÁO",
        code: "TB",
    };
    /// Giấy mời (Mẫu 1.7), before the meeting: block `invitation`.
    Invitation = KindInfo {
        block: "invitation",
        slug: "giay-moi",
        file_suffix: ".giay-moi",
        name: "giấy mời",
        doc_type: "GIẤY MỜI",
        code: "GM",
    };
    /// Biên bản (Mẫu 1.9), during the meeting: block `minutes`.
    Minutes = KindInfo {
        block: "minutes",
        slug: "bien-ban",
        file_suffix: ".bien-ban",
        name: "biên bản",
        doc_type: "BIÊN BẢN",
        code: "BB",
    };
}

impl DocumentKind {
    /// The slugs of every kind, in [`Self::ALL`] order (the values of
    /// `--documents`).
    pub const SLUGS: [&'static str; Self::COUNT] = {
        let mut slugs = [""; Self::COUNT];
        let mut i = 0;
        while i < Self::COUNT {
            slugs[i] = KINDS[i].slug;
            i += 1;
        }
        slugs
    };

    /// Its properties.
    pub const fn info(self) -> &'static KindInfo {
        &KINDS[self as usize]
    }

    /// The block of the meeting file that asks for it.
    pub fn block(self) -> &'static str {
        self.info().block
    }

    /// Its name on the command line (`--documents`): `thong-bao`, `giay-moi`, `bien-ban`.
    pub fn slug(self) -> &'static str {
        self.info().slug
    }

    /// What goes between the stem and the extension of its output files:
    /// nothing for the notice (`<stem>.docx`, as in format v1),
    /// `.giay-moi` and `.bien-ban` for the others.
    pub fn file_suffix(self) -> &'static str {
        self.info().file_suffix
    }

    /// Its name in a sentence: `thông báo`, `giấy mời`, `biên bản`.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// Its name in a message, in the language of the messages.
    pub fn label(self) -> String {
        crate::i18n::text(&format!("doc.{}", self.slug()))
    }

    /// The tên loại printed on it.
    pub fn doc_type(self) -> &'static str {
        self.info().doc_type
    }

    /// The abbreviation of its type in the number (`Số: 25/TB-UBND`).
    pub fn code(self) -> &'static str {
        self.info().code
    }

    /// The kind named `slug` (see [`Self::slug`]).
    pub fn from_slug(slug: &str) -> Option<DocumentKind> {
        Self::ALL.into_iter().find(|k| k.slug() == slug.trim())
    }
}

impl std::str::FromStr for DocumentKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DocumentKind::from_slug(&s.to_lowercase())
            .ok_or_else(|| crate::tr!("doc.unknown", name = s))
    }
}

/// Which documents need a field: none, some of them, or every one (also
/// when the file asks for none yet). A set of kinds, one bit a kind (its
/// row in [`DocumentKind::ALL`]), with a bit of its own for
/// [`Need::ALWAYS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Need(u8);

// The kinds' bits stay clear of `Need::ALWAYS`'s.
const _: () = assert!(
    DocumentKind::COUNT < 8,
    "Need holds one bit a document kind below ALWAYS's"
);

impl Need {
    /// Never required.
    pub const NONE: Need = Need(0);
    /// Required whatever the file asks for.
    pub const ALWAYS: Need = Need(0x80);
    /// Required when the file asks for the notice.
    pub const NOTICE: Need = Need::of(DocumentKind::Notice);
    /// Required when the file asks for the invitation.
    pub const INVITATION: Need = Need::of(DocumentKind::Invitation);
    /// Required when the file asks for the minutes.
    pub const MINUTES: Need = Need::of(DocumentKind::Minutes);

    /// The bits of every document kind.
    const DOCUMENTS: u8 = ((1u16 << DocumentKind::COUNT) - 1) as u8;

    /// Both sets.
    pub const fn or(self, other: Need) -> Need {
        Need(self.0 | other.0)
    }

    /// The set of one document.
    pub const fn of(kind: DocumentKind) -> Need {
        Need(1 << kind as u8)
    }

    /// The set of these documents.
    pub fn of_all(kinds: impl IntoIterator<Item = DocumentKind>) -> Need {
        kinds.into_iter().fold(Need::NONE, |n, k| n.or(Need::of(k)))
    }

    /// Whether a field with this need is required in `context` (the
    /// documents asked for, narrowed by the blocks around the field).
    pub fn applies(self, context: Need) -> bool {
        self == Need::ALWAYS || self.0 & context.0 & Need::DOCUMENTS != 0
    }

    /// The documents of the set (none for [`Need::ALWAYS`]).
    pub fn kinds(self) -> Vec<DocumentKind> {
        DocumentKind::ALL
            .into_iter()
            .filter(|k| self.0 & Need::of(*k).0 != 0)
            .collect()
    }

    /// The context inside a block with this need: the same for a block
    /// needed always or never, narrowed to its documents otherwise.
    pub fn narrow(self, context: Need) -> Need {
        if self == Need::ALWAYS || self == Need::NONE {
            context
        } else {
            Need(self.0 & context.0)
        }
    }

    /// The documents in words, in the language of the messages.
    pub fn labels(self) -> String {
        self.words(DocumentKind::label)
    }

    /// `thông báo, biên bản`: the documents in words (Vietnamese: the
    /// editor schema and the reference).
    pub fn names(self) -> String {
        self.words(|k| k.name().to_string())
    }

    /// The documents' words, joined by commas.
    fn words(self, word: impl Fn(DocumentKind) -> String) -> String {
        self.kinds()
            .into_iter()
            .map(word)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::super::GM_BB;
    use super::*;

    #[test]
    fn needs() {
        let gm = Need::INVITATION;
        assert!(Need::ALWAYS.applies(Need::NONE));
        assert!(!Need::NONE.applies(gm));
        assert!(gm.applies(Need::INVITATION.or(Need::NOTICE)));
        assert!(!Need::MINUTES.applies(gm));
        assert_eq!(Need::MINUTES.narrow(gm), Need::NONE);
        assert_eq!(Need::ALWAYS.narrow(gm), gm);
        assert_eq!(GM_BB.names(), "giấy mời, biên bản");
        assert_eq!(
            "giay-moi".parse::<DocumentKind>(),
            Ok(DocumentKind::Invitation)
        );
        assert!("giaymoi".parse::<DocumentKind>().is_err());
    }

    /// Every kind is its own row, its own bit, and named in the build
    /// records by its block; no two kinds share a property that names them.
    #[test]
    fn every_kind_has_its_row_and_its_bit() {
        let every = Need::of_all(DocumentKind::ALL);
        assert_eq!(every.kinds(), DocumentKind::ALL);
        let stray = Need(!every.0 & !Need::ALWAYS.0);
        assert!(!stray.applies(stray), "bits of no kind are no document");
        for (i, kind) in DocumentKind::ALL.into_iter().enumerate() {
            assert_eq!(kind as usize, i);
            assert_eq!(Need::of(kind).kinds(), [kind]);
            assert!(Need::of(kind).applies(every));
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.block());
            assert_eq!(DocumentKind::SLUGS[i], kind.slug());
            assert_eq!(DocumentKind::from_slug(kind.slug()), Some(kind));
            assert!(crate::i18n::has(&format!("doc.{}", kind.slug())));
            for other in DocumentKind::ALL.into_iter().filter(|o| *o != kind) {
                let (a, b) = (kind.info(), other.info());
                assert!(a.block != b.block && a.slug != b.slug && a.code != b.code);
                assert!(a.file_suffix != b.file_suffix && a.doc_type != b.doc_type);
            }
        }
    }
}
