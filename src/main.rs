//! The `ketluan` command line ([`ketluan::cli`]). The system allocator:
//! mimalloc was measured again (issue 15) and bought 4 % of the batch's
//! time for 2.6 to 4 times its peak memory (60–96 MB against 23 MB).

use std::process::ExitCode;

fn main() -> ExitCode {
    ketluan::cli::main()
}
