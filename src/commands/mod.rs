//! Carries out what the command line asks, writing results to `out`.

mod admin;
mod apprentice;
mod checkin;
mod confirm;
mod copy;
mod demo;
mod epa;
mod evidence;
mod export;
mod gateway;
mod generate;
mod hours;
mod hours_change;
mod pin;
mod pin_input;
mod plan;
mod records;
mod report;
mod show;
mod signing;
mod standard_show;
mod terminal;
mod validate;

use crate::cli::{
    AdminCommand, ApprenticeCommand, AssessorCommand, CheckinCommand, Cli, Command,
    EvidenceCommand, GatewayCommand, HoursCommand, OutcomeCommand, PersonCommand, PinCommand,
    PlanCommand, RequirementCommand, StandardCommand,
};
use crate::domain::{Enrolment, Person, PersonId};
use crate::framework::{Framework, FrameworkError, Registry, default_framework, load_file};
use crate::ops::{Clock, Field, OpError, Ops};
use crate::report::CaseloadOrder;
use crate::store::postgres::connect::with_password;
use crate::store::postgres::security::SecurityError;
use crate::store::{Location, Store, StoreError};
use crate::tui::{self, AppError, Launch};
use chrono::NaiveDate;
use std::cell::OnceCell;
use std::io::{self, IsTerminal, Write};
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
    #[error(transparent)]
    App(#[from] AppError),
    #[error("cannot write the output: {0}")]
    Output(#[from] io::Error),
    #[error(transparent)]
    Security(#[from] SecurityError),
}

/// An operation's refusal, naming the flag at fault.
impl From<OpError> for CommandError {
    fn from(error: OpError) -> CommandError {
        match error {
            OpError::Store(error) => CommandError::Store(error),
            OpError::Framework(error) => CommandError::Framework(error),
            OpError::SameName { name, existing } => CommandError::Refused(format!(
                "{name} is already recorded (id {existing}); to add another person with the same name, add --allow-same-name"
            )),
            other => CommandError::Refused(other.naming(|field| flag(field).to_string())),
        }
    }
}

/// How the command line names each input: a flag, or a positional argument
/// as the usage line shows it.
fn flag(field: Field) -> &'static str {
    match field {
        Field::Name => "<NAME>",
        Field::Start => "--start",
        Field::DateOfBirth => "--dob",
        Field::Employer => "--employer",
        Field::Assessor => "--assessor",
        Field::Area => "--area",
        Field::Status => "--status",
        Field::Date => "--date",
        Field::Title => "--title",
        Field::Kind => "--kind",
        Field::Description => "--text",
        Field::FileRef => "--file",
        Field::Attach => "--attach",
        Field::Outcomes => "--outcomes",
        Field::Outcome => "<CODE>",
        Field::Hours => "--hours",
        Field::Category => "--category",
        Field::Activity => "--activity",
        Field::Note => "--note",
        Field::Benefit => "--benefit",
        Field::Requirement => "<ID>",
        Field::Reference => "--reference",
        Field::Expires => "--expires",
        Field::Reason => "--reason",
        Field::Uln => "--uln",
        Field::Support => "--support",
        Field::Method => "--method",
        Field::Grade => "--grade",
        Field::Attempt => "--attempt",
        Field::Unit => "<UNIT>",
        Field::PlannedEnd => "--planned-end",
        Field::PriorLearning => "--prior-learning-hours",
        Field::PriorLearningReason => "--prior-learning-reason",
        Field::Organisation => "--assessment-organisation",
        Field::ChosenOn => "--chosen-on",
        Field::EnglishMaths => "--english-maths",
        Field::DecidedBy => "--decided-by",
        other => other.word(),
    }
}

/// What every command may need from the global options.
pub struct Context {
    pub standard: Option<PathBuf>,
    pub db: Option<PathBuf>,
    pub clock: Clock,
    /// Who is acting, as typed with `--as`.
    pub acting_as: Option<String>,
    /// A server's URL with the password typed for it, once asked.
    pub server_with_password: OnceCell<String>,
}

impl Context {
    /// The day rules are judged on.
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    /// The frameworks this run knows: `--standard` first, then the bundled ones.
    pub fn registry(&self) -> Result<Registry, CommandError> {
        Ok(Registry::load(self.standard.as_deref())?)
    }

    /// The database `--db` or PCSO_TRACKER_DB names, opened; a server that
    /// asks for a password gets one typed at the terminal, asked once.
    pub fn open_database(&self) -> Result<Store, CommandError> {
        let location = match self.server_with_password.get() {
            Some(url) => Location::Server(url.clone()),
            None => Location::resolve(self.db.as_deref())?,
        };
        match (location.open(), &location) {
            (Err(StoreError::PasswordNeeded { path }), Location::Server(url))
                if io::stdin().is_terminal() =>
            {
                let prompt = format!("Password for {}: ", path.display());
                let password = pin_input::prompt_hidden(&prompt)
                    .map_err(|e| CommandError::Refused(format!("cannot read the password: {e}")))?;
                let url = with_password(url, &password);
                let store = Location::Server(url.clone()).open()?;
                let _ = self.server_with_password.set(url);
                Ok(store)
            }
            (opened, _) => Ok(opened?),
        }
    }

    pub fn open_store(&self) -> Result<Store, CommandError> {
        let store = self.open_database()?;
        if let Some(reason) = store.read_only_reason() {
            eprintln!("note: {reason}");
        }
        Ok(store)
    }

    /// Who acts: on a server, the person the login acts for; otherwise
    /// the person named with `--as`. Recorded as the author of changes.
    pub fn actor(&self, store: &Store) -> Result<Option<PersonId>, CommandError> {
        if let Some(person) = store.login_person() {
            refuse_acting_as_with_login(self, store, person)?;
            return Ok(Some(person));
        }
        match &self.acting_as {
            Some(query) => Ok(Some(store.find_person(query)?.id)),
            None => Ok(None),
        }
    }

    /// The operations, acting as the `--as` person. Look up anyone else
    /// named on the command line first: the operations hold the store.
    pub fn ops<'a>(
        &self,
        store: &'a mut Store,
        registry: &'a Registry,
    ) -> Result<Ops<'a>, CommandError> {
        let actor = self.actor(store)?;
        Ok(Ops::new(store, registry, self.clock, actor))
    }
}

