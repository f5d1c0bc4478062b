//! Where the signing key lives: a PKCS#12 file ([`FileKey`]) or a PKCS#11
//! token ([`TokenKey`], the USB tokens of the Vietnamese CAs), behind one
//! [`Signer`] trait (bytes in, RSA PKCS#1 v1.5 SHA-256 signature out), so
//! a remote signing service can be added without touching the PDF side.

use std::path::Path;

use der::{Decode, Encode};
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer as _, Verifier as _};
use rsa::RsaPrivateKey;
use sha2::Sha256;
use x509_cert::Certificate;

use super::SignError;

/// A key that signs, with its certificate and the chain above it.
pub trait Signer {
    /// The signer's certificate.
    fn certificate(&self) -> &Certificate;
    /// The certificates above it (may be empty).
    fn chain(&self) -> &[Certificate];
    /// RSA PKCS#1 v1.5 signature of SHA-256(`message`).
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignError>;
}

/// A key and its certificates read from a PKCS#12 (.p12, .pfx) file.
pub struct FileKey {
    key: SigningKey<Sha256>,
    certificate: Certificate,
    chain: Vec<Certificate>,
}

impl FileKey {
    /// Reads `path` with `password`: the first key entry, its certificate
    /// and chain.
    pub fn open(path: &Path, password: &str) -> Result<FileKey, SignError> {
        let data =
            std::fs::read(path).map_err(|e| SignError::Key(format!("{}: {e}", path.display())))?;
        let store = p12_keystore::KeyStore::from_pkcs12(&data, password).map_err(|e| match e {
            p12_keystore::error::Error::MacError(_) => {
                SignError::Password(path.display().to_string())
            }
            other => SignError::Key(format!("{}: {other}", path.display())),
        })?;
        let Some((_, entry)) = store.private_key_chain() else {
            return Err(SignError::Key(crate::tr!(
                "sign.no_key_in_file",
                file = path.display()
            )));
        };
        let key = RsaPrivateKey::from_pkcs8_der(entry.key())
            .map_err(|e| SignError::Key(format!("{}: {e}", path.display())))?;
        let mut certificates = entry
            .chain()
            .iter()
            .map(|c| Certificate::from_der(c.as_der()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| SignError::Key(format!("{}: {e}", path.display())))?;
        if certificates.is_empty() {
            return Err(SignError::Key(crate::tr!(
                "sign.no_certificate",
                file = path.display()
            )));
        }
        let certificate = certificates.remove(0);
        let file_key = FileKey {
            key: SigningKey::<Sha256>::new(key),
            certificate,
            chain: certificates,
        };
        // The key must be the certificate's: a test signature checked
        // with the certificate's public key.
        let probe = file_key.sign(b"ketluan")?;
        if !verify(&file_key.certificate, b"ketluan", &probe) {
            return Err(SignError::Key(crate::tr!(
                "sign.key_mismatch",
                file = path.display()
            )));
        }
        Ok(file_key)
    }
}

impl Signer for FileKey {
    fn certificate(&self) -> &Certificate {
        &self.certificate
    }
    fn chain(&self) -> &[Certificate] {
        &self.chain
    }
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignError> {
        let signature: Signature = self.key.sign(message);
        Ok(signature.to_vec())
    }
}

/// Checks an RSA PKCS#1 v1.5 SHA-256 `signature` of `message` with the
/// certificate's public key.
pub fn verify(certificate: &Certificate, message: &[u8], signature: &[u8]) -> bool {
    use rsa::pkcs1::DecodeRsaPublicKey;
    let spki = &certificate.tbs_certificate.subject_public_key_info;
    let key_bytes = spki.subject_public_key.raw_bytes();
    let (Ok(key), Ok(signature)) = (
        rsa::RsaPublicKey::from_pkcs1_der(key_bytes),
        Signature::try_from(signature),
    ) else {
        return false;
    };
    VerifyingKey::<Sha256>::new(key)
        .verify(message, &signature)
        .is_ok()
}

/// Where to find a key on a PKCS#11 token.
#[derive(Clone, Debug)]
pub struct TokenRequest<'a> {
    /// The PKCS#11 library (`libsofthsm2.so`, the CA's driver DLL).
    pub module: &'a Path,
    /// The token's label.
    pub token_label: &'a str,
    /// The private key's label.
    pub key_label: &'a str,
    /// The user PIN.
    pub pin: &'a str,
}

/// A private key on a PKCS#11 token, logged in, with the certificate of
/// the same `CKA_ID`.
pub struct TokenKey {
    session: cryptoki::session::Session,
    key: cryptoki::object::ObjectHandle,
    mechanism_with_hash: bool,
    certificate: Certificate,
    chain: Vec<Certificate>,
    // Keeps the library loaded for the session's life.
    _context: cryptoki::context::Pkcs11,
}

