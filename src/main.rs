//! The `ketluan` command line ([`ketluan::cli`]).

use std::process::ExitCode;

/// mimalloc rather than the system allocator: rendering allocates and
/// grows many short-lived buffers on every thread; measured on the
/// 1,000-meeting benchmark, 8 % less CPU and 0.4 s less wall time on two
/// cores (README, "Speed").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    ketluan::cli::main()
}
