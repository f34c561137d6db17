//! The command line, as clap reads it. Parsing only: `commands` acts on it.

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Track progress through an apprenticeship standard or professional pathway.
#[derive(Debug, Parser)]
#[command(name = "pcso-tracker", version, about, long_about = None)]
pub struct Cli {
    /// Framework file to use instead of the bundled one (standard/pcso-level4.yaml)
    #[arg(long, global = true, value_name = "FILE")]
    pub standard: Option<PathBuf>,

    /// Database file (default: $PCSO_TRACKER_DB, else the user's data folder)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Evaluate dates as of this day instead of today (YYYY-MM-DD)
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<NaiveDate>,

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
    /// Add, list and show apprentices
    Apprentice {
        #[command(subcommand)]
        command: ApprenticeCommand,
    },
    /// Add assessors
    Assessor {
        #[command(subcommand)]
        command: AssessorCommand,
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

#[derive(Debug, Subcommand)]
pub enum ApprenticeCommand {
    /// Add an apprentice and enrol them on a framework
    Add(AddApprentice),
    /// List everyone recorded, with their enrolment
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

#[derive(Debug, Args)]
pub struct AddApprentice {
    /// Full name
    pub name: String,
    /// First day on the programme (YYYY-MM-DD)
    #[arg(long, value_parser = parse_date)]
    pub start: NaiveDate,
    /// Date of birth (YYYY-MM-DD); decides whether English and maths apply
    #[arg(long, value_parser = parse_date)]
    pub dob: Option<NaiveDate>,
    /// Framework file to enrol on (default: --standard, else the bundled file)
    #[arg(long, value_name = "FILE")]
    pub framework: Option<PathBuf>,
    /// Assessor's name or id
    #[arg(long)]
    pub assessor: Option<String>,
    /// Employer or force
    #[arg(long)]
    pub employer: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum AssessorCommand {
    /// Add an assessor
    Add {
        /// Full name
        name: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

/// Earliest and latest years accepted: anything outside is a typing slip.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Parses YYYY-MM-DD, refusing impossible dates and far-off years.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2026-09-01"))?;
    if !YEARS.contains(&chrono::Datelike::year(&date)) {
        return Err(format!(
            "`{text}` is out of range: years from {} to {} are accepted",
            YEARS.start(),
            YEARS.end()
        ));
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso_real_and_in_range() {
        assert!(parse_date("2026-02-28").is_ok());
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("2026-02-29").unwrap_err().contains("not a date"));
        assert!(parse_date("01/02/2026").unwrap_err().contains("YYYY-MM-DD"));
        assert!(
            parse_date("0026-02-01")
                .unwrap_err()
                .contains("out of range")
        );
    }
}