impl TokenKey {
    /// Opens the token, logs in and finds the key and its certificate.
    pub fn open(request: &TokenRequest) -> Result<TokenKey, SignError> {
        use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
        use cryptoki::mechanism::MechanismType;
        use cryptoki::object::{Attribute, AttributeType, ObjectClass};
        use cryptoki::session::UserType;
        use cryptoki::types::AuthPin;

        let module = request.module.display().to_string();
        let token_error = |e: cryptoki::error::Error| SignError::Token(format!("{module}: {e}"));
        let context = Pkcs11::new(request.module).map_err(token_error)?;
        context
            .initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK))
            .map_err(token_error)?;
        let mut slot = None;
        for candidate in context.get_slots_with_token().map_err(token_error)? {
            let info = context.get_token_info(candidate).map_err(token_error)?;
            if info.label().trim_end() == request.token_label {
                slot = Some(candidate);
                break;
            }
        }
        let Some(slot) = slot else {
            return Err(SignError::Token(crate::tr!(
                "sign.no_token",
                label = request.token_label,
                module = module
            )));
        };
        let mechanism_with_hash = context
            .get_mechanism_list(slot)
            .map_err(token_error)?
            .contains(&MechanismType::SHA256_RSA_PKCS);
        let session = context.open_ro_session(slot).map_err(token_error)?;
        session
            .login(UserType::User, Some(&AuthPin::new(request.pin.into())))
            .map_err(|e| {
                use cryptoki::error::{Error, RvError};
                match e {
                    Error::Pkcs11(
                        RvError::PinIncorrect
                        | RvError::PinInvalid
                        | RvError::PinLenRange
                        | RvError::PinLocked,
                        _,
                    ) => SignError::Pin(request.token_label.to_string()),
                    other => token_error(other),
                }
            })?;
        let keys = session
            .find_objects(&[
                Attribute::Class(ObjectClass::PRIVATE_KEY),
                Attribute::Label(request.key_label.as_bytes().to_vec()),
            ])
            .map_err(token_error)?;
        let Some(&key) = keys.first() else {
            return Err(SignError::Token(crate::tr!(
                "sign.no_token_key",
                label = request.key_label,
                token = request.token_label
            )));
        };
        let id = match session
            .get_attributes(key, &[AttributeType::Id])
            .map_err(token_error)?
            .into_iter()
            .next()
        {
            Some(Attribute::Id(id)) => id,
            _ => Vec::new(),
        };
        let mut certificates = Vec::new();
        for handle in session
            .find_objects(&[Attribute::Class(ObjectClass::CERTIFICATE)])
            .map_err(token_error)?
        {
            let attributes = session
                .get_attributes(handle, &[AttributeType::Id, AttributeType::Value])
                .map_err(token_error)?;
            let (mut cert_id, mut value) = (None, None);
            for attribute in attributes {
                match attribute {
                    Attribute::Id(v) => cert_id = Some(v),
                    Attribute::Value(v) => value = Some(v),
                    _ => {}
                }
            }
            if let Some(value) = value {
                if let Ok(certificate) = Certificate::from_der(&value) {
                    certificates.push((cert_id.as_deref() == Some(&id[..]), certificate));
                }
            }
        }
        let Some(position) = certificates.iter().position(|(own, _)| *own) else {
            return Err(SignError::Token(crate::tr!(
                "sign.no_token_certificate",
                label = request.key_label,
                token = request.token_label
            )));
        };
        let (_, certificate) = certificates.remove(position);
        let token_key = TokenKey {
            session,
            key,
            mechanism_with_hash,
            certificate,
            chain: certificates.into_iter().map(|(_, c)| c).collect(),
            _context: context,
        };
        Ok(token_key)
    }
}

/// The DER DigestInfo prefix of SHA-256 (RFC 8017 §9.2, note 1).
const SHA256_DIGEST_INFO: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

impl Signer for TokenKey {
    fn certificate(&self) -> &Certificate {
        &self.certificate
    }
    fn chain(&self) -> &[Certificate] {
        &self.chain
    }
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignError> {
        use cryptoki::mechanism::Mechanism;
        use sha2::Digest;
        let result = if self.mechanism_with_hash {
            self.session
                .sign(&Mechanism::Sha256RsaPkcs, self.key, message)
        } else {
            // A token that only pads: the DigestInfo is built here.
            let mut digest_info = SHA256_DIGEST_INFO.to_vec();
            digest_info.extend_from_slice(&Sha256::digest(message));
            self.session
                .sign(&Mechanism::RsaPkcs, self.key, &digest_info)
        };
        let signature = result.map_err(|e| SignError::Token(e.to_string()))?;
        if !verify(&self.certificate, message, &signature) {
            return Err(SignError::Token(crate::tr!("sign.token_key_mismatch")));
        }
        Ok(signature)
    }
}

/// The certificate's DER bytes.
pub fn der_of(certificate: &Certificate) -> Vec<u8> {
    certificate.to_der().expect("a decoded certificate encodes")
}
