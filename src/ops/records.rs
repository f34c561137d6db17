//! An apprentice's progress records: evidence, hours, requirements, the
//! apprentice's own status of an outcome and the assessor's judgement.
//! Writes from a screen name the version they were based on (`base`).

use super::{
    Field, OpError, Ops, enrolled, enrolment_of, expect_version, framework_of, permitted_on,
};
use crate::domain::{
    Attachment, Enrolment, EnrolmentId, EvidenceKind, HoursClaim, Judgement, Operation,
    OutcomeStatus, PersonId, RequirementDateError, RequirementStatus, Role, Roles, Version,
    check_evidence_date, check_file_ref, check_hours, check_hours_amount, check_name,
    check_off_the_job_outcomes, check_requirement_dates, check_text, did_you_mean,
    did_you_mean_words, is_off_the_job, not_off_the_job_doubt,
};
use crate::framework::{Confirmer, Framework, Registry};
use crate::store::{Change, NewEvidence, NewHours, RecordKey, RequirementUpdate, StoreError};
use chrono::NaiveDate;
use std::path::Path;

/// A portfolio entry, as typed.
#[derive(Debug, Clone)]
pub struct EvidenceInput {
    /// Today when `None`.
    pub date: Option<NaiveDate>,
    pub title: String,
    pub kind: EvidenceKind,
    pub description: String,
    pub file_ref: Option<String>,
    pub outcomes: Vec<String>,
}

/// Time spent, as typed.
#[derive(Debug, Clone, Default)]
pub struct HoursInput {
    /// Today when `None`.
    pub date: Option<NaiveDate>,
    pub hours: f64,
    pub category: String,
    pub activity: Option<String>,
    pub note: String,
    pub benefit: Option<String>,
    pub outcomes: Vec<String>,
}

/// A requirement's new state, as typed.
#[derive(Debug, Clone)]
pub struct RequirementInput {
    pub status: RequirementStatus,
    pub date: Option<NaiveDate>,
    pub reference: Option<String>,
    pub expires_on: Option<NaiveDate>,
}

/// A record written, and its version after the write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub id: i64,
    pub version: Version,
}

/// Hours recorded, an entry they may duplicate, and why they may not
/// count as off-the-job time (a progress review, English or maths).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedHours {
    pub written: Written,
    pub duplicate_of: Option<i64>,
    pub doubt: Option<String>,
}

