//! The incremental update that carries one signature (ISO 32000-1 7.5.6,
//! 12.8): the original bytes are kept as a prefix and new objects are
//! added after its `%%EOF` with a classic cross-reference section whose
//! trailer has `/Prev`, the same `/Root`, `/Info` and `/ID`. Nothing of the
//! first revision is rewritten, so its XMP metadata and PDF/A
//! identification stay as they were.
//!
//! Added: the signature dictionary (its `/Contents` a zero-filled hex
//! placeholder, `/ByteRange` patched once the offsets are known), the
//! signature field merged with its widget (`/F 132`: Print and Locked; an
//! `/AP` with only `/N`), the appearance's form XObject drawing the image
//! with its soft mask, the page with the widget added to `/Annots`, and
//! the form (`/AcroForm`, `/SigFlags 3`) with the field added.

use std::io::Write;

use lopdf::{Dictionary, Object, ObjectId, StringFormat, Writer};

use super::image::Picture;
use super::SignError;

/// Bytes reserved for the CMS (PDF/A-2: strings at most 32,767 bytes).
pub const CONTENTS_RESERVED: usize = 8192;

/// Width of the patched `/ByteRange` array, in bytes.
const BYTE_RANGE_WIDTH: usize = 40;

/// What the update adds.
pub struct Addition<'a> {
    /// The field's name (`NguoiKy`, `CoQuan`).
    pub field: &'a str,
    /// 1-based page of the widget.
    pub page: u32,
    /// `[llx, lly, urx, ury]`, points.
    pub rect: [f32; 4],
    /// The image drawn in the rectangle (fitted, centred).
    pub picture: &'a Picture,
    /// `/M`: `D:20260205083015+07'00'`.
    pub time: &'a str,
    /// `/Reason`.
    pub reason: &'a str,
}

/// The original file read, and the state the update starts from.
pub struct Original<'a> {
    bytes: &'a [u8],
    document: lopdf::Document,
    startxref: usize,
}

/// A prepared update: the bytes with the placeholder, and where it is.
pub struct Prepared {
    /// The whole new file, the `/Contents` placeholder still zeros.
    pub bytes: Vec<u8>,
    /// Offset of the `<` that opens `/Contents`.
    pub contents_start: usize,
    /// Offset just after the `>` that closes it.
    pub contents_end: usize,
}

impl Prepared {
    /// The two ranges signed: everything but `<…>`.
    pub fn signed_ranges(&self) -> [&[u8]; 2] {
        [
            &self.bytes[..self.contents_start],
            &self.bytes[self.contents_end..],
        ]
    }

    /// Writes the CMS into the placeholder; an error when it does not fit.
    pub fn fill(mut self, cms: &[u8]) -> Result<Vec<u8>, SignError> {
        if cms.len() > CONTENTS_RESERVED {
            return Err(SignError::Cms(crate::tr!(
                "sign.cms_too_big",
                size = cms.len(),
                max = CONTENTS_RESERVED
            )));
        }
        let hex = crate::incremental::hex(cms);
        let start = self.contents_start + 1;
        self.bytes[start..start + hex.len()].copy_from_slice(hex.as_bytes());
        Ok(self.bytes)
    }
}

/// The offset after the last `startxref`.
fn last_startxref(bytes: &[u8]) -> Option<usize> {
    let at = memchr::memmem::rfind(bytes, b"startxref")?;
    let rest = &bytes[at + b"startxref".len()..];
    let text: String = rest
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| b as char)
        .collect();
    text.parse().ok()
}

/// The checks made before a file is parsed: the `%PDF-` header, and no
/// `/Encrypt` in its last trailer (the file's last 4 KiB).
pub fn precheck(bytes: &[u8]) -> Result<(), SignError> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(SignError::NotPdf(crate::tr!("sign.not_pdf_header")));
    }
    let tail = &bytes[bytes.len().saturating_sub(4096)..];
    if memchr::memmem::find(tail, b"/Encrypt").is_some() {
        return Err(SignError::Encrypted);
    }
    Ok(())
}

