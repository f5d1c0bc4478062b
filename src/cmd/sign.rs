//! `ketluan sign FILE.pdf --as nguoi-ky|co-quan --image PNG (--p12 FILE |
//! --pkcs11-module LIB --token-label L --key-label K)`: a PAdES signature
//! added to an issued PDF (src/signing/), the file replaced atomically.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{fail, CmdResult};
use crate::issuing::{register, sidecar};
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
    /// The register's folder (the agency's signature records its time).
    #[arg(long, default_value = register::DIR)]
    pub register: PathBuf,
    /// Where the agency's signature files the issued copy:
    /// `<issued>/<năm>/<số>-<ký hiệu>.pdf`.
    #[arg(long, default_value = ISSUED_DIR)]
    pub issued: PathBuf,
}

/// The folder of signed, issued documents, by year.
pub const ISSUED_DIR: &str = "issued";

/// The roles `--as` takes.
pub const ROLES: super::Choices<Role> =
    super::Choices::new(&["nguoi-ky", "co-quan"], |s| match s {
        "nguoi-ky" => Ok(Role::Signer),
        "co-quan" => Ok(Role::Agency),
        other => Err(crate::tr!("sign.bad_role", value = other)),
    });

/// A secret from `variable`, else asked on the terminal without showing
/// what is typed (`rpassword`).
fn secret(variable: &str, prompt: &str) -> Result<String, String> {
    if let Ok(value) = std::env::var(variable) {
        return Ok(value);
    }
    if !std::io::stdin().is_terminal() {
        return Err(crate::tr!("sign.secret_missing", variable = variable));
    }
    rpassword::prompt_password(format!("{prompt}: ")).map_err(|e| e.to_string())
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

/// The issued copy's path and the register with the signing time, when
/// the sidecar names an issued document (number and date); `None` for a
/// file rendered `--for-signing`, numbered elsewhere.
type IssuedFiles = Option<(PathBuf, Option<(PathBuf, Vec<u8>)>)>;

fn issued_files(
    args: &Args,
    sidecar: &sidecar::Sidecar,
    time: &str,
) -> Result<IssuedFiles, String> {
    let document = &sidecar.document;
    let (Some(number), Some(date)) = (&document.number, &document.date) else {
        return Ok(None);
    };
    let year = date.get(..4).unwrap_or("0000");
    let copy = args
        .issued
        .join(year)
        .join(format!("{number}-{}.pdf", document.notation));
    let register_file = register::path_for(&args.register, year.parse().unwrap_or(0));
    let updated = register::with_signing_time(&register_file, &sidecar.sha256, time)
        .map_err(|e| e.to_string())?;
    Ok(Some((copy, updated.map(|bytes| (register_file, bytes)))))
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
    let time_text = time.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
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
    // The agency's signature issues the document: its copy under
    // issued/<năm>/ and the signing time in the register, written with
    // the signed file as one change.
    let issued = match args.role {
        Role::Agency => issued_files(&args, &sidecar, &time_text),
        Role::Signer => Ok(None),
    };
    let issued = match issued {
        Ok(i) => i,
        Err(e) => return fail(e),
    };
    let mut files: Vec<(&Path, &[u8])> = vec![(target, &signed)];
    if let Some((copy, register_file)) = &issued {
        files.push((copy.as_path(), &signed));
        if let Some((path, bytes)) = register_file {
            files.push((path.as_path(), bytes));
        }
        if let Some(parent) = copy.parent() {
            if let Err(e) = std::fs::create_dir_all(parent) {
                return fail(format!("{}: {e}", parent.display()));
            }
        }
    }
    if let Err(e) = crate::output::write_batch_atomic(&files) {
        return fail(format!("{}: {e}", target.display()));
    }
    if let Some((copy, register_file)) = &issued {
        println!("{}", copy.display());
        match register_file {
            Some((path, _)) => println!("{}", path.display()),
            None => eprintln!(
                "ketluan: {}: {}",
                crate::tr!("diag.warning"),
                crate::tr!("sign.not_in_register", dir = args.register.display())
            ),
        }
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
