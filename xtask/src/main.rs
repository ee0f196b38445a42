//! Developer tasks: `cargo xtask codegen [--check]`, `cargo xtask parity [--check] [--corpus DIR]`.

mod codegen;
mod parity;
mod schemas;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(&args[1..]),
        Some("parity") => parity::run(&args[1..]),
        _ => {
            eprintln!("usage: cargo xtask codegen [--check] | cargo xtask parity [--check] [--corpus DIR]");
            ExitCode::FAILURE
        }
    }
}