impl<'a> Original<'a> {
    /// Reads a PDF that passed [`precheck`]; refuses one that does not
    /// parse or that lopdf finds encrypted.
    pub fn read(bytes: &'a [u8]) -> Result<Original<'a>, SignError> {
        let document =
            lopdf::Document::load_mem(bytes).map_err(|e| SignError::NotPdf(e.to_string()))?;
        if document.was_encrypted() || document.trailer.get(b"Encrypt").is_ok() {
            return Err(SignError::Encrypted);
        }
        let startxref =
            last_startxref(bytes).ok_or_else(|| SignError::NotPdf("startxref".into()))?;
        Ok(Original {
            bytes,
            document,
            startxref,
        })
    }

    fn catalog(&self) -> Result<(ObjectId, &Dictionary), SignError> {
        let id = self
            .document
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .map_err(|_| SignError::NotPdf("/Root".into()))?;
        let dict = self
            .document
            .get_dictionary(id)
            .map_err(|_| SignError::NotPdf("/Root".into()))?;
        Ok((id, dict))
    }

    /// The form dictionary and its object number when it is its own object.
    fn form(&self) -> Result<(Option<ObjectId>, Dictionary), SignError> {
        let (_, catalog) = self.catalog()?;
        match catalog.get(b"AcroForm") {
            Ok(Object::Reference(id)) => Ok((
                Some(*id),
                self.document
                    .get_dictionary(*id)
                    .map_err(|_| SignError::NotPdf("/AcroForm".into()))?
                    .clone(),
            )),
            Ok(Object::Dictionary(d)) => Ok((None, d.clone())),
            _ => Ok((None, Dictionary::new())),
        }
    }

    /// The names (`/T`) of the form's fields.
    pub fn field_names(&self) -> Result<Vec<String>, SignError> {
        let (_, form) = self.form()?;
        let mut names = Vec::new();
        if let Ok(fields) = form.get(b"Fields").and_then(|f| self.resolve_array(f)) {
            for field in fields {
                let Ok(id) = field.as_reference() else {
                    continue;
                };
                if let Ok(Object::String(name, _)) =
                    self.document.get_dictionary(id).and_then(|d| d.get(b"T"))
                {
                    names.push(String::from_utf8_lossy(name).into_owned());
                }
            }
        }
        Ok(names)
    }

    fn resolve_array(&self, object: &Object) -> lopdf::Result<Vec<Object>> {
        match object {
            Object::Reference(id) => Ok(self.document.get_object(*id)?.as_array()?.clone()),
            other => Ok(other.as_array()?.clone()),
        }
    }

    /// The number of pages.
    pub fn page_count(&self) -> usize {
        self.document.get_pages().len()
    }

    /// Builds the update with the signature's placeholder.
    pub fn prepare(&self, addition: &Addition) -> Result<Prepared, SignError> {
        let pages = self.document.get_pages();
        let &page_id = pages.get(&addition.page).ok_or_else(|| {
            SignError::Geometry(crate::tr!(
                "sign.no_page",
                page = addition.page,
                pages = pages.len()
            ))
        })?;
        let size = self
            .document
            .trailer
            .get(b"Size")
            .and_then(Object::as_i64)
            .unwrap_or(0)
            .max(i64::from(self.document.max_id) + 1) as u32;
        let mut next = size;
        let mut new_id = || {
            next += 1;
            (next - 1, 0u16)
        };
        let (signature_id, widget_id, appearance_id, image_id, mask_id) =
            (new_id(), new_id(), new_id(), new_id(), new_id());

        let mut objects: Vec<(ObjectId, Vec<u8>)> = Vec::new();
        // The image and its soft mask.
        let picture = addition.picture;
        let image_dict = |colour: &str, mask: Option<ObjectId>| {
            let mut d = Dictionary::new();
            d.set("Type", Object::Name(b"XObject".to_vec()));
            d.set("Subtype", Object::Name(b"Image".to_vec()));
            d.set("Width", picture.width as i64);
            d.set("Height", picture.height as i64);
            d.set("ColorSpace", Object::Name(colour.as_bytes().to_vec()));
            d.set("BitsPerComponent", 8);
            d.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            if let Some(mask) = mask {
                d.set("SMask", Object::Reference(mask));
            }
            d
        };
        objects.push((
            image_id,
            stream(image_dict("DeviceRGB", Some(mask_id)), &picture.rgb),
        ));
        objects.push((
            mask_id,
            stream(image_dict("DeviceGray", None), &picture.alpha),
        ));

        // The appearance: the image fitted into the box, centred.
        let [llx, lly, urx, ury] = addition.rect;
        let (w, h) = (urx - llx, ury - lly);
        let scale = (w / picture.width as f32).min(h / picture.height as f32);
        let (dw, dh) = (picture.width as f32 * scale, picture.height as f32 * scale);
        let content = format!(
            "q {} 0 0 {} {} {} cm /Im0 Do Q",
            number(dw),
            number(dh),
            number((w - dw) / 2.0),
            number((h - dh) / 2.0)
        );
        let mut form = Dictionary::new();
        form.set("Type", Object::Name(b"XObject".to_vec()));
        form.set("Subtype", Object::Name(b"Form".to_vec()));
        form.set("BBox", rect_array([0.0, 0.0, w, h]));
        let mut xobjects = Dictionary::new();
        xobjects.set("Im0", Object::Reference(image_id));
        let mut resources = Dictionary::new();
        resources.set("XObject", Object::Dictionary(xobjects));
        form.set("Resources", Object::Dictionary(resources));
        objects.push((appearance_id, stream(form, content.as_bytes())));

        // The field and its widget, one dictionary.
        let mut widget = Dictionary::new();
        widget.set("Type", Object::Name(b"Annot".to_vec()));
        widget.set("Subtype", Object::Name(b"Widget".to_vec()));
        widget.set("FT", Object::Name(b"Sig".to_vec()));
        widget.set(
            "T",
            Object::String(addition.field.as_bytes().to_vec(), StringFormat::Literal),
        );
        widget.set("V", Object::Reference(signature_id));
        widget.set("F", 132);
        widget.set("Rect", rect_array(addition.rect));
        widget.set("P", Object::Reference(page_id));
        let mut ap = Dictionary::new();
        ap.set("N", Object::Reference(appearance_id));
        widget.set("AP", Object::Dictionary(ap));
        objects.push((widget_id, serialize(&Object::Dictionary(widget))));

        // The page, with the widget last in /Annots (drawn on top).
        let mut page = self
            .document
            .get_dictionary(page_id)
            .map_err(|_| SignError::NotPdf("/Page".into()))?
            .clone();
        let mut annots = match page.get(b"Annots") {
            Ok(a) => self.resolve_array(a).unwrap_or_default(),
            Err(_) => Vec::new(),
        };
        annots.push(Object::Reference(widget_id));
        page.set("Annots", Object::Array(annots));
        objects.push((page_id, serialize(&Object::Dictionary(page))));

        // The form: the field added, SigFlags 3, no NeedAppearances.
        let (form_id, mut acro_form) = self.form()?;
        let mut fields = acro_form
            .get(b"Fields")
            .ok()
            .and_then(|f| self.resolve_array(f).ok())
            .unwrap_or_default();
        fields.push(Object::Reference(widget_id));
        acro_form.set("Fields", Object::Array(fields));
        acro_form.set("SigFlags", 3);
        acro_form.remove(b"NeedAppearances");
        match form_id {
            Some(id) => objects.push((id, serialize(&Object::Dictionary(acro_form)))),
            None => {
                let id = new_id();
                let (catalog_id, catalog) = self.catalog()?;
                let mut catalog = catalog.clone();
                catalog.set("AcroForm", Object::Reference(id));
                objects.push((id, serialize(&Object::Dictionary(acro_form))));
                objects.push((catalog_id, serialize(&Object::Dictionary(catalog))));
            }
        }
        let new_size = next;

        // Now the bytes.
        let mut out = self.bytes.to_vec();
        if !matches!(out.last(), Some(b'\n' | b'\r')) {
            out.push(b'\n');
        }
        let mut offsets: Vec<(u32, usize)> = Vec::new();
        // The signature dictionary, written by hand for its offsets.
        offsets.push((signature_id.0, out.len()));
        write!(
            out,
            "{} 0 obj\n<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/ByteRange",
            signature_id.0
        )
        .expect("memory");
        let byte_range_at = out.len();
        out.extend(std::iter::repeat_n(b' ', BYTE_RANGE_WIDTH));
        out.extend_from_slice(b"/Contents");
        let contents_start = out.len();
        out.push(b'<');
        out.extend(std::iter::repeat_n(b'0', CONTENTS_RESERVED * 2));
        out.push(b'>');
        let contents_end = out.len();
        write!(
            out,
            "/M({})/Reason<{}>>>\nendobj\n",
            addition.time,
            utf16_hex(addition.reason)
        )
        .expect("memory");
        objects.sort_by_key(|(id, _)| id.0);
        for (id, body) in &objects {
            offsets.push((id.0, out.len()));
            writeln!(out, "{} {} obj", id.0, id.1).expect("memory");
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        offsets.sort();
        let xref_at = out.len();
        out.extend_from_slice(b"xref\n");
        let mut i = 0;
        while i < offsets.len() {
            let mut j = i + 1;
            while j < offsets.len() && offsets[j].0 == offsets[j - 1].0 + 1 {
                j += 1;
            }
            writeln!(out, "{} {}", offsets[i].0, j - i).expect("memory");
            for (_, at) in &offsets[i..j] {
                writeln!(out, "{at:010} 00000 n ").expect("memory");
            }
            i = j;
        }
        let mut trailer = Dictionary::new();
        trailer.set("Size", new_size as i64);
        for key in [&b"Root"[..], b"Info", b"ID"] {
            if let Ok(value) = self.document.trailer.get(key) {
                trailer.set(key.to_vec(), value.clone());
            }
        }
        trailer.set("Prev", self.startxref as i64);
        out.extend_from_slice(b"trailer\n");
        out.extend_from_slice(&serialize(&Object::Dictionary(trailer)));
        write!(out, "\nstartxref\n{xref_at}\n%%EOF\n").expect("memory");

        // The byte range: [0, <, after >, to the end].
        let range = format!(
            "[0 {} {} {}]",
            contents_start,
            contents_end,
            out.len() - contents_end
        );
        if range.len() > BYTE_RANGE_WIDTH {
            return Err(SignError::NotPdf("ByteRange".into()));
        }
        out[byte_range_at..byte_range_at + range.len()].copy_from_slice(range.as_bytes());
        Ok(Prepared {
            bytes: out,
            contents_start,
            contents_end,
        })
    }
}

fn serialize(object: &Object) -> Vec<u8> {
    let mut out = Vec::new();
    Writer::write_object(&mut out, object).expect("writing to memory");
    out
}

/// A stream object's bytes; `data` is already encoded as `dict` says.
fn stream(mut dict: Dictionary, data: &[u8]) -> Vec<u8> {
    dict.set("Length", data.len() as i64);
    let mut out = serialize(&Object::Dictionary(dict));
    out.extend_from_slice(b"\nstream\n");
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// A number with at most 4 decimals, no trailing zeros.
fn number(value: f32) -> String {
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.to_string()
    }
}

fn rect_array(rect: [f32; 4]) -> Object {
    Object::Array(
        rect.iter()
            .map(|&v| Object::Real((v * 100.0).round() / 100.0))
            .collect(),
    )
}

/// A text string as UTF-16BE with its byte order mark, in hex.
fn utf16_hex(text: &str) -> String {
    let mut bytes = Vec::new();
    lopdf::encode_utf16_be(text, &mut bytes);
    crate::incremental::hex(&bytes).to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(number(127.56), "127.56");
        assert_eq!(number(70.0), "70");
        assert_eq!(number(-0.00001), "0");
    }

    #[test]
    fn reason_is_utf16_with_bom() {
        assert_eq!(utf16_hex("Ký"), "FEFF004B00FD");
    }

    #[test]
    fn finds_the_last_startxref() {
        assert_eq!(
            last_startxref(b"startxref\n12\n%%EOF\nstartxref\r\n345\n%%EOF"),
            Some(345)
        );
        assert_eq!(last_startxref(b"no"), None);
    }
}
