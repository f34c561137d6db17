//! The generated records of one enrolment: the person, the enrolment, its
//! entry requirements, evidence, hours and outcome statuses, each with the
//! history rows the app would have written, then its check-ins.

use super::super::StoreError;
use super::super::change::Change;
use super::super::convert::Stamp;
use super::super::db::{Conn, DbResult};
use super::{EVIDENCE_PER_ENROLMENT, Rng, checkins};
use crate::domain::{PersonId, planned_end};
use crate::framework::Framework;
use chrono::{Days, Months, NaiveDate};

const HOURS_PER_ENROLMENT: usize = 52;
const CONTEXT: &str = "generating the provider-scale sample";

const FIRST_NAMES: [&str; 16] = [
    "Aisha", "Ben", "Chloe", "Dan", "Ella", "Femi", "Grace", "Harry", "Isla", "Jack", "Kiran",
    "Leah", "Mo", "Nina", "Owen", "Priya",
];
const SURNAMES: [&str; 16] = [
    "Ahmed", "Brown", "Clark", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal", "Jones",
    "Khan", "Lewis", "Morgan", "Nowak", "Okafor", "Patel",
];

/// An assessor as check-ins name them.
pub(super) struct Assessor {
    pub id: PersonId,
    pub name: String,
}

pub(super) fn assessor_name(index: usize) -> String {
    format!(
        "Assessor {:02} {}",
        index + 1,
        SURNAMES[index % SURNAMES.len()]
    )
}

pub(super) fn add_assessors(change: &Change, count: usize) -> Result<Vec<Assessor>, StoreError> {
    change.run(CONTEXT, |c| {
        (0..count)
            .map(|index| {
                let name = assessor_name(index);
                let id = c.insert_returning_id(
                    "INSERT INTO person (name, role, created_at) VALUES (?1, 'assessor', ?2)",
                    &[&name, &stamp()],
                )?;
                history(c, "person", id, None, "name", &name)?;
                Ok(Assessor {
                    id: PersonId(id),
                    name,
                })
            })
            .collect()
    })
}

/// A fixed creation time: the generated rows describe the past.
fn stamp() -> Stamp {
    Stamp("2026-01-01T09:00:00.000Z".to_string())
}

/// One generated enrolment, the `index`th.
pub(super) struct Generated<'a> {
    pub framework: &'a Framework,
    pub today: NaiveDate,
    pub index: usize,
    pub assessor: &'a Assessor,
}

/// The person and enrolment rows written for one generated enrolment.
pub(super) struct Written {
    pub enrolment: i64,
    pub name: String,
    pub start: NaiveDate,
}

impl Generated<'_> {
    /// Writes everything; returns how many check-ins were sealed.
    pub fn write(&self, change: &Change, rng: &mut Rng) -> Result<usize, StoreError> {
        let written = change.run(CONTEXT, |c| self.records(c, rng))?;
        checkins::add_checkins(change, self, &written, rng)
    }

    fn records(&self, c: Conn, rng: &mut Rng) -> DbResult<Written> {
        let (framework, today, index) = (self.framework, self.today, self.index);
        let name = format!(
            "{} {} {:04}",
            FIRST_NAMES[index % FIRST_NAMES.len()],
            SURNAMES[(index / FIRST_NAMES.len()) % SURNAMES.len()],
            index + 1
        );
        let start = today
            .checked_sub_months(Months::new(1 + (index % 14) as u32))
            .unwrap_or(today)
            - Days::new(rng.below(28) as u64);
        let end = planned_end(start, framework.programme.duration_months).unwrap_or(start);
        let dob = start
            .checked_sub_months(Months::new(12 * (18 + rng.below(25) as u32)))
            .unwrap_or(start);
        let assessor = self.assessor.id;
        let person = c.insert_returning_id(
            "INSERT INTO person (name, role, date_of_birth, employer, assessor_id, created_at)
             VALUES (?1, 'apprentice', ?2, 'Generated Constabulary', ?3, ?4)",
            &[&name, &dob, &assessor, &stamp()],
        )?;
        history(c, "person", person, None, "name", &name)?;
        history(c, "person", person, None, "date_of_birth", &dob.to_string())?;
        history(
            c,
            "person",
            person,
            None,
            "assessor_id",
            &assessor.to_string(),
        )?;
        let enrolment = c.insert_returning_id(
            "INSERT INTO enrolment (person_id, framework_id, framework_version, framework_hash, start_date, planned_end, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            &[&person, &framework.framework.id, &framework.framework.version, &framework.content_hash, &start, &end, &stamp()],
        )?;
        history(
            c,
            "enrolment",
            enrolment,
            Some(enrolment),
            "start_date",
            &start.to_string(),
        )?;
        history(
            c,
            "enrolment",
            enrolment,
            Some(enrolment),
            "planned_end",
            &end.to_string(),
        )?;
        add_requirements(c, enrolment, start)?;
        let span = (today - start).num_days().max(1) as usize;
        add_evidence(c, framework, enrolment, start, span, rng)?;
        add_hours(c, enrolment, start, span)?;
        add_outcomes(c, framework, enrolment, span, rng)?;
        Ok(Written {
            enrolment,
            name,
            start,
        })
    }
}

