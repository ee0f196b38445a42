//! The `azml` command line.

mod codegen;
mod dump;
mod files;
mod run;
mod schema;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Azure Machine Learning specs and YAML, from Rust.
#[derive(Parser)]
#[command(name = "azml", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Validate(validate::Args),
    Dump(dump::Args),
    Codegen(codegen::Args),
    Run(run::Args),
    Schema(schema::Args),
}

/// Exit status: 0 success, 1 the input is invalid, 2 usage or I/O error.
fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Dump(args) => dump::run(&args),
        Command::Codegen(args) => codegen::run(&args),
        Command::Run(args) => run::run(&args),
        Command::Schema(args) => schema::run(&args),
    }
}