impl Ops<'_> {
    pub fn add_evidence(
        &mut self,
        person: PersonId,
        input: &EvidenceInput,
    ) -> Result<Written, OpError> {
        self.add_evidence_attaching(person, input, None)
    }

    /// Adds evidence, with the file at `attach` (if given) copied into the
    /// store's folder of attached files and recorded with it.
    pub fn add_evidence_attaching(
        &mut self,
        person: PersonId,
        input: &EvidenceInput,
        attach: Option<&Path>,
    ) -> Result<Written, OpError> {
        let kept = self.keep_attachment(attach, |change, asking| {
            evidence_checks(change, asking, person, input).map(drop)
        })?;
        let asking = self.asking();
        let change = self.begin()?;
        let (enrolment, outcomes) = evidence_checks(&change, &asking, person, input)?;
        let evidence = checked_evidence(input, &outcomes, enrolment.start_date, asking.today)?;
        let id = change.add_evidence(enrolment.id, &evidence)?;
        if let Some(file) = &kept {
            change.attach_file(id, file)?;
        }
        finish(change, RecordKey::Evidence(id), id)
    }

    pub fn edit_evidence(
        &mut self,
        id: i64,
        input: &EvidenceInput,
        base: Option<Version>,
    ) -> Result<Version, OpError> {
        self.edit_evidence_attaching(id, input, base, None)
    }

    /// Edits evidence, with the file at `attach` (if given) kept and
    /// recorded in place of any attached before; history keeps the old one.
    pub fn edit_evidence_attaching(
        &mut self,
        id: i64,
        input: &EvidenceInput,
        base: Option<Version>,
        attach: Option<&Path>,
    ) -> Result<Version, OpError> {
        let kept = self.keep_attachment(attach, |change, asking| {
            edit_checks(change, asking, id, input, base).map(drop)
        })?;
        let asking = self.asking();
        let change = self.begin()?;
        let (enrolment, outcomes) = edit_checks(&change, &asking, id, input, base)?;
        let evidence = checked_evidence(input, &outcomes, enrolment.start_date, asking.today)?;
        change.update_evidence(id, &evidence)?;
        if let Some(file) = &kept {
            change.attach_file(id, file)?;
        }
        Ok(finish(change, RecordKey::Evidence(id), id)?.version)
    }

    /// Copies the file at `attach` (if given) into the store's folder once
    /// `check` passes, so a refused write leaves no file behind; copied
    /// outside the write, so a large file does not hold up everyone else's
    /// changes.
    fn keep_attachment(
        &mut self,
        attach: Option<&Path>,
        check: impl FnOnce(&Change, &Asking) -> Result<(), OpError>,
    ) -> Result<Option<Attachment>, OpError> {
        let Some(path) = attach else {
            return Ok(None);
        };
        let asking = self.asking();
        check(&self.begin()?, &asking)?;
        Ok(Some(self.store.keep_file(path).map_err(attach_error)?))
    }

    /// Marks evidence deleted; the row and its history stay.
    pub fn delete_evidence(&mut self, id: i64, base: Option<Version>) -> Result<Version, OpError> {
        let actor = self.actor;
        let change = self.begin()?;
        let enrolment = enrolment_of(&change, live_evidence(&change, id, base)?)?;
        permitted_for(&change, actor, Operation::RecordEvidence, &enrolment)?;
        change.delete_evidence(id)?;
        Ok(finish(change, RecordKey::Evidence(id), id)?.version)
    }

    /// Brings back deleted evidence.
    pub fn restore_evidence(&mut self, id: i64, base: Option<Version>) -> Result<Version, OpError> {
        let actor = self.actor;
        let change = self.begin()?;
        let key = RecordKey::Evidence(id);
        expect_version(&change, &key, base, || format!("evidence {id}"))?;
        match change.evidence_owner(id)? {
            Some((enrolment, true)) => {
                let enrolment = enrolment_of(&change, enrolment)?;
                permitted_for(&change, actor, Operation::RecordEvidence, &enrolment)?;
            }
            Some((_, false)) => return Err(OpError::Gone(format!("evidence {id} is not deleted"))),
            None => return Err(OpError::Gone(format!("no evidence has the id {id}"))),
        }
        change.restore_evidence(id)?;
        Ok(finish(change, key, id)?.version)
    }

    /// Records hours, within the programme so far and the daily cap; the
    /// cap is checked inside the write, so entries made at once cannot pass it.
    pub fn log_hours(
        &mut self,
        person: PersonId,
        input: &HoursInput,
    ) -> Result<LoggedHours, OpError> {
        let asking = self.asking();
        let change = self.begin()?;
        let (person, enrolment) = enrolled(&change, person)?;
        permitted_on(&change, asking.actor, Operation::LogHours, &person)?;
        let checked = hours_checks(&change, &asking, &enrolment, input, None)?;
        let (id, duplicate_of) = change.add_hours(enrolment.id, &checked.entry(input))?;
        let written = finish(change, RecordKey::Hours(id), id)?;
        Ok(LoggedHours {
            written,
            duplicate_of,
            doubt: checked.doubt,
        })
    }

    /// Changes an hours entry, still as it was at `base`, under the rules
    /// a new entry meets (its own time left out of the day's cap). An
    /// acceptance lapses with the change; a query stands.
    pub fn edit_hours(
        &mut self,
        id: i64,
        input: &HoursInput,
        base: Option<Version>,
    ) -> Result<LoggedHours, OpError> {
        let asking = self.asking();
        let change = self.begin()?;
        let key = RecordKey::Hours(id);
        expect_version(&change, &key, base, || format!("hours entry {id}"))?;
        let Some(current) = change.hours_under_review(id)? else {
            return Err(OpError::Gone(format!("no hours entry has the id {id}")));
        };
        if current.deleted {
            return Err(OpError::Gone(format!("hours entry {id} has been deleted")));
        }
        let enrolment = enrolment_of(&change, current.enrolment)?;
        permitted_for(&change, asking.actor, Operation::LogHours, &enrolment)?;
        let checked = hours_checks(&change, &asking, &enrolment, input, Some(id))?;
        change.update_hours(id, &checked.entry(input))?;
        if current.review.after_edit() != current.review {
            change.lapse_hours_review(id, current.review)?;
        }
        let written = finish(change, key, id)?;
        Ok(LoggedHours {
            written,
            duplicate_of: None,
            doubt: checked.doubt,
        })
    }

    /// Marks an hours entry deleted; the row and its history stay.
    pub fn delete_hours(&mut self, id: i64, base: Option<Version>) -> Result<Version, OpError> {
        let actor = self.actor;
        let change = self.begin()?;
        let key = RecordKey::Hours(id);
        expect_version(&change, &key, base, || format!("hours entry {id}"))?;
        match change.hours_owner(id)? {
            Some((enrolment, false)) => {
                let enrolment = enrolment_of(&change, enrolment)?;
                permitted_for(&change, actor, Operation::LogHours, &enrolment)?;
            }
            Some((_, true)) => {
                return Err(OpError::Gone(format!(
                    "hours entry {id} is already deleted"
                )));
            }
            None => return Err(OpError::Gone(format!("no hours entry has the id {id}"))),
        }
        change.delete_hours(id)?;
        Ok(finish(change, key, id)?.version)
    }

    pub fn set_requirement(
        &mut self,
        person: PersonId,
        requirement: &str,
        input: &RequirementInput,
        base: Option<Version>,
    ) -> Result<Version, OpError> {
        let (registry, today, actor) = (self.registry, self.clock.today(), self.actor);
        let change = self.begin()?;
        let (person, enrolment) = enrolled(&change, person)?;
        let framework = framework_of(registry, &enrolment.framework_id)?;
        let Some(defined) = framework.requirement(requirement) else {
            return Err(OpError::invalid(
                Field::Requirement,
                format!(
                    "`{requirement}` is not a requirement of {}",
                    framework.in_words()
                ),
            ));
        };
        let confirmers = Roles::of(
            &defined
                .confirmed_by
                .0
                .iter()
                .map(|c| role_of(*c))
                .collect::<Vec<_>>(),
        );
        permitted_on(
            &change,
            actor,
            Operation::ConfirmRequirement(confirmers),
            &person,
        )?;
        check_requirement_dates(input.date, input.expires_on, person.date_of_birth, today)
            .map_err(|error| match error {
                RequirementDateError::Date(m) => OpError::invalid(Field::Date, m),
                RequirementDateError::Expires(m) => OpError::invalid(Field::Expires, m),
            })?;
        let reference = input
            .reference
            .as_deref()
            .filter(|r| !r.trim().is_empty())
            .map(|r| check_name(r).map_err(|m| OpError::invalid(Field::Reference, m)))
            .transpose()?;
        let key = RecordKey::Requirement(enrolment.id, requirement.to_string());
        expect_version(&change, &key, base, || defined.title.clone())?;
        let update = RequirementUpdate {
            status: input.status,
            date: input.date,
            reference,
            expires_on: input.expires_on,
        };
        change.set_requirement(enrolment.id, requirement, &update)?;
        Ok(finish(change, key, 0)?.version)
    }

    /// The apprentice's own status for an outcome.
    pub fn set_outcome_status(
        &mut self,
        person: PersonId,
        code: &str,
        status: OutcomeStatus,
        base: Option<Version>,
    ) -> Result<Version, OpError> {
        let (registry, actor) = (self.registry, self.actor);
        let change = self.begin()?;
        let (person, enrolment) = enrolled(&change, person)?;
        permitted_on(&change, actor, Operation::SetOutcomeStatus, &person)?;
        let framework = framework_of(registry, &enrolment.framework_id)?;
        let code = known_outcome(framework, code, Field::Outcome)?;
        let key = RecordKey::Outcome(enrolment.id, code.clone());
        expect_version(&change, &key, base, || {
            format!("the status of {}", outcome_words(framework, &code))
        })?;
        change.set_outcome_status(enrolment.id, &code, status)?;
        Ok(finish(change, key, 0)?.version)
    }

    /// The assessor's judgement of an outcome, outside a check-in.
    pub fn judge_outcome(
        &mut self,
        person: PersonId,
        code: &str,
        judgement: Judgement,
        note: &str,
        base: Option<Version>,
    ) -> Result<Version, OpError> {
        let registry = self.registry;
        let actor = self.actor;
        let change = self.begin()?;
        let (person, enrolment) = enrolled(&change, person)?;
        let assessor = permitted_on(&change, actor, Operation::JudgeOutcome, &person)?.id;
        let framework = framework_of(registry, &enrolment.framework_id)?;
        let code = known_outcome(framework, code, Field::Outcome)?;
        let note = check_text(note, 5_000).map_err(|m| OpError::invalid(Field::Note, m))?;
        let key = RecordKey::Outcome(enrolment.id, code.clone());
        expect_version(&change, &key, base, || {
            format!("the judgement of {}", outcome_words(framework, &code))
        })?;
        change.set_judgement(enrolment.id, &code, judgement, note, assessor)?;
        Ok(finish(change, key, 0)?.version)
    }
}