fn add_evidence(
    c: Conn,
    framework: &Framework,
    enrolment: i64,
    start: NaiveDate,
    span: usize,
    rng: &mut Rng,
) -> DbResult<()> {
    let stamp = stamp();
    let kinds = [
        "observation",
        "witness_testimony",
        "reflective_account",
        "work_product",
        "professional_discussion",
        "other",
    ];
    for number in 0..EVIDENCE_PER_ENROLMENT {
        let date = start + Days::new(rng.below(span) as u64);
        let title = format!("Portfolio entry {} for the neighbourhood team", number + 1);
        let id = c.insert_returning_id(
            "INSERT INTO evidence (enrolment_id, date, title, kind, description, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            &[
                &enrolment,
                &date,
                &title,
                &kinds[rng.below(kinds.len())],
                &"Generated entry.",
                &stamp,
            ],
        )?;
        let mut codes = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let code = &framework.outcomes[rng.below(framework.outcomes.len())].code;
            c.execute(
                "INSERT INTO evidence_outcome (evidence_id, outcome_code) VALUES (?1, ?2)
                 ON CONFLICT DO NOTHING",
                &[&id, code],
            )?;
            codes.push(code.as_str());
        }
        history(c, "evidence", id, Some(enrolment), "title", &title)?;
        history(
            c,
            "evidence",
            id,
            Some(enrolment),
            "outcomes",
            &codes.join(","),
        )?;
    }
    Ok(())
}

fn add_hours(c: Conn, enrolment: i64, start: NaiveDate, span: usize) -> DbResult<()> {
    let stamp = stamp();
    for week in 0..HOURS_PER_ENROLMENT.min(span / 7 + 1) {
        let date = start + Days::new(week as u64 * 7);
        let id = c.insert_returning_id(
            "INSERT INTO hours_entry (enrolment_id, date, hours, category, note, created_at)
             VALUES (?1, ?2, 6.0, 'off-the-job', 'Training day', ?3)",
            &[&enrolment, &date, &stamp],
        )?;
        history(c, "hours_entry", id, Some(enrolment), "hours", "6")?;
        history(
            c,
            "hours_entry",
            id,
            Some(enrolment),
            "date",
            &date.to_string(),
        )?;
    }
    Ok(())
}

fn add_outcomes(
    c: Conn,
    framework: &Framework,
    enrolment: i64,
    span: usize,
    rng: &mut Rng,
) -> DbResult<()> {
    let share = (span as f64 / 365.0).min(1.0);
    for outcome in &framework.outcomes {
        let roll = rng.below(100) as f64 / 100.0;
        let (status, judgement) = match roll {
            r if r < share * 0.6 => ("completed", "competent"),
            r if r < share => ("ready_for_review", "not_yet_competent"),
            _ => ("in_progress", "not_assessed"),
        };
        c.execute(
            "INSERT INTO outcome_progress (enrolment_id, outcome_code, status, judgement) VALUES (?1, ?2, ?3, ?4)",
            &[&enrolment, &outcome.code, &status, &judgement],
        )?;
        let key = format!("{enrolment}/{}", outcome.code);
        history_keyed(
            c,
            "outcome_progress",
            &key,
            Some(enrolment),
            "status",
            status,
        )?;
    }
    Ok(())
}

/// Entry requirements checked before the start, each met.
fn add_requirements(c: Conn, enrolment: i64, start: NaiveDate) -> DbResult<()> {
    let checked = start - Days::new(30);
    for id in [
        "minimum-age",
        "fitness-test",
        "medical-check",
        "vetting",
        "recruitment",
        "english-l2",
        "maths-l2",
    ] {
        c.execute(
            "INSERT INTO requirement_record (enrolment_id, requirement_id, status, date) VALUES (?1, ?2, 'met', ?3)",
            &[&enrolment, &id, &checked],
        )?;
        let key = format!("{enrolment}/{id}");
        history_keyed(
            c,
            "requirement_record",
            &key,
            Some(enrolment),
            "status",
            "met",
        )?;
        history_keyed(
            c,
            "requirement_record",
            &key,
            Some(enrolment),
            "date",
            &checked.to_string(),
        )?;
    }
    Ok(())
}

fn history(
    c: Conn,
    record: &str,
    id: i64,
    enrolment: Option<i64>,
    field: &str,
    after: &str,
) -> DbResult<()> {
    history_keyed(c, record, &id.to_string(), enrolment, field, after)
}

fn history_keyed(
    c: Conn,
    record: &str,
    key: &str,
    enrolment: Option<i64>,
    field: &str,
    after: &str,
) -> DbResult<()> {
    c.execute(
        "INSERT INTO history (at, change, record, record_id, field, after, enrolment_id)
         VALUES (?1, 'insert', ?2, ?3, ?4, ?5, ?6)",
        &[&stamp(), &record, &key, &field, &after, &enrolment],
    )?;
    Ok(())
}
