//! The shape of a framework file, as a training provider writes it in YAML.
//!
//! Serde checks the shape (types, required fields, no unknown fields); what it
//! cannot check (unique codes, references, sums) is left to `validate`.
//! `standard/README.md` documents every field for people who do not read Rust.

use super::judgement::Judgement;
use serde::{Deserialize, Serialize};

/// The only `format_version` this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// A whole framework: an apprenticeship standard or a professional pathway.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub format_version: u32,
    pub framework: Metadata,
    pub programme: Programme,
    pub outcome_types: Vec<Term>,
    pub outcome_groups: Vec<Term>,
    pub outcomes: Vec<Outcome>,
    #[serde(default)]
    pub requirements: Vec<Requirement>,
    #[serde(default)]
    pub assessment_methods: Vec<AssessmentMethod>,
    #[serde(default)]
    pub gateway: Option<Gateway>,
    #[serde(default)]
    pub hours: Hours,
    /// Where non-empty, each enrolment chooses exactly one.
    #[serde(default)]
    pub areas_of_practice: Vec<Term>,
    /// Kinds of work that time can be recorded against.
    #[serde(default)]
    pub activities: Vec<Term>,
    /// Who signs a progress review; without it, the apprentice and assessor.
    #[serde(default)]
    pub review: Review,
    /// SHA-256 of the file's text, set by the loader; stored with each
    /// enrolment so a later change to the file can be noticed.
    #[serde(skip)]
    pub content_hash: String,
}

/// Who publishes the framework and how to recognise it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// Stable identifier stored with every enrolment, e.g. `pcso-level4`.
    pub id: String,
    /// The file's own version, changed whenever its content changes.
    pub version: String,
    pub title: String,
    /// What sort of framework this is, in words, e.g. "Apprenticeship standard".
    pub kind: String,
    /// The word for the person on this framework, e.g. "apprentice".
    pub learner_term: String,
    #[serde(default)]
    pub level: Option<u32>,
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub lars_code: Option<u32>,
    #[serde(default)]
    pub summary: String,
    /// Where the facts in the file came from.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A named thing the file defines and refers to by id: an outcome type or
/// group, a qualification unit, an area of practice, an activity.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

/// Length, review rhythm and month-by-month milestones.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    pub duration_months: u32,
    #[serde(default)]
    pub minimum_duration_months: Option<u32>,
    /// A check-in (progress review) is due this many weeks after the last.
    pub checkin_interval_weeks: u32,
    /// The hour category that counts as off-the-job training: the one a
    /// training plan's planned hours are measured in.
    #[serde(default)]
    pub off_the_job_category: Option<String>,
    /// Rules that apply to starts from a date, oldest first; see `rules.rs`.
    #[serde(default)]
    pub rules: Vec<RuleSet>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
}

/// The funding rules for starts on or after `from`. A field left out keeps
/// the programme's own value (or, for English and maths, the requirements'
/// own `required_when`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    #[serde(deserialize_with = "day")]
    pub from: chrono::NaiveDate,
    #[serde(default)]
    pub minimum_duration_months: Option<u32>,
    #[serde(default, with = "serde_yaml::with::singleton_map")]
    pub review_interval: Option<Interval>,
    /// Off-the-job hours a training plan starts from.
    #[serde(default)]
    pub minimum_off_the_job_hours: Option<f64>,
    /// The fewest planned off-the-job hours prior learning may leave.
    #[serde(default)]
    pub off_the_job_floor_hours: Option<f64>,
    #[serde(default)]
    pub english_maths: Option<EnglishMathsRule>,
}

/// A day written `YYYY-MM-DD`, with a message that says so.
fn day<'de, D: serde::Deserializer<'de>>(input: D) -> Result<chrono::NaiveDate, D::Error> {
    let text = String::deserialize(input)?;
    chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| {
        serde::de::Error::custom(format!(
            "`{}` is not a day: write it as YYYY-MM-DD, e.g. 2025-08-01",
            text.escape_debug()
        ))
    })
}

/// A length of time, in weeks or in calendar months. Written in YAML as a
/// one-key mapping: `{ weeks: 12 }` or `{ months: 3 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Interval {
    Weeks(u32),
    Months(u32),
}

/// Who must achieve English and maths: the requirements it governs, and
/// the age at start below which they apply (left out: at every age).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnglishMathsRule {
    pub requirements: Vec<String>,
    #[serde(default)]
    pub required_under_age: Option<u32>,
}

/// Something expected by a given month of the programme.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub id: String,
    /// 1 is the first month of the programme.
    pub month: u32,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// A requirement that marks the milestone as reached when met.
    #[serde(default)]
    pub requirement: Option<String>,
    /// Share of outcomes expected to be completed by the end of this month.
    #[serde(default)]
    pub outcomes_expected_percent: Option<u32>,
}

