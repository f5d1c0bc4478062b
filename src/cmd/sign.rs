//! `ketluan sign FILE.pdf --as nguoi-ky|co-quan --image PNG (--p12 FILE |
//! --pkcs11-module LIB --token-label L --key-label K)`: a PAdES signature
//! added to an issued PDF (src/signing/), the file replaced atomically.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::CmdResult;
use crate::issuing::sidecar;
use crate::signing::keys::{FileKey, Signer, TokenKey, TokenRequest};
use crate::signing::{self, Role, SignError};

/// Arguments of `sign`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The PDF issued by ketluan (its .sign.json beside it).
    pub file: PathBuf,
    /// Who signs: nguoi-ky (the leader) or co-quan (the agency, after).
    #[arg(long = "as", value_parser = ROLES)]
    pub role: Role,
    /// The PNG drawn: the signature (nguoi-ky) or the seal (co-quan).
    #[arg(long)]
    pub image: PathBuf,
    /// A PKCS#12 key file (.p12, .pfx); password from KETLUAN_P12_PASSWORD.
    #[arg(long, conflicts_with = "pkcs11_module")]
    pub p12: Option<PathBuf>,
    /// A PKCS#11 library (a USB token's driver); PIN from KETLUAN_PIN.
    #[arg(long, requires_all = ["token_label", "key_label"])]
    pub pkcs11_module: Option<PathBuf>,
    /// The token's label.
    #[arg(long)]
    pub token_label: Option<String>,
    /// The key's label on the token.
    #[arg(long)]
    pub key_label: Option<String>,
    /// The signing time, ISO 8601 (default: now, Vietnam time).
    #[arg(long)]
    pub signing_time: Option<String>,
    /// Write the signed file here instead of replacing FILE.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

/// The roles `--as` takes.
pub const ROLES: super::Choices<Role> =
    super::Choices::new(&["nguoi-ky", "co-quan"], |s| match s {
        "nguoi-ky" => Ok(Role::Signer),
        "co-quan" => Ok(Role::Agency),
        other => Err(crate::tr!("sign.bad_role", value = other)),
    });

fn fail(message: String) -> CmdResult {
    eprintln!("ketluan: {}: {message}", crate::tr!("diag.error"));
    Ok(ExitCode::FAILURE)
}

/// A secret from `variable`, else asked on the terminal (not echoed).
fn secret(variable: &str, prompt: &str) -> Result<String, String> {
    if let Ok(value) = std::env::var(variable) {
        return Ok(value);
    }
    if !std::io::stdin().is_terminal() {
        return Err(crate::tr!("sign.secret_missing", variable = variable));
    }
    eprint!("{prompt}: ");
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

fn open_key(args: &Args) -> Result<Box<dyn Signer>, String> {
    if let Some(p12) = &args.p12 {
        let password = secret("KETLUAN_P12_PASSWORD", &crate::tr!("sign.ask_password"))?;
        return Ok(Box::new(
            FileKey::open(p12, &password).map_err(|e| e.to_string())?,
        ));
    }
    if let Some(module) = &args.pkcs11_module {
        let pin = secret("KETLUAN_PIN", &crate::tr!("sign.ask_pin"))?;
        let request = TokenRequest {
            module,
            token_label: args.token_label.as_deref().unwrap_or_default(),
            key_label: args.key_label.as_deref().unwrap_or_default(),
            pin: &pin,
        };
        return Ok(Box::new(
            TokenKey::open(&request).map_err(|e| e.to_string())?,
        ));
    }
    Err(crate::tr!("sign.no_key"))
}

fn signing_time(text: Option<&str>) -> Result<jiff::ZonedDateTime, String> {
    match text {
        None => Ok(jiff::Timestamp::now().to_zoned_datetime(signing::vietnam())),
        Some(t) => t
            .parse::<jiff::Timestamp>()
            .map(|ts| ts.to_zoned_datetime(signing::vietnam()))
            .map_err(|e| crate::tr!("sign.bad_time", value = t, reason = e)),
    }
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Signs a PDF.
pub fn run(args: Args) -> CmdResult {
    let time = match signing_time(args.signing_time.as_deref()) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let pdf = match read(&args.file) {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    let sidecar_path = sidecar::path_for(&args.file);
    let sidecar = match sidecar::read(&sidecar_path) {
        Ok(s) => s,
        Err(e) => {
            return fail(crate::tr!(
                "sign.no_sidecar",
                file = args.file.display(),
                detail = e
            ))
        }
    };
    let image = match read(&args.image) {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    let signer = match open_key(&args) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let name = args.file.display().to_string();
    let request = signing::Request {
        pdf: &pdf,
        name: &name,
        sidecar: &sidecar,
        role: args.role,
        image: &image,
        image_name: &args.image.display().to_string(),
        time,
    };
    let signed = match signing::sign(&request, signer.as_ref()) {
        Ok(bytes) => bytes,
        Err(e @ SignError::Encrypted) | Err(e @ SignError::NotPdf(_)) => {
            return fail(format!("{name}: {e}"))
        }
        Err(e) => return fail(e.to_string()),
    };
    let target = args.output.as_deref().unwrap_or(&args.file);
    if let Err(e) = crate::output::write_atomic(target, &signed) {
        return fail(format!("{}: {e}", target.display()));
    }
    println!(
        "{}",
        crate::tr!(
            "sign.done",
            file = target.display(),
            field = args.role.field(),
            subject = signer.certificate().tbs_certificate.subject
        )
    );
    Ok(ExitCode::SUCCESS)
}
