//! The command line, as clap reads it. Parsing only: `commands` acts on it.

use crate::report::CaseloadColumn;
use chrono::NaiveDate;
use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Track progress through an apprenticeship standard or professional pathway.
#[derive(Debug, Parser)]
#[command(name = "pcso-tracker", version, about, long_about = None)]
pub struct Cli {
    /// Framework file to use instead of the bundled one (standard/pcso-level4.yaml)
    #[arg(long, global = true, value_name = "FILE")]
    pub standard: Option<PathBuf>,

    /// Database file, or a shared database's postgresql:// URL (default: $PCSO_TRACKER_DB, else a file in the user's data folder)
    #[arg(long, global = true, value_name = "FILE_OR_URL")]
    pub db: Option<PathBuf>,

    /// Evaluate dates as of this day instead of today (YYYY-MM-DD)
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<NaiveDate>,

    /// Who is acting (a name or id); recorded in the history of every change. On a shared database your login says who you are

    #[arg(long = "as", global = true, value_name = "PERSON")]
    pub acting_as: Option<String>,

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
    /// Add assessors (administrators only)
    Assessor {
        #[command(subcommand)]
        command: AssessorCommand,
    },
    /// Add assessors, employers and administrators (administrators only)
    Person {
        #[command(subcommand)]
        command: PersonCommand,
    },
    /// Record portfolio evidence mapped to outcomes
    Evidence {
        #[command(subcommand)]
        command: EvidenceCommand,
    },
    /// Record off-the-job or CPD hours; accept or query them; export them for the learner record
    Hours {
        #[command(subcommand)]
        command: HoursCommand,
    },
    /// Record an entry requirement or qualification
    Requirement {
        #[command(subcommand)]
        command: RequirementCommand,
    },
    /// Record the apprentice's own status for an outcome
    Outcome {
        #[command(subcommand)]
        command: OutcomeCommand,
    },
    /// Where a person stands today and what blocks gateway; or one line per person with --all
    Report {
        /// The apprentice: a name or an id
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        person: Option<String>,
        /// One line per person of the caseload (with --as ASSESSOR, their apprentices only)
        #[arg(long)]
        all: bool,
        /// With --all, the column to sort by, who needs attention first (red first, most hours behind first, oldest check-in first); by name otherwise
        #[arg(long, value_parser = caseload_column(), conflicts_with = "person")]
        sort: Option<CaseloadColumn>,
        /// With --sort, the other way round
        #[arg(long, requires = "sort")]
        reverse: bool,
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
    },
    /// List and show check-ins (progress reviews)
    Checkin {
        #[command(subcommand)]
        command: CheckinCommand,
    },
    /// Show or change an apprentice's training plan
    Plan {
        #[command(subcommand)]
        command: PlanCommand,
    },
    /// Sign the gateway sign-off, or show who has signed it and who is awaited
    Gateway {
        #[command(subcommand)]
        command: GatewayCommand,
    },
    /// Record and show end-point assessment results (per assessment method)
    Epa {
        #[command(subcommand)]
        command: EpaCommand,
    },
    /// Check every sealed check-in and gateway sign-off against its seal and chain, and every attached file against its hash; exit 1 naming any that fail
    Verify,
    /// Write the evidence pack for gateway into a new or empty folder: the report, each sealed review, the evidence list mapped to outcomes and assessment methods, the attached files, and MANIFEST.sha256 (check it with `sha256sum -c MANIFEST.sha256`)
    Export {
        /// The apprentice: a name or an id
        person: String,
        /// The folder to write; must not exist yet, or be empty
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
    },
    /// Write a consistent copy of the database to a new file (safe while others write), and its attached files to PATH.files, each checked against its hash
    Backup {
        /// Where to write the copy; neither it nor PATH.files may exist yet
        path: PathBuf,
    },
    /// Copy a whole database into a new or empty one, file or server, keeping every id and seal
    ///
    /// Moves people, enrolments, every record, history, check-ins with their signatures and
    /// seals, gateway sign-offs and PINs (as their hashes) from --from into --to, with the same
    /// ids, so `verify` holds on the copy and reports read the same. --to must be new or hold no
    /// records; it is written in one transaction, so a failure leaves it empty.
    ///
    /// On a server, connect as the database's owner (the login that ran `admin init`): a
    /// person's login sees only the records of the people it reaches. Two things only a server
    /// keeps: the login each signature was given under, and which login acts for which person.
    /// Copied from a file, a signature records an empty login (it was signed in a file, under no
    /// login of its own) and no one is linked to a login: run `admin init`, then `admin grant`.
    /// Between servers both are copied; a copy to a file drops them.
    ///
    /// Attached files are copied to the target's folder (beside a file; on a server,
    /// $PCSO_TRACKER_FILES), each read back against its hash; a file missing or changed in the
    /// source is named and the copy exits 1. A server without PCSO_TRACKER_FILES is refused
    /// before anything is written when there are files to copy.
    Copy {
        /// The database to copy: a file, or a postgresql:// URL
        #[arg(long, value_name = "FILE_OR_URL")]
        from: PathBuf,
        /// Where to copy it: a new file, or a new or empty database's postgresql:// URL
        #[arg(long, value_name = "FILE_OR_URL")]
        to: PathBuf,
    },
    /// Your own PIN (with --as YOU); typed at the terminal, never on the command line
    Pin {
        #[command(subcommand)]
        command: PinCommand,
    },
    /// Set up a shared PostgreSQL database's permissions and logins (as the database's owner)
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Print a completion script for a shell, e.g. `source <(pcso-tracker completions bash)`
    Completions {
        /// The shell to complete commands in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `pcso-tracker man | man -l -`, or a command's own page
    Man {
        /// A command's own page, e.g. `checkin` or `checkin show`; the whole program's without one
        command: Vec<String>,
        /// Write every page (the program's and each command's) into this folder instead, for `man -M`
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        dir: Option<PathBuf>,
    },
    /// Fill the database with sample people and records to try the app
    Demo {
        /// Add the sample even though the database already holds people
        #[arg(long)]
        force: bool,
        /// `provider`: 2,000 enrolments, 400,000 evidence items and sealed check-ins, for benchmarks
        #[arg(long, value_enum)]
        scale: Option<DemoScale>,
        /// With --scale: generate this many times the scale (1 to 100)
        #[arg(long, requires = "scale", default_value_t = 1,
              value_parser = clap::value_parser!(u32).range(1..=100))]
        times: u32,
    },
}