/// Something the learner learns to do or to know.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Short code used everywhere else, e.g. `LO3` or `K2`.
    pub code: String,
    pub title: String,
    pub description: String,
    /// Id of one of `outcome_types`.
    #[serde(rename = "type")]
    pub outcome_type: String,
    /// Id of one of `outcome_groups`.
    pub group: String,
}

/// An entry requirement, a qualification or a confirmation to be recorded.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub kind: RequirementKind,
    /// Absent: always required. Present: required when any condition holds.
    #[serde(default)]
    pub required_when: Option<RequiredWhen>,
    /// Met automatically from the date of birth at the start date.
    #[serde(default)]
    pub minimum_age: Option<u32>,
    /// The record carries an expiry date (vetting, medical).
    #[serde(default)]
    pub records_expiry: bool,
    /// The units of a qualification.
    #[serde(default)]
    pub units: Vec<Term>,
    /// Who may confirm it: one party or a list.
    #[serde(default)]
    pub confirmed_by: super::ConfirmedBy,
}

/// When in the programme a requirement is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequirementKind {
    /// Checked at or before the start.
    Entry,
    /// A qualification achieved during the programme.
    Qualification,
    /// Something a person confirms on the way to gateway.
    Confirmation,
}

impl RequirementKind {
    pub fn label(self) -> &'static str {
        match self {
            RequirementKind::Entry => "entry requirement",
            RequirementKind::Qualification => "qualification",
            RequirementKind::Confirmation => "confirmation",
        }
    }
}

/// Conditions under which a requirement applies; any one is enough.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredWhen {
    /// Applies when the learner was younger than this on the start date.
    #[serde(default)]
    pub under_age_at_start: Option<u32>,
    /// Applies when the enrolment records the employer's opt-in (an
    /// employer requiring English and maths whatever the age, for example).
    #[serde(default)]
    pub employer_opt_in: bool,
    /// Applies once a result is recorded for the person: for a requirement
    /// each employer sets for itself, recorded (as pending at first) for
    /// the apprentices whose employer asks for it.
    #[serde(default)]
    pub once_recorded: bool,
}

/// One method of the end-point assessment.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentMethod {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Codes of the outcomes this method assesses.
    pub assesses: Vec<String>,
    /// Possible grades, lowest first.
    pub grades: Vec<String>,
    /// The lowest passing grade: grades below it fail and may be resat or
    /// retaken. Without it, every grade passes.
    #[serde(default)]
    pub pass_from: Option<String>,
}

/// What must hold before the end-point assessment (or its equivalent).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gateway {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub rules: Vec<GatewayRule>,
    /// Every party whose signature seals the gateway sign-off, in the
    /// order shown; without it, no sign-off is asked for.
    #[serde(default)]
    pub signed_by: Vec<Party>,
}

/// One condition of the gateway, with the words shown on its checklist.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GatewayRule {
    pub id: String,
    pub title: String,
    #[serde(with = "serde_yaml::with::singleton_map")]
    pub check: GatewayCheck,
}

/// What a gateway rule checks. Written in YAML as a one-key mapping, e.g.
/// `check: { requirement: diploma }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GatewayCheck {
    /// The requirement is met or exempt (when it applies at all).
    Requirement(String),
    /// The selected outcomes are judged at least at a level.
    Outcomes(OutcomesCheck),
    /// Hours logged in a category reach a minimum.
    Hours(HoursCheck),
    /// At least this many months on the programme, breaks excluded.
    MonthsOnProgramme(u32),
    /// Every outcome has at least this many evidence items mapped to it.
    EvidencePerOutcome(u32),
    /// An item of the training plan, checked with the enrolment's rules.
    Plan(PlanCheck),
}

/// What a `plan` gateway check looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanCheck {
    /// The end-point assessment organisation was named, and chosen at
    /// least six months before the planned end.
    AssessmentOrganisation,
    /// Where the rules leave English and maths to employer and apprentice
    /// (19 or over at the start), their decision is recorded.
    EnglishMathsDecision,
    /// Off-the-job hours reach the plan's planned hours.
    OffTheJobHours,
    /// Months on programme, breaks excluded, reach the rules' minimum.
    MinimumDuration,
}

/// Outcomes to be judged: by code, or by type, or (neither given) all of them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomesCheck {
    #[serde(default)]
    pub codes: Vec<String>,
    #[serde(default)]
    pub types: Vec<String>,
    pub at_least: Judgement,
}

/// Hours in one category; without `minimum_hours`, the category's target.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoursCheck {
    pub category: String,
    #[serde(default)]
    pub minimum_hours: Option<f64>,
}