/// `--as` is refused where the server says who is connected: a login acts
/// only as the person it was granted for.
pub fn refuse_acting_as_with_login(
    context: &Context,
    store: &Store,
    person: PersonId,
) -> Result<(), CommandError> {
    if context.acting_as.is_none() {
        return Ok(());
    }
    let name = store.person(person)?.name;
    Err(CommandError::Refused(format!(
        "your database login acts as {name}, and only as {name}: leave out --as"
    )))
}

/// Runs the parsed command line; the exit code says whether it succeeded.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    if terminal::for_programs(cli.command.as_ref()) {
        run_command(cli, out)
    } else {
        run_command(cli, &mut terminal::Visible(out))
    }
}

fn run_command(cli: Cli, out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    let context = Context {
        standard: cli.standard,
        db: cli.db,
        clock: cli.today.map_or_else(Clock::system, Clock::as_of),
        acting_as: cli.acting_as,
        server_with_password: OnceCell::new(),
    };
    if asks_for_pin(cli.command.as_ref()) {
        pin::confirm_acting(&context)?;
    }
    match cli.command {
        None => open_app(&context),
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
            ApprenticeCommand::Edit(set) => apprentice::set_details(&context, &set, out),
            ApprenticeCommand::List { format } => apprentice::list(&context, format, out),
            ApprenticeCommand::Show { person, format } => show::run(&context, &person, format, out),
            ApprenticeCommand::Status {
                person,
                status,
                date,
                reason,
            } => apprentice::set_status(&context, &person, &status, date, reason.as_deref(), out),
        },
        Some(Command::Assessor {
            command:
                AssessorCommand::Add {
                    name,
                    allow_same_name,
                },
        }) => apprentice::add_person(&context, &name, "assessor", allow_same_name, out),
        Some(Command::Person {
            command:
                PersonCommand::Add {
                    name,
                    role,
                    allow_same_name,
                },
        }) => apprentice::add_person(&context, &name, &role, allow_same_name, out),
        Some(Command::Evidence { command }) => match command {
            EvidenceCommand::Add(add) => records::add_evidence(&context, &add, out),
            EvidenceCommand::List { person, format } => {
                evidence::list(&context, &person, format, out)
            }
            EvidenceCommand::Show { id, format } => evidence::show(&context, id, format, out),
            EvidenceCommand::Edit(edit) => evidence::edit(&context, &edit, out),
            EvidenceCommand::Delete { id, yes } => evidence::delete(&context, id, yes, out),
        },
        Some(Command::Hours { command }) => match command {
            HoursCommand::Add(add) => records::add_hours(&context, &add, out),
            HoursCommand::List { person, format } => hours::list(&context, &person, format, out),
            HoursCommand::Accept { id } => hours::accept(&context, id, out),
            HoursCommand::Query { id, reason } => hours::query(&context, id, &reason, out),
            HoursCommand::Export(export) => hours::export(&context, &export, out),
            HoursCommand::Edit(edit) => hours_change::edit(&context, &edit, out),
            HoursCommand::Delete { id, yes } => hours_change::delete(&context, id, yes, out),
        },
        Some(Command::Requirement {
            command: RequirementCommand::Set(set),
        }) => records::set_requirement(&context, &set, out),
        Some(Command::Requirement {
            command:
                RequirementCommand::Unit {
                    person,
                    requirement,
                    unit,
                    status,
                    date,
                },
        }) => epa::set_unit(&context, &person, (&requirement, &unit), &status, date, out),
        Some(Command::Epa { command }) => epa::run(&context, command, out),
        Some(Command::Outcome {
            command: OutcomeCommand::Set(set),
        }) => records::set_outcome(&context, &set, out),
        Some(Command::Pin {
            command: PinCommand::Set,
        }) => pin::set(&context, out),
        Some(Command::Demo {
            force,
            scale,
            times,
        }) => demo::run(&context, force, scale.map(|s| (s, times as usize)), out),
        Some(Command::Report {
            person,
            all,
            sort,
            reverse,
            format,
        }) => match person {
            Some(person) if !all => report::person(&context, &person, format, out),
            _ => {
                let order = sort.map(|column| CaseloadOrder {
                    column,
                    reversed: reverse,
                });
                report::caseload(&context, format, order, out)
            }
        },
        Some(Command::Checkin { command }) => match command {
            CheckinCommand::List { person } => checkin::list(&context, &person, out),
            CheckinCommand::Show { id, format } => checkin::show(&context, id, format, out),
            CheckinCommand::Amend { id, reason } => checkin::amend(&context, id, &reason, out),
            CheckinCommand::Discard { id, yes } => checkin::discard(&context, id, yes, out),
            CheckinCommand::Complete { id } => signing::complete(&context, id, out),
            CheckinCommand::Sign { id } => signing::sign(&context, id, out),
        },
        Some(Command::Plan { command }) => match command {
            PlanCommand::Show { person, format } => plan::show(&context, &person, format, out),
            PlanCommand::Set {
                person,
                planned_end,
                prior_learning_hours,
                prior_learning_reason,
                assessment_organisation,
                chosen_on,
                english_maths,
                decided_by,
                reason,
            } => plan::set(
                &context,
                &person,
                &plan::SetArgs {
                    planned_end,
                    prior_learning: prior_learning_hours.zip(prior_learning_reason),
                    assessment_organisation,
                    chosen_on,
                    english_maths: english_maths.zip(decided_by).zip(reason),
                },
                out,
            ),
        },
        Some(Command::Gateway { command }) => match command {
            GatewayCommand::Sign { person } => gateway::sign(&context, &person, out),
            GatewayCommand::Show { person } => gateway::show(&context, &person, out),
        },
        Some(Command::Admin { command }) => match command {
            AdminCommand::Init => admin::init(&context, out),
            AdminCommand::Grant {
                person,
                login,
                password,
            } => admin::grant(&context, &person, &login, password, out),
        },
        Some(Command::Completions { shell }) => generate::completions(shell, out),
        Some(Command::Man { command, dir }) => match dir {
            Some(dir) => generate::man_pages(&dir, out),
            None => generate::man(&command, out),
        },
        Some(Command::Verify) => checkin::verify(&context, out),
        Some(Command::Export { person, to }) => export::run(&context, &person, &to, out),
        Some(Command::Copy { from, to }) => copy::run(&from, &to, out),
        Some(Command::Backup { path }) => {
            let store = context.open_store()?;
            let files = store.backup(&path)?;
            writeln!(
                out,
                "backed up {} to {}",
                store.path().display(),
                path.display()
            )?;
            let folder = crate::store::files_beside(&path);
            Ok(copy::say_files_copied(&store, &files, &folder, out)?)
        }
    }
}

