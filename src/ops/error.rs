//! Why an operation was refused, naming the input at fault so each front
//! end can point at it in its own words (`--date` on the command line,
//! the Date field in the app).

use crate::domain::PersonId;
use crate::framework::FrameworkError;
use crate::store::StoreError;
use thiserror::Error;

/// An input an operation checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Start,
    DateOfBirth,
    Employer,
    Assessor,
    Area,
    Status,
    Date,
    Title,
    Kind,
    Description,
    FileRef,
    Attach,
    Outcomes,
    Outcome,
    Hours,
    Category,
    Activity,
    Note,
    Benefit,
    Requirement,
    Reference,
    Expires,
    Reason,
    NextDate,
    Action,
    Due,
    Pin,
    Uln,
    Support,
    Method,
    Grade,
    Attempt,
    Unit,
    PlannedEnd,
    PriorLearning,
    PriorLearningReason,
    Organisation,
    ChosenOn,
    EnglishMaths,
    DecidedBy,
}

impl Field {
    /// A plain word for the field.
    pub fn word(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Start => "start",
            Field::DateOfBirth => "date of birth",
            Field::Employer => "employer",
            Field::Assessor => "assessor",
            Field::Area => "area",
            Field::Status => "status",
            Field::Date => "date",
            Field::Title => "title",
            Field::Kind => "kind",
            Field::Description => "description",
            Field::FileRef => "file",
            Field::Attach => "attached file",
            Field::Outcomes => "outcomes",
            Field::Outcome => "outcome",
            Field::Hours => "hours",
            Field::Category => "category",
            Field::Activity => "activity",
            Field::Note => "note",
            Field::Benefit => "benefit",
            Field::Requirement => "requirement",
            Field::Reference => "reference",
            Field::Expires => "expires",
            Field::Reason => "reason",
            Field::NextDate => "next date",
            Field::Action => "action",
            Field::Due => "due",
            Field::Pin => "PIN",
            Field::Uln => "ULN",
            Field::Support => "learning support",
            Field::Method => "assessment method",
            Field::Grade => "grade",
            Field::Attempt => "attempt",
            Field::Unit => "unit",
            Field::PlannedEnd => "planned end",
            Field::PriorLearning => "prior learning hours",
            Field::PriorLearningReason => "prior learning reason",
            Field::Organisation => "assessment organisation",
            Field::ChosenOn => "chosen on",
            Field::EnglishMaths => "English and maths",
            Field::DecidedBy => "decided by",
        }
    }
}

#[derive(Debug, Error)]
pub enum OpError {
    /// An input breaks a rule.
    #[error("{}: {message}", field.word())]
    Invalid { field: Field, message: String },
    /// A new person's name reads the same as someone already recorded:
    /// refused unless the user says it is another person.
    #[error(
        "{name} is already recorded (id {existing}); if this is another person with the same name, say so to add them"
    )]
    SameName { name: String, existing: PersonId },
    /// The action cannot be taken, whatever the input.
    #[error("{0}")]
    Refused(String),
    /// The record changed since the screen that asked for this was read.
    #[error(
        "{what} was changed by {} at {} after this screen read it; nothing was saved, and the screen now shows it as it is",
        by.as_deref().unwrap_or("someone"),
        short_time(at)
    )]
    Stale {
        what: String,
        by: Option<String>,
        at: String,
    },
    /// The record is no longer open to this change (a draft sealed, evidence
    /// deleted) by someone else.
    #[error("{0}")]
    Gone(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Framework(#[from] FrameworkError),
}

impl OpError {
    pub fn invalid(field: Field, message: impl Into<String>) -> OpError {
        OpError::Invalid {
            field,
            message: message.into(),
        }
    }

    /// The message with the field named by `name` (a flag, a label).
    pub fn naming(&self, name: impl Fn(Field) -> String) -> String {
        match self {
            OpError::Invalid { field, message } => format!("{}: {message}", name(*field)),
            other => other.to_string(),
        }
    }
}

/// `2026-11-21T14:02:05.123Z` as `2026-11-21 14:02`.
fn short_time(at: &str) -> String {
    at.get(..16).unwrap_or(at).replace('T', " ")
}