/// How time is recorded: categories, targets, and a daily cap.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    /// Most hours one entry may record for a day; the app's own cap otherwise.
    #[serde(default)]
    pub daily_cap: Option<f64>,
    /// Ask, for every entry, what benefit the time brought.
    #[serde(default)]
    pub record_benefit: bool,
    #[serde(default)]
    pub categories: Vec<HourCategory>,
    /// Words that mark an entry as something the funding rules do not
    /// count as off-the-job training (a progress review, English or maths).
    #[serde(default)]
    pub not_off_the_job: Vec<NotOffTheJob>,
}

/// Words which, in an entry's note or activity, describe time that does not
/// count as off-the-job training, and why.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotOffTheJob {
    /// Words or phrases, matched whole and ignoring case.
    pub words: Vec<String>,
    /// Why such time does not count, as the warning says it.
    pub reason: String,
}

impl Hours {
    /// The app's cap for frameworks that set none: a long working day.
    pub const DEFAULT_DAILY_CAP: f64 = 12.0;

    /// Most hours one entry may record for one day.
    pub fn daily_cap_hours(&self) -> f64 {
        self.daily_cap.unwrap_or(Self::DEFAULT_DAILY_CAP)
    }
}

/// A kind of time: off-the-job training, on-the-job CPD, coaching...
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HourCategory {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Hours to reach over the programme.
    #[serde(default)]
    pub target_hours: Option<f64>,
    /// Intended share of all recorded time; shares across categories sum to 100.
    #[serde(default)]
    pub target_share_percent: Option<u32>,
    /// Off-the-job training in the funding rules' sense: each entry names
    /// the outcomes it served, and an assessor accepts or queries it.
    #[serde(default)]
    pub off_the_job: bool,
}

/// How a progress review is signed off.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Every party whose signature seals a review, in the order shown.
    pub signed_by: Vec<Party>,
}

impl Default for Review {
    /// The two signatures files written before `review` existed meant.
    fn default() -> Self {
        Review {
            signed_by: vec![Party::Apprentice, Party::Assessor],
        }
    }
}

/// A party to a review or a gateway sign-off, named by the role they sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The person on the programme (the learner).
    Apprentice,
    /// The training provider's tutor or coach, or a mentor.
    Assessor,
    /// The learner's line manager at the employer.
    Employer,
}

impl Party {
    pub const ALL: [Party; 3] = [Party::Apprentice, Party::Assessor, Party::Employer];

    /// The word used in files and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Apprentice => "apprentice",
            Party::Assessor => "assessor",
            Party::Employer => "employer",
        }
    }

    pub fn parse(word: &str) -> Option<Party> {
        Party::ALL.into_iter().find(|party| party.as_str() == word)
    }
}

impl Framework {
    /// The framework as a sentence names it: "the Police community support
    /// officer apprenticeship standard".
    pub fn in_words(&self) -> String {
        format!(
            "the {} {}",
            self.framework.title,
            self.framework.kind.to_lowercase()
        )
    }

    pub fn outcome(&self, code: &str) -> Option<&Outcome> {
        self.outcomes.iter().find(|outcome| outcome.code == code)
    }

    /// The outcome a user typed: the code exactly, else in any case
    /// ("lo8" is LO8).
    pub fn outcome_typed(&self, typed: &str) -> Option<&Outcome> {
        let typed = typed.trim();
        self.outcome(typed).or_else(|| {
            self.outcomes
                .iter()
                .find(|outcome| outcome.code.eq_ignore_ascii_case(typed))
        })
    }

    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements
            .iter()
            .find(|requirement| requirement.id == id)
    }

    pub fn hour_category(&self, id: &str) -> Option<&HourCategory> {
        self.hours
            .categories
            .iter()
            .find(|category| category.id == id)
    }

    /// Every outcome code, in file order (for messages and references).
    pub fn outcome_codes(&self) -> Vec<&str> {
        self.outcomes
            .iter()
            .map(|outcome| outcome.code.as_str())
            .collect()
    }

    /// Every requirement id, in file order.
    pub fn requirement_ids(&self) -> Vec<&str> {
        self.requirements
            .iter()
            .map(|requirement| requirement.id.as_str())
            .collect()
    }

    /// Every hour category id, in file order.
    pub fn hour_category_ids(&self) -> Vec<&str> {
        self.hours
            .categories
            .iter()
            .map(|category| category.id.as_str())
            .collect()
    }

    /// The gateway's rules; none when the framework has no gateway.
    pub fn gateway_rules(&self) -> &[GatewayRule] {
        self.gateway.as_ref().map_or(&[], |gateway| &gateway.rules)
    }
}
