//! The `yufang` binary: everything lives in the library so tests and benchmarks reach it.

fn main() -> std::process::ExitCode {
    yufang::cli::main()
}
