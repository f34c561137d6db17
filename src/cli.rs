//! The command line, as clap reads it. Parsing only: `commands` acts on it.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Track progress through an apprenticeship standard or professional pathway.
#[derive(Debug, Parser)]
#[command(name = "pcso-tracker", version, about, long_about = None)]
pub struct Cli {
    /// Framework file to use instead of the bundled one (standard/pcso-level4.yaml)
    #[arg(long, global = true, value_name = "FILE")]
    pub standard: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check framework files; print `ok` for each valid one, else every problem as FILE:LINE:COL
    Validate {
        /// Framework YAML files to check
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Show the framework in use
    Standard {
        #[command(subcommand)]
        command: StandardCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum StandardCommand {
    /// Print a readable summary of a framework: programme, outcomes, requirements, assessment, gateway, hours
    Show {
        /// Framework file to summarise (default: --standard, else the bundled file)
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
    },
}
