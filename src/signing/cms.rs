//! The CMS SignedData of a PAdES B-B signature (ETSI EN 319 142-1 §6.3):
//! detached, content type id-data, SHA-256, RSA PKCS#1 v1.5, the signer's
//! certificate and chain, one SignerInfo whose signed attributes are
//! exactly content-type, message-digest and signing-certificate-v2 (no
//! signing-time: the time is the signature dictionary's `/M`).

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{Any, ObjectIdentifier, OctetString, SetOfVec};
use der::{Encode, Tag};
use sha2::{Digest, Sha256};
use x509_cert::attr::Attribute;
use x509_cert::spki::AlgorithmIdentifierOwned;

use super::keys::{der_of, Signer};
use super::SignError;

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const ID_SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute, der::Error> {
    let mut values = SetOfVec::new();
    values.insert(value)?;
    Ok(Attribute { oid, values })
}

/// `SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }`
/// with one ESSCertIDv2 holding only the certificate's SHA-256 (the
/// algorithm is the default, so absent; no issuerSerial), as RFC 5035
/// and EN 319 122-1 allow: `30 26 30 24 30 22 04 20 <hash>`.
fn signing_certificate_v2(certificate_der: &[u8]) -> Vec<u8> {
    let hash = Sha256::digest(certificate_der);
    let mut out = vec![0x30, 0x26, 0x30, 0x24, 0x30, 0x22, 0x04, 0x20];
    out.extend_from_slice(&hash);
    out
}

/// The DER of the CMS ContentInfo signing `digest` (SHA-256 of the
/// ByteRange bytes) with `signer`.
pub fn signed_data(digest: &[u8; 32], signer: &dyn Signer) -> Result<Vec<u8>, SignError> {
    let certificate = signer.certificate();
    let certificate_der = der_of(certificate);
    let sha256 = AlgorithmIdentifierOwned {
        oid: ID_SHA256,
        parameters: None,
    };
    let mut signed_attrs = SetOfVec::new();
    signed_attrs.insert(attribute(ID_CONTENT_TYPE, Any::encode_from(&ID_DATA)?)?)?;
    signed_attrs.insert(attribute(
        ID_MESSAGE_DIGEST,
        Any::encode_from(&OctetString::new(digest.to_vec())?)?,
    )?)?;
    signed_attrs.insert(attribute(
        ID_SIGNING_CERTIFICATE_V2,
        <Any as der::Decode>::from_der(&signing_certificate_v2(&certificate_der))?,
    )?)?;
    // The signature is over the attributes' DER as a SET (tag 0x31), not
    // as the [0] IMPLICIT they are stored under (RFC 5652 §5.4).
    let to_sign = signed_attrs.to_der()?;
    let signature = signer.sign(&to_sign)?;
    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: certificate.tbs_certificate.issuer.clone(),
            serial_number: certificate.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: sha256.clone(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: AlgorithmIdentifierOwned {
            oid: RSA_ENCRYPTION,
            parameters: Some(Any::new(Tag::Null, Vec::<u8>::new())?),
        },
        signature: OctetString::new(signature)?,
        unsigned_attrs: None,
    };
    let mut certificates = vec![CertificateChoices::Certificate(certificate.clone())];
    certificates.extend(
        signer
            .chain()
            .iter()
            .cloned()
            .map(CertificateChoices::Certificate),
    );
    let mut digest_algorithms = SetOfVec::new();
    digest_algorithms.insert(sha256)?;
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet::try_from(certificates)?),
        crls: None,
        signer_infos: SignerInfos::try_from(vec![signer_info])?,
    };
    let content_info = ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&signed_data)?,
    };
    Ok(content_info.to_der()?)
}

/// SHA-256 of a certificate's DER, as signing-certificate-v2 holds it.
#[cfg(test)]
pub(crate) fn certificate_hash(certificate_der: &[u8]) -> [u8; 32] {
    Sha256::digest(certificate_der).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_certificate_v2_is_the_documented_der() {
        let der = signing_certificate_v2(b"certificate");
        assert_eq!(&der[..8], &[0x30, 0x26, 0x30, 0x24, 0x30, 0x22, 0x04, 0x20]);
        assert_eq!(&der[8..], &certificate_hash(b"certificate"));
        assert_eq!(der.len(), 0x28);
    }
}
