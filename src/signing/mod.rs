//! `ketluan sign`: a PAdES B-B signature added to an issued PDF/A-2b by
//! incremental update, with the visible appearance of Decree 30/2020/NĐ-CP
//! (Phụ lục I, Phần I, II.7–8): the leader's signature image centred
//! between the position and the name (field `NguoiKy`), then the agency's
//! seal at real size over the left third of it (field `CoQuan`). The places
//! come from the `.sign.json` written beside the PDF by `issue` and
//! `render --for-signing` ([`crate::issuing::sidecar`]), which also proves
//! the PDF is the one ketluan made: its first revision must have the
//! recorded length and SHA-256.
//!
//! Stages: [`update`] reads the PDF and writes the new revision with a
//! zero-filled `/Contents`; the digest of the bytes around it is signed
//! in a CMS SignedData ([`cms`]) by a [`keys::Signer`] (a PKCS#12 file or a
//! PKCS#11 token); the CMS is written into the placeholder.

pub mod cms;
pub mod image;
pub mod keys;
pub mod update;

use der::Decode;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use crate::issuing::sidecar::Sidecar;

/// Why a PDF could not be signed. Messages are the user's language.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    /// Not a PDF, or one that does not parse.
    #[error("{}", crate::tr!("sign.error.not_pdf", detail = .0))]
    NotPdf(String),
    /// An encrypted PDF.
    #[error("{}", crate::tr!("sign.error.encrypted"))]
    Encrypted,
    /// Not the PDF the sidecar describes (not ours, or changed since).
    #[error("{0}")]
    NotOurs(String),
    /// The key file or its password.
    #[error("{0}")]
    Key(String),
    /// The PKCS#12 password is wrong.
    #[error("{}", crate::tr!("sign.error.password", file = .0))]
    Password(String),
    /// The token's PIN is wrong.
    #[error("{}", crate::tr!("sign.error.pin", token = .0))]
    Pin(String),
    /// The token or its library.
    #[error("{0}")]
    Token(String),
    /// The certificate cannot sign (expired, not yet valid, wrong usage).
    #[error("{0}")]
    Certificate(String),
    /// The signature's place (sidecar, page).
    #[error("{0}")]
    Geometry(String),
    /// The image.
    #[error("{0}")]
    Image(String),
    /// Already signed in that role, or signed out of order.
    #[error("{0}")]
    Order(String),
    /// Building the CMS.
    #[error("CMS: {0}")]
    Cms(String),
}

impl From<der::Error> for SignError {
    fn from(e: der::Error) -> SignError {
        SignError::Cms(e.to_string())
    }
}

/// Who signs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The leader who signs the document (`--as nguoi-ky`).
    Signer,
    /// The agency, by its văn thư, after the leader (`--as co-quan`).
    Agency,
}

impl Role {
    /// The signature field's name.
    pub fn field(self) -> &'static str {
        match self {
            Role::Signer => "NguoiKy",
            Role::Agency => "CoQuan",
        }
    }
    /// The rectangle's role in the sidecar.
    pub fn rect_role(self) -> &'static str {
        match self {
            Role::Signer => "signer",
            Role::Agency => "seal",
        }
    }
    /// `/Reason`.
    pub fn reason(self) -> &'static str {
        match self {
            Role::Signer => "Ký ban hành",
            Role::Agency => "Phát hành",
        }
    }
}

/// One signing.
pub struct Request<'a> {
    /// The PDF's bytes (unsigned, or signed before by ketluan).
    pub pdf: &'a [u8],
    /// The file's name, for messages.
    pub name: &'a str,
    /// Its `.sign.json`.
    pub sidecar: &'a Sidecar,
    /// Who signs.
    pub role: Role,
    /// The PNG drawn: the signature, or the seal.
    pub image: &'a [u8],
    /// The image's file name, for messages.
    pub image_name: &'a str,
    /// The signing time.
    pub time: jiff::ZonedDateTime,
}

/// The Vietnam time zone (UTC+7), in which signing times are written.
pub fn vietnam() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::fixed(jiff::tz::offset(7))
}

/// `/M`'s form of a time: `D:20260205083015+07'00'`.
pub fn pdf_date(time: &jiff::ZonedDateTime) -> String {
    let offset = time.offset().seconds();
    let sign = if offset < 0 { '-' } else { '+' };
    let minutes = offset.abs() / 60;
    format!(
        "D:{}{sign}{:02}'{:02}'",
        time.strftime("%Y%m%d%H%M%S"),
        minutes / 60,
        minutes % 60
    )
}