impl<'a> Ops<'a> {
    /// Who asks, as of when, with which frameworks.
    fn asking(&self) -> Asking<'a> {
        Asking {
            registry: self.registry,
            today: self.clock.today(),
            actor: self.actor,
        }
    }
}

/// Who asks for a change, as of when, with which frameworks.
struct Asking<'r> {
    registry: &'r Registry,
    today: NaiveDate,
    actor: Option<PersonId>,
}

/// Whether the actor may add this evidence for `person`: their enrolment
/// and the outcomes it is mapped to.
fn evidence_checks(
    change: &Change,
    asking: &Asking,
    person: PersonId,
    input: &EvidenceInput,
) -> Result<(Enrolment, Vec<String>), OpError> {
    let (person, enrolment) = enrolled(change, person)?;
    permitted_on(change, asking.actor, Operation::RecordEvidence, &person)?;
    let framework = framework_of(asking.registry, &enrolment.framework_id)?;
    let outcomes = evidence_outcomes(framework, &input.outcomes)?;
    checked_evidence(input, &outcomes, enrolment.start_date, asking.today)?;
    Ok((enrolment, outcomes))
}

/// Whether the actor may make this edit to evidence `id`, still as it was
/// at `base`: its enrolment and the outcomes it is mapped to.
fn edit_checks(
    change: &Change,
    asking: &Asking,
    id: i64,
    input: &EvidenceInput,
    base: Option<Version>,
) -> Result<(Enrolment, Vec<String>), OpError> {
    let enrolment = enrolment_of(change, live_evidence(change, id, base)?)?;
    permitted_for(change, asking.actor, Operation::RecordEvidence, &enrolment)?;
    let framework = framework_of(asking.registry, &enrolment.framework_id)?;
    let outcomes = evidence_outcomes(framework, &input.outcomes)?;
    checked_evidence(input, &outcomes, enrolment.start_date, asking.today)?;
    Ok((enrolment, outcomes))
}