#[derive(Debug, Subcommand)]
pub enum CheckinCommand {
    /// One line per check-in of a person: date, assessor, signed, awaiting signatures or draft, amendments
    List {
        /// The apprentice: a name or an id
        person: String,
    },
    /// Complete a draft check-in as its assessor (with --as): its content is fixed and it waits for signatures
    Complete {
        /// The draft check-in's id
        #[arg(allow_negative_numbers = true)]
        id: i64,
    },
    /// Sign a completed check-in as yourself (with --as): the apprentice, her assessor or her employer
    Sign {
        /// The completed check-in's id
        #[arg(allow_negative_numbers = true)]
        id: i64,
    },
    /// Start an amendment of a signed check-in (with --as ASSESSOR); finish and sign it in the app
    Amend {
        /// The signed check-in's id
        #[arg(allow_negative_numbers = true)]
        id: i64,
        /// Why the record needs amending
        #[arg(long)]
        reason: String,
    },
    /// Discard a draft check-in (its assessor or an administrator, with --as); the history keeps it
    Discard {
        /// The draft check-in's id
        #[arg(allow_negative_numbers = true)]
        id: i64,
        /// Discard without asking (needed when not at a terminal)
        #[arg(long)]
        yes: bool,
    },
    /// The full record of one check-in, for the employer and the portfolio
    Show {
        /// The check-in's id (see `checkin list`)
        #[arg(allow_negative_numbers = true)]
        id: i64,
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum GatewayCommand {
    /// Sign as yourself (with --as): the apprentice, her assessor or her employer, once every gateway rule is met
    Sign {
        /// The apprentice: a name or an id
        person: String,
    },
    /// Who has signed the gateway sign-off, who is awaited, and its seal
    Show {
        /// The apprentice: a name or an id
        person: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum EpaCommand {
    /// Record a result the assessment organisation gave, after the gateway sign-off is sealed
    Record {
        /// The apprentice: a name or an id
        person: String,
        /// The assessment method's id, as `standard show` lists them
        #[arg(long)]
        method: String,
        /// A grade on the method's scale, e.g. pass
        #[arg(long)]
        grade: String,
        /// The day of the assessment
        #[arg(long, value_parser = parse_date)]
        date: NaiveDate,
        /// first, resit (again, without further training) or retake (after further training)
        #[arg(long, default_value = "first")]
        attempt: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Every result recorded, method by method, and whether each is passed
    Show {
        /// The apprentice: a name or an id
        person: String,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// The plan: planned end, off-the-job hours, assessment organisation, English and maths
    Show {
        /// The apprentice: a name or an id
        person: String,
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
    },
    /// Record or change items of the plan (with --as ASSESSOR or ADMINISTRATOR); others are kept
    Set {
        /// The apprentice: a name or an id
        person: String,
        /// The planned end date, YYYY-MM-DD
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        planned_end: Option<NaiveDate>,
        /// Hours of prior learning that reduce the planned off-the-job hours
        #[arg(long, value_name = "HOURS", requires = "prior_learning_reason")]
        prior_learning_hours: Option<f64>,
        /// What the prior learning was
        #[arg(long, value_name = "TEXT", requires = "prior_learning_hours")]
        prior_learning_reason: Option<String>,
        /// The end-point assessment organisation
        #[arg(long, value_name = "NAME")]
        assessment_organisation: Option<String>,
        /// The day the organisation was chosen, YYYY-MM-DD; today if not given
        #[arg(long, value_name = "DATE", value_parser = parse_date, requires = "assessment_organisation")]
        chosen_on: Option<NaiveDate>,
        /// Whether English and maths are required, as employer and apprentice decided
        #[arg(long, value_enum, requires_all = ["decided_by", "reason"])]
        english_maths: Option<EnglishMathsArg>,
        /// Who decided about English and maths (the employer and the apprentice)
        #[arg(long, value_name = "TEXT", requires = "english_maths")]
        decided_by: Option<String>,
        /// Why English and maths are or are not required
        #[arg(long, value_name = "TEXT", requires = "english_maths")]
        reason: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EnglishMathsArg {
    Required,
    NotRequired,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown, readable as it is
    Md,
    Json,
    Csv,
}

/// A column of the caseload to sort by, by its key (`hours-behind`).
fn caseload_column() -> impl TypedValueParser<Value = CaseloadColumn> {
    clap::builder::PossibleValuesParser::new(CaseloadColumn::ALL.map(CaseloadColumn::key))
        .try_map(|key| CaseloadColumn::from_key(&key).ok_or("not a column of the caseload"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DemoScale {
    /// A training provider's whole database
    Provider,
}

#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Add a dated portfolio entry mapped to one or more outcomes
    Add(AddEvidence),
    /// One line per piece of evidence of a person: id, date, kind, title, outcomes, file
    List {
        /// The apprentice: a name or an id
        person: String,
        #[arg(long, value_enum, default_value_t = RecordsFormat::Text)]
        format: RecordsFormat,
    },
    /// One piece of evidence in full: its outcomes with their titles, text and attached file
    Show {
        /// The evidence's id (see `evidence list`)
        #[arg(allow_negative_numbers = true)]
        id: i64,
        #[arg(long, value_enum, default_value_t = RecordFormat::Text)]
        format: RecordFormat,
    },
    /// Change a piece of evidence; what is not given is kept
    Edit(EditEvidence),
    /// Delete a piece of evidence (its history stays); asks first unless --yes
    Delete {
        /// The evidence's id (see `evidence list`)
        #[arg(allow_negative_numbers = true)]
        id: i64,
        /// Delete without asking (needed when not at a terminal)
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("changes").required(true).multiple(true)
    .args(["title", "outcomes", "date", "kind", "text", "file", "attach"])))]
pub struct EditEvidence {
    /// The evidence's id (see `evidence list`)
    #[arg(allow_negative_numbers = true)]
    pub id: i64,
    #[arg(long)]
    pub title: Option<String>,
    /// Outcome codes, comma-separated, e.g. LO1,LO3 (in place of those mapped)
    #[arg(long, value_delimiter = ',')]
    pub outcomes: Option<Vec<String>>,
    /// Date of the evidence
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// observation, witness-testimony, reflective-account, work-product, professional-discussion or other
    #[arg(long)]
    pub kind: Option<String>,
    /// What the evidence shows
    #[arg(long)]
    pub text: Option<String>,
    /// Where the evidence is kept ("" removes it)
    #[arg(long)]
    pub file: Option<String>,
    /// A file to keep with the evidence, in place of any attached before
    #[arg(long, value_name = "FILE")]
    pub attach: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RecordsFormat {
    /// One line per record, to read
    Text,
    Json,
    /// One row per record, for a spreadsheet
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RecordFormat {
    /// To read
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct AddEvidence {
    /// The apprentice: a name or an id
    pub person: String,
    #[arg(long)]
    pub title: String,
    /// Outcome codes, comma-separated, e.g. LO1,LO3
    #[arg(long, value_delimiter = ',', required = true)]
    pub outcomes: Vec<String>,
    /// Date of the evidence (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// observation, witness-testimony, reflective-account, work-product, professional-discussion or other
    #[arg(long, default_value = "other")]
    pub kind: String,
    /// What the evidence shows
    #[arg(long, default_value = "")]
    pub text: String,
    /// Where the evidence is kept (a file path or document reference)
    #[arg(long)]
    pub file: Option<String>,
    /// A file to keep with the evidence: copied into the database's folder of attached files (beside a database file; on a server, $PCSO_TRACKER_FILES)
    #[arg(long, value_name = "FILE")]
    pub attach: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum HoursCommand {
    /// Add an hours entry
    Add(AddHours),
    /// One line per entry of a person: date, hours, category, outcomes and its review; as CSV also its activity and benefit
    List {
        /// The apprentice: a name or an id
        person: String,
        #[arg(long, value_enum, default_value_t = EntriesFormat::Table)]
        format: EntriesFormat,
    },
    /// Accept an off-the-job entry as counting (as the apprentice's assessor or an administrator)
    Accept {
        /// The entry's id (see `hours list`)
        #[arg(allow_negative_numbers = true)]
        id: i64,
    },
    /// Query an off-the-job entry: it stops counting until accepted, or deleted and recorded again
    Query {
        /// The entry's id (see `hours list`)
        #[arg(allow_negative_numbers = true)]
        id: i64,
        /// What is wrong with it, so it can be put right
        #[arg(long)]
        reason: String,
    },
    /// Actual hours per apprentice and month, as CSV for the learner record
    Export(ExportHours),
    /// Change an hours entry; what is not given is kept. A change takes back an acceptance
    Edit(EditHours),
    /// Delete an hours entry (its history stays); asks first unless --yes
    Delete {
        /// The entry's id (see `hours list`)
        #[arg(allow_negative_numbers = true)]
        id: i64,
        /// Delete without asking (needed when not at a terminal)
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("changes").required(true).multiple(true)
    .args(["date", "hours", "category", "outcomes", "activity", "note", "benefit"])))]
pub struct EditHours {
    /// The entry's id (see `hours list`)
    #[arg(allow_negative_numbers = true)]
    pub id: i64,
    /// Date of the work
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Hours spent, e.g. 7.5
    #[arg(long, allow_negative_numbers = true)]
    pub hours: Option<f64>,
    /// An hour category from the framework, e.g. off-the-job
    #[arg(long)]
    pub category: Option<String>,
    /// Outcome codes the time served, comma-separated, in place of those recorded
    #[arg(long, value_delimiter = ',')]
    pub outcomes: Option<Vec<String>>,
    /// An activity from the framework, e.g. coaching ("" removes it)
    #[arg(long)]
    pub activity: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
    /// What the time brought
    #[arg(long)]
    pub benefit: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportHours {
    /// The apprentice: a name or an id
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub person: Option<String>,
    /// Everyone enrolled (with --as ASSESSOR, their apprentices only)
    #[arg(long)]
    pub all: bool,
    /// First day to include (default: each apprentice's start)
    #[arg(long, value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Last day to include (default: today)
    #[arg(long, value_parser = parse_date)]
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct AddHours {
    /// The apprentice: a name or an id
    pub person: String,
    /// Hours spent, e.g. 7.5 (0.1 to 24, at most two decimal places)
    #[arg(long, allow_negative_numbers = true)]
    pub hours: f64,
    /// An hour category from the framework, e.g. off-the-job
    #[arg(long)]
    pub category: String,
    /// Date of the work (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Outcome codes the time served, comma-separated (at least one for off-the-job time)
    #[arg(long, value_delimiter = ',')]
    pub outcomes: Vec<String>,
    /// An activity from the framework, e.g. coaching
    #[arg(long)]
    pub activity: Option<String>,
    #[arg(long, default_value = "")]
    pub note: String,
    /// What the time brought (asked for by frameworks that record benefit)
    #[arg(long)]
    pub benefit: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RequirementCommand {
    /// Set a requirement's status, date, reference and expiry
    Set(SetRequirement),
    /// Record one unit of a qualification (e.g. the diploma's units)
    Unit {
        /// The apprentice: a name or an id
        person: String,
        /// The qualification's requirement id, e.g. diploma
        requirement: String,
        /// The unit's id, as `standard show` lists them
        unit: String,
        /// pending, met, not-met or exempt
        #[arg(long)]
        status: String,
        /// When it was achieved
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
}

#[derive(Debug, Args)]
pub struct SetRequirement {
    /// The apprentice: a name or an id
    pub person: String,
    /// A requirement id from the framework, e.g. maths-l2
    pub id: String,
    /// pending, met, not-met or exempt
    #[arg(long)]
    pub status: String,
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Certificate number or other reference
    #[arg(long)]
    pub reference: Option<String>,
    /// When it expires (vetting, medical)
    #[arg(long, value_parser = parse_date)]
    pub expires: Option<NaiveDate>,
}

#[derive(Debug, Subcommand)]
pub enum OutcomeCommand {
    /// Set the apprentice's own status for an outcome
    Set(SetOutcome),
}

#[derive(Debug, Args)]
pub struct SetOutcome {
    /// The apprentice: a name or an id
    pub person: String,
    /// An outcome code, e.g. LO3
    pub code: String,
    /// not-started, in-progress, ready-for-review or completed
    #[arg(long)]
    pub status: String,
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
    /// Change an enrolment's status: active, break (a break in learning), withdrawn, completed
    Status {
        /// The apprentice: a name or an id
        person: String,
        /// active, break, withdrawn or completed
        status: String,
        /// From when (default: today); a break ends the day before a return
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Why (needed for a break, a withdrawal or completion); kept with the record
        #[arg(long)]
        reason: Option<String>,
    },
    /// Change a date of birth, start date (the planned end moves with it), assessor, employer, ULN or learning-support needs
    #[command(alias = "set")]
    Edit(SetDetails),
    /// Show everything recorded for one apprentice, and records the framework no longer defines
    Show {
        /// The apprentice: a name or an id
        person: String,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("details").required(true).multiple(true).args(["dob", "start", "assessor", "employer", "uln", "support"])))]
pub struct SetDetails {
    /// The apprentice: a name or an id
    pub person: String,
    /// Date of birth (YYYY-MM-DD)
    #[arg(long, value_parser = parse_date)]
    pub dob: Option<NaiveDate>,
    /// First day on the programme (YYYY-MM-DD); not after anything already recorded
    #[arg(long, value_parser = parse_date)]
    pub start: Option<NaiveDate>,
    /// Assessor's name or id
    #[arg(long)]
    pub assessor: Option<String>,
    /// The employer person (line manager or force tutor) who manages them: a name or id
    #[arg(long)]
    pub employer: Option<String>,
    /// Unique learner number: ten digits, checked against its check digit ("" removes it)
    #[arg(long)]
    pub uln: Option<String>,
    /// Learning-support needs, in words ("" removes them)
    #[arg(long)]
    pub support: Option<String>,
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
    /// Area of practice, where the framework has them (e.g. vulnerability)
    #[arg(long)]
    pub area: Option<String>,
    /// The employer requires English and maths whatever the apprentice's age
    #[arg(long)]
    pub employer_opt_in: bool,
    /// Add them even though someone recorded has a name that reads the same
    #[arg(long)]
    pub allow_same_name: bool,
    /// Unique learner number: ten digits, checked against its check digit
    #[arg(long)]
    pub uln: Option<String>,
    /// Learning-support needs, in words
    #[arg(long)]
    pub support: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PinCommand {
    /// Set or change the --as person's PIN: the current one (if any), then the new one twice,
    /// at the terminal or a line each on standard input
    Set,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create the group roles, grants and row-level-security policies; run again after a
    /// framework changes who confirms its requirements
    Init,
    /// Let a database login act as PERSON: created when missing, put in PERSON's group role
    Grant {
        /// The person: a name or an id
        person: String,
        /// The login (a PostgreSQL role) they connect as
        #[arg(long, value_name = "NAME")]
        login: String,
        /// Ask for the login's password (typed twice); without it, pg_hba.conf says how it
        /// authenticates (peer, LDAP, Kerberos...)
        #[arg(long)]
        password: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AssessorCommand {
    /// Add an assessor
    Add {
        /// Full name
        name: String,
        /// Add them even though someone recorded has a name that reads the same
        #[arg(long)]
        allow_same_name: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a person who is not enrolled; the first administrator of a new database needs no --as
    Add {
        /// Full name
        name: String,
        /// assessor, employer or administrator (apprentices: `apprentice add`)
        #[arg(long)]
        role: String,
        /// Add them even though someone recorded has a name that reads the same
        #[arg(long)]
        allow_same_name: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EntriesFormat {
    Table,
    /// One row per entry, with its activity and benefit, for a spreadsheet
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

pub use crate::domain::parse_date;