/// Checks that `certificate` may sign at `time`: within its validity, and
/// with the digitalSignature or nonRepudiation key usage when it has the
/// extension.
pub fn check_certificate(
    certificate: &Certificate,
    time: &jiff::ZonedDateTime,
) -> Result<(), SignError> {
    let validity = &certificate.tbs_certificate.validity;
    let seconds = |t: x509_cert::time::Time| t.to_unix_duration().as_secs() as i64;
    let now = time.timestamp().as_second();
    let subject = certificate.tbs_certificate.subject.to_string();
    let day = |s: i64| {
        jiff::Timestamp::from_second(s)
            .map(|t| {
                t.to_zoned_datetime(vietnam())
                    .strftime("%d/%m/%Y")
                    .to_string()
            })
            .unwrap_or_default()
    };
    if now > seconds(validity.not_after) {
        return Err(SignError::Certificate(crate::tr!(
            "sign.error.expired",
            subject = subject,
            date = day(seconds(validity.not_after))
        )));
    }
    if now < seconds(validity.not_before) {
        return Err(SignError::Certificate(crate::tr!(
            "sign.error.not_yet_valid",
            subject = subject,
            date = day(seconds(validity.not_before))
        )));
    }
    const KEY_USAGE: der::asn1::ObjectIdentifier =
        der::asn1::ObjectIdentifier::new_unwrap("2.5.29.15");
    for extension in certificate.tbs_certificate.extensions.iter().flatten() {
        if extension.extn_id == KEY_USAGE {
            let usage = x509_cert::ext::pkix::KeyUsage::from_der(extension.extn_value.as_bytes())?;
            if !usage.digital_signature() && !usage.non_repudiation() {
                return Err(SignError::Certificate(crate::tr!(
                    "sign.error.not_for_signing",
                    subject = subject
                )));
            }
        }
    }
    Ok(())
}

/// Checks that `pdf` begins with the file the sidecar describes.
fn check_ours(pdf: &[u8], name: &str, sidecar: &Sidecar) -> Result<(), SignError> {
    let size = sidecar.size.map_or(pdf.len(), |s| s as usize);
    let first = pdf.get(..size).unwrap_or(pdf);
    let hash = crate::incremental::hex(&Sha256::digest(first));
    if first.len() != size || !hash.eq_ignore_ascii_case(&sidecar.sha256) {
        return Err(SignError::NotOurs(crate::tr!(
            "sign.error.not_ours",
            file = name
        )));
    }
    Ok(())
}

/// Signs: the new file's bytes (the old ones as a prefix).
pub fn sign(request: &Request, signer: &dyn keys::Signer) -> Result<Vec<u8>, SignError> {
    // The file must be ours before it is parsed at all.
    update::precheck(request.pdf)?;
    check_ours(request.pdf, request.name, request.sidecar)?;
    let original = update::Original::read(request.pdf)?;
    check_certificate(signer.certificate(), &request.time)?;
    let fields = original.field_names()?;
    let field = request.role.field();
    if fields.iter().any(|f| f == field) {
        return Err(SignError::Order(crate::tr!(
            "sign.error.already",
            file = request.name,
            field = field
        )));
    }
    if request.role == Role::Agency && !fields.iter().any(|f| f == Role::Signer.field()) {
        return Err(SignError::Order(crate::tr!(
            "sign.error.agency_first",
            file = request.name
        )));
    }
    let rect = request
        .sidecar
        .rect(request.role.rect_role())
        .ok_or_else(|| {
            SignError::Geometry(crate::tr!(
                "sign.error.no_rect",
                role = request.role.rect_role(),
                hint = match request.role {
                    Role::Agency => crate::tr!("sign.hint.seal"),
                    Role::Signer => String::new(),
                }
            ))
        })?;
    let [llx, lly, urx, ury] = rect.rect;
    if !rect.rect.iter().all(|v| v.is_finite()) || urx - llx < 1.0 || ury - lly < 1.0 {
        return Err(SignError::Geometry(crate::tr!(
            "sign.error.bad_rect",
            role = request.role.rect_role(),
            rect = format!("{:?}", rect.rect)
        )));
    }
    let picture = image::read_png(request.image, request.image_name)?;
    let time = pdf_date(&request.time);
    let prepared = original.prepare(&update::Addition {
        field,
        page: rect.page,
        rect: rect.rect,
        picture: &picture,
        time: &time,
        reason: request.role.reason(),
    })?;
    let mut hasher = Sha256::new();
    for range in prepared.signed_ranges() {
        hasher.update(range);
    }
    let digest: [u8; 32] = hasher.finalize().into();
    let cms = cms::signed_data(&digest, signer)?;
    prepared.fill(&cms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_carry_the_vietnam_offset() {
        let time = jiff::Timestamp::from_second(1_770_255_015)
            .unwrap()
            .to_zoned_datetime(vietnam());
        assert_eq!(pdf_date(&time), "D:20260205083015+07'00'");
    }
}