/// A file that cannot be read is the user's to fix; the rest is storage's.
fn attach_error(error: StoreError) -> OpError {
    match error {
        StoreError::AttachRead { path, source } => OpError::invalid(
            Field::Attach,
            format!("cannot read {}: {source}", path.display()),
        ),
        other => OpError::Store(other),
    }
}

/// Commits, returning the record's version after the write.
fn finish(change: Change, key: RecordKey, id: i64) -> Result<Written, OpError> {
    let version = change.version(&key)?;
    change.commit()?;
    Ok(Written { id, version })
}

/// Evidence as typed, checked, mapped to `outcomes` (already checked).
fn checked_evidence<'a>(
    input: &'a EvidenceInput,
    outcomes: &'a [String],
    start: NaiveDate,
    today: NaiveDate,
) -> Result<NewEvidence<'a>, OpError> {
    let date = input.date.unwrap_or(today);
    Ok(NewEvidence {
        date: check_evidence_date(date, start, today)
            .map_err(|m| OpError::invalid(Field::Date, m))?,
        title: check_name(&input.title).map_err(|m| OpError::invalid(Field::Title, m))?,
        kind: input.kind,
        description: check_text(&input.description, 20_000)
            .map_err(|m| OpError::invalid(Field::Description, m))?,
        file_ref: input
            .file_ref
            .as_deref()
            .map(check_file_ref)
            .transpose()
            .map_err(|m| OpError::invalid(Field::FileRef, m))?
            .flatten(),
        outcomes,
    })
}

