//! Carries out what the command line asks, writing results to `out`.

mod apprentice;
mod checkin;
mod demo;
mod records;
mod report;
mod show;
mod standard_show;
mod validate;

use crate::cli::{
    ApprenticeCommand, AssessorCommand, CheckinCommand, Cli, Command, EvidenceCommand,
    HoursCommand, OutcomeCommand, RequirementCommand, StandardCommand,
};
use crate::domain::{Enrolment, Person, PersonId};
use crate::framework::{BUNDLED, Framework, FrameworkError, default_framework, load_file};
use crate::store::{Store, StoreError, database_path};
use chrono::NaiveDate;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use thiserror::Error;

pub use standard_show::render_summary;

/// Why a command could not finish.
#[derive(Debug, Error)]
pub enum CommandError {
    #[error(transparent)]
    Framework(#[from] FrameworkError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Refused(String),
    #[error("cannot write the output: {0}")]
    Output(#[from] io::Error),
}

/// What every command may need from the global options.
pub struct Context {
    pub standard: Option<PathBuf>,
    pub db: Option<PathBuf>,
    pub today: NaiveDate,
    /// Who is acting, as typed with `--as`.
    pub acting_as: Option<String>,
}

impl Context {
    pub fn open_store(&self) -> Result<Store, CommandError> {
        let path = database_path(self.db.as_deref())?;
        let store = Store::open(&path)?;
        if store.is_read_only() {
            eprintln!(
                "note: {} is read-only: it can be shown, but nothing can be recorded",
                path.display()
            );
        }
        Ok(store)
    }

    /// The person named with `--as`, recorded as the author of changes.
    pub fn actor(&self, store: &Store) -> Result<Option<PersonId>, CommandError> {
        match &self.acting_as {
            Some(query) => Ok(Some(store.find_person(query)?.id)),
            None => Ok(None),
        }
    }

    /// The framework an enrolment names: `--standard` when its id matches,
    /// else the bundled file with that id.
    pub fn framework_by_id(&self, id: &str) -> Result<Framework, CommandError> {
        if let Some(path) = &self.standard {
            let framework = load_file(path)?;
            if framework.framework.id == id {
                return Ok(framework);
            }
        }
        for bundled in BUNDLED {
            let framework = bundled.load()?;
            if framework.framework.id == id {
                return Ok(framework);
            }
        }
        Err(CommandError::Refused(format!(
            "the framework `{id}` is not bundled; give its file with --standard FILE"
        )))
    }
}

/// Runs the parsed command line; the exit code says whether it succeeded.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    let context = Context {
        standard: cli.standard,
        db: cli.db,
        today: cli
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        acting_as: cli.acting_as,
    };
    match cli.command {
        None => crate::tui::run(&context),
        Some(Command::Validate { files }) => validate::run(&files, out),
        Some(Command::Standard {
            command: StandardCommand::Show { file },
        }) => {
            let file = file.or(context.standard);
            let (framework, source) = active_framework(file.as_deref())?;
            out.write_all(render_summary(&framework, &source).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Apprentice { command }) => match command {
            ApprenticeCommand::Add(add) => apprentice::add(&context, &add, out),
            ApprenticeCommand::List { format } => apprentice::list(&context, format, out),
            ApprenticeCommand::Show { person, format } => show::run(&context, &person, format, out),
            ApprenticeCommand::Status {
                person,
                status,
                date,
            } => apprentice::set_status(&context, &person, &status, date, out),
        },
        Some(Command::Assessor {
            command: AssessorCommand::Add { name },
        }) => apprentice::add_assessor(&context, &name, out),
        Some(Command::Evidence {
            command: EvidenceCommand::Add(add),
        }) => records::add_evidence(&context, &add, out),
        Some(Command::Hours {
            command: HoursCommand::Add(add),
        }) => records::add_hours(&context, &add, out),
        Some(Command::Requirement {
            command: RequirementCommand::Set(set),
        }) => records::set_requirement(&context, &set, out),
        Some(Command::Outcome {
            command: OutcomeCommand::Set(set),
        }) => records::set_outcome(&context, &set, out),
        Some(Command::Demo { force, scale }) => demo::run(&context, force, scale, out),
        Some(Command::Report {
            person,
            all,
            format,
        }) => match person {
            Some(person) if !all => report::person(&context, &person, format, out),
            _ => report::caseload(&context, format, out),
        },
        Some(Command::Checkin { command }) => match command {
            CheckinCommand::List { person } => checkin::list(&context, &person, out),
            CheckinCommand::Show { id, format } => checkin::show(&context, id, format, out),
            CheckinCommand::Amend { id, reason } => checkin::amend(&context, id, &reason, out),
        },
        Some(Command::Verify) => checkin::verify(&context, out),
        Some(Command::Backup { path }) => {
            let store = context.open_store()?;
            store.backup(&path)?;
            writeln!(
                out,
                "backed up {} to {}",
                store.path().display(),
                path.display()
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The person `query` names and their latest enrolment.
pub fn enrolled(store: &Store, query: &str) -> Result<(Person, Enrolment), CommandError> {
    let person = store.find_person(query)?;
    match store.latest_enrolment(person.id)? {
        Some(enrolment) => Ok((person, enrolment)),
        None => Err(CommandError::Refused(format!(
            "{} is not enrolled on any framework",
            person.name
        ))),
    }
}

/// The framework named on the command line, else the bundled default, with
/// a label saying where it came from.
pub fn active_framework(file: Option<&Path>) -> Result<(Framework, String), FrameworkError> {
    match file {
        Some(path) => Ok((load_file(path)?, path.display().to_string())),
        None => {
            let bundled = default_framework();
            Ok((bundled.load()?, bundled.label()))
        }
    }
}