/// Whether the command acts on the database, so the `--as` person's PIN is
/// asked first. The app asks once it knows it has a terminal; `pin set`
/// asks for the current PIN itself.
fn asks_for_pin(command: Option<&Command>) -> bool {
    !matches!(
        command,
        None | Some(
            Command::Validate { .. }
                | Command::Standard { .. }
                | Command::Pin { .. }
                | Command::Admin { .. }
                | Command::Copy { .. }
                | Command::Completions { .. }
                | Command::Man { .. }
        )
    )
}

/// Opens the app, or explains what to use instead when there is no terminal.
fn open_app(context: &Context) -> Result<ExitCode, CommandError> {
    if !tui::has_terminal() {
        eprintln!(
            "pcso-tracker: the app needs a terminal; for text, use `pcso-tracker report PERSON` or `report --all`"
        );
        return Ok(ExitCode::from(2));
    }
    // Everything that can fail on bad input is checked before raw mode.
    pin::confirm_acting(context)?;
    let store = context.open_store()?;
    let registry = context.registry()?;
    if let Some(person) = store.login_person() {
        refuse_acting_as_with_login(context, &store, person)?;
    }
    let launch = Launch {
        clock: context.clock,
        acting_as: context.acting_as.clone(),
    };
    Ok(tui::run(store, registry, &launch)?)
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