/// The enrolment of evidence that is there to change, as the screen saw it.
fn live_evidence(change: &Change, id: i64, base: Option<Version>) -> Result<EnrolmentId, OpError> {
    expect_version(change, &RecordKey::Evidence(id), base, || {
        format!("evidence {id}")
    })?;
    match change.evidence_owner(id)? {
        Some((enrolment, false)) => Ok(enrolment),
        Some((_, true)) => Err(OpError::Gone(format!("evidence {id} has been deleted"))),
        None => Err(OpError::Gone(format!("no evidence has the id {id}"))),
    }
}

/// As `permitted_on`, on the records of the person enrolled.
fn permitted_for(
    change: &Change,
    actor: Option<PersonId>,
    operation: Operation,
    enrolment: &crate::domain::Enrolment,
) -> Result<(), OpError> {
    let person = change.person(enrolment.person_id)?;
    permitted_on(change, actor, operation, &person).map(drop)
}

/// The role of a party the framework file names.
pub(super) fn role_of(confirmer: Confirmer) -> Role {
    match confirmer {
        Confirmer::Apprentice => Role::Apprentice,
        Confirmer::Assessor => Role::Assessor,
        Confirmer::Employer => Role::Employer,
        Confirmer::Administrator => Role::Administrator,
    }
}

/// The daily cap and the day's date are about different inputs.
fn hours_field(claim: &HoursClaim) -> Field {
    if claim.hours.is_finite()
        && claim.hours > 0.0
        && (claim.date < claim.start || claim.date > claim.today)
    {
        Field::Date
    } else {
        Field::Hours
    }
}

/// The outcome a user typed, by its code as the framework spells it;
/// refused with the nearest codes, or all of them when none is near.
fn known_outcome(framework: &Framework, code: &str, field: Field) -> Result<String, OpError> {
    let code = code.trim();
    if let Some(outcome) = framework.outcome_typed(code) {
        return Ok(outcome.code.clone());
    }
    let codes = framework.outcome_codes();
    let near = did_you_mean(code, &codes);
    let help = if near.is_empty() {
        format!("its outcomes are {}", codes.join(", "))
    } else {
        did_you_mean_words(&near)
    };
    Err(OpError::invalid(
        field,
        format!(
            "`{code}` is not an outcome of {}; {help}",
            framework.in_words()
        ),
    ))
}

/// An outcome as a person reads it: code and title ("LO3 Early support").
fn outcome_words(framework: &Framework, code: &str) -> String {
    framework
        .outcome(code)
        .map_or_else(|| code.to_string(), |o| format!("{} {}", o.code, o.title))
}

/// Outcome codes of the framework, at least one.
fn evidence_outcomes(framework: &Framework, codes: &[String]) -> Result<Vec<String>, OpError> {
    let codes = outcome_codes(framework, codes)?;
    if codes.is_empty() {
        return Err(OpError::invalid(
            Field::Outcomes,
            "map the evidence to at least one outcome",
        ));
    }
    Ok(codes)
}

fn outcome_codes(framework: &Framework, codes: &[String]) -> Result<Vec<String>, OpError> {
    codes
        .iter()
        .filter(|c| !c.trim().is_empty())
        .map(|code| known_outcome(framework, code, Field::Outcomes))
        .collect()
}

/// The checked text parts of an hours entry.
struct CheckedHours<'a> {
    note: &'a str,
    benefit: Option<&'a str>,
    outcomes: Vec<String>,
}

/// An hours entry that passed every rule, and why it may not count.
struct CheckedEntry<'a> {
    date: NaiveDate,
    hours: f64,
    text: CheckedHours<'a>,
    doubt: Option<String>,
}

impl<'a> CheckedEntry<'a> {
    fn entry(&'a self, input: &'a HoursInput) -> NewHours<'a> {
        NewHours {
            date: self.date,
            hours: self.hours,
            category: &input.category,
            activity: input.activity.as_deref(),
            note: self.text.note,
            benefit: self.text.benefit,
            outcomes: &self.text.outcomes,
        }
    }
}

/// The rules an hours entry meets, new or changed: the framework's
/// categories, the programme's dates, the daily cap with what the day
/// already holds (besides entry `except`), outcomes for off-the-job time.
fn hours_checks<'a>(
    change: &Change,
    asking: &Asking,
    enrolment: &Enrolment,
    input: &'a HoursInput,
    except: Option<i64>,
) -> Result<CheckedEntry<'a>, OpError> {
    let framework = framework_of(asking.registry, &enrolment.framework_id)?;
    let text = checked_hours(framework, input)?;
    let hours = check_hours_amount(input.hours).map_err(|m| OpError::invalid(Field::Hours, m))?;
    let date = input.date.unwrap_or(asking.today);
    let already_that_day = match except {
        Some(id) => change.hours_on_except(enrolment.id, date, id)?,
        None => change.hours_on(enrolment.id, date)?,
    };
    let claim = HoursClaim {
        date,
        hours,
        start: enrolment.start_date,
        today: asking.today,
        daily_cap: framework.hours.daily_cap_hours(),
        already_that_day,
    };
    check_hours(&claim).map_err(|m| OpError::invalid(hours_field(&claim), m))?;
    let off_the_job = is_off_the_job(framework, &input.category);
    check_off_the_job_outcomes(off_the_job, &text.outcomes)
        .map_err(|m| OpError::invalid(Field::Outcomes, m))?;
    let doubt = not_off_the_job_doubt(
        framework,
        &input.category,
        text.note,
        input.activity.as_deref(),
    );
    Ok(CheckedEntry {
        date,
        hours,
        text,
        doubt,
    })
}

fn checked_hours<'a>(
    framework: &Framework,
    input: &'a HoursInput,
) -> Result<CheckedHours<'a>, OpError> {
    let id = &framework.framework.id;
    if framework.hour_category(&input.category).is_none() {
        return Err(OpError::invalid(
            Field::Category,
            format!(
                "`{}` is not an hour category of {id}; use one of {}",
                input.category,
                framework.hour_category_ids().join(", ")
            ),
        ));
    }
    if let Some(activity) = &input.activity {
        if !framework.activities.iter().any(|a| &a.id == activity) {
            return Err(OpError::invalid(
                Field::Activity,
                format!("`{activity}` is not an activity of {id}"),
            ));
        }
    }
    let benefit = input.benefit.as_deref().filter(|b| !b.trim().is_empty());
    if framework.hours.record_benefit && benefit.is_none() {
        return Err(OpError::invalid(
            Field::Benefit,
            format!("{id} records the benefit of time spent: say what it brought"),
        ));
    }
    Ok(CheckedHours {
        note: check_text(&input.note, 5_000).map_err(|m| OpError::invalid(Field::Note, m))?,
        benefit: benefit
            .map(|b| check_text(b, 5_000))
            .transpose()
            .map_err(|m| OpError::invalid(Field::Benefit, m))?,
        outcomes: outcome_codes(framework, &input.outcomes)?,
    })
}
