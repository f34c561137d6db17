//! The generated records of one enrolment: the person, the enrolment, its
//! entry requirements, evidence, hours and outcome statuses, each with the
//! history rows the app would have written, then its check-ins.

use super::super::StoreError;
use super::super::change::Change;
use super::{EVIDENCE_PER_ENROLMENT, Rng, checkins};
use crate::domain::{PersonId, planned_end};
use crate::framework::Framework;
use chrono::{Days, Months, NaiveDate};
use rusqlite::{Transaction, params};

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
    change.run(CONTEXT, |transaction| {
        let mut insert = transaction.prepare_cached(
            "INSERT INTO person (name, role, created_at) VALUES (?1, 'assessor', ?2)",
        )?;
        (0..count)
            .map(|index| {
                let name = assessor_name(index);
                insert.execute(params![name, STAMP])?;
                let id = transaction.last_insert_rowid();
                history(transaction, "person", id, None, "name", &name)?;
                Ok(Assessor {
                    id: PersonId(id),
                    name,
                })
            })
            .collect()
    })
}

/// A fixed creation time: the generated rows describe the past.
const STAMP: &str = "2026-01-01T09:00:00.000Z";

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
        let written = change.run(CONTEXT, |transaction| self.records(transaction, rng))?;
        checkins::add_checkins(change, self, &written, rng)
    }

    fn records(&self, transaction: &Transaction, rng: &mut Rng) -> rusqlite::Result<Written> {
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
        transaction
            .prepare_cached(
                "INSERT INTO person (name, role, date_of_birth, employer, assessor_id, created_at)
                 VALUES (?1, 'apprentice', ?2, 'Generated Constabulary', ?3, ?4)",
            )?
            .execute(params![name, dob, assessor, STAMP])?;
        let person = transaction.last_insert_rowid();
        history(transaction, "person", person, None, "name", &name)?;
        history(
            transaction,
            "person",
            person,
            None,
            "date_of_birth",
            &dob.to_string(),
        )?;
        history(
            transaction,
            "person",
            person,
            None,
            "assessor_id",
            &assessor.to_string(),
        )?;
        transaction
            .prepare_cached(
                "INSERT INTO enrolment (person_id, framework_id, framework_version, framework_hash, start_date, planned_end, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![person, framework.framework.id, framework.framework.version, framework.content_hash, start, end, STAMP])?;
        let enrolment = transaction.last_insert_rowid();
        history(
            transaction,
            "enrolment",
            enrolment,
            Some(enrolment),
            "start_date",
            &start.to_string(),
        )?;
        history(
            transaction,
            "enrolment",
            enrolment,
            Some(enrolment),
            "planned_end",
            &end.to_string(),
        )?;
        add_requirements(transaction, enrolment, start)?;
        let span = (today - start).num_days().max(1) as usize;
        add_evidence(transaction, framework, enrolment, start, span, rng)?;
        add_hours(transaction, enrolment, start, span)?;
        add_outcomes(transaction, framework, enrolment, span, rng)?;
        Ok(Written {
            enrolment,
            name,
            start,
        })
    }
}

fn add_evidence(
    transaction: &Transaction,
    framework: &Framework,
    enrolment: i64,
    start: NaiveDate,
    span: usize,
    rng: &mut Rng,
) -> rusqlite::Result<()> {
    let mut insert = transaction.prepare_cached(
        "INSERT INTO evidence (enrolment_id, date, title, kind, description, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut map = transaction.prepare_cached(
        "INSERT OR IGNORE INTO evidence_outcome (evidence_id, outcome_code) VALUES (?1, ?2)",
    )?;
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
        insert.execute(params![
            enrolment,
            date,
            title,
            kinds[rng.below(kinds.len())],
            "Generated entry.",
            STAMP
        ])?;
        let id = transaction.last_insert_rowid();
        let mut codes = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let code = &framework.outcomes[rng.below(framework.outcomes.len())].code;
            map.execute(params![id, code])?;
            codes.push(code.as_str());
        }
        history(
            transaction,
            "evidence",
            id,
            Some(enrolment),
            "title",
            &title,
        )?;
        history(
            transaction,
            "evidence",
            id,
            Some(enrolment),
            "outcomes",
            &codes.join(","),
        )?;
    }
    Ok(())
}

fn add_hours(
    transaction: &Transaction,
    enrolment: i64,
    start: NaiveDate,
    span: usize,
) -> rusqlite::Result<()> {
    let mut insert = transaction.prepare_cached(
        "INSERT INTO hours_entry (enrolment_id, date, hours, category, note, created_at)
         VALUES (?1, ?2, 6.0, 'off-the-job', 'Training day', ?3)",
    )?;
    for week in 0..HOURS_PER_ENROLMENT.min(span / 7 + 1) {
        let date = start + Days::new(week as u64 * 7);
        insert.execute(params![enrolment, date, STAMP])?;
        let id = transaction.last_insert_rowid();
        history(
            transaction,
            "hours_entry",
            id,
            Some(enrolment),
            "hours",
            "6",
        )?;
        history(
            transaction,
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
    transaction: &Transaction,
    framework: &Framework,
    enrolment: i64,
    span: usize,
    rng: &mut Rng,
) -> rusqlite::Result<()> {
    let mut insert = transaction.prepare_cached(
        "INSERT INTO outcome_progress (enrolment_id, outcome_code, status, judgement) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let share = (span as f64 / 365.0).min(1.0);
    for outcome in &framework.outcomes {
        let roll = rng.below(100) as f64 / 100.0;
        let (status, judgement) = match roll {
            r if r < share * 0.6 => ("completed", "competent"),
            r if r < share => ("ready_for_review", "not_yet_competent"),
            _ => ("in_progress", "not_assessed"),
        };
        insert.execute(params![enrolment, outcome.code, status, judgement])?;
        let key = format!("{enrolment}/{}", outcome.code);
        history_keyed(
            transaction,
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
fn add_requirements(
    transaction: &Transaction,
    enrolment: i64,
    start: NaiveDate,
) -> rusqlite::Result<()> {
    let checked = start - Days::new(30);
    let mut insert = transaction.prepare_cached(
        "INSERT INTO requirement_record (enrolment_id, requirement_id, status, date) VALUES (?1, ?2, 'met', ?3)",
    )?;
    for id in [
        "minimum-age",
        "fitness-test",
        "medical-check",
        "vetting",
        "recruitment",
        "english-l2",
        "maths-l2",
    ] {
        insert.execute(params![enrolment, id, checked])?;
        let key = format!("{enrolment}/{id}");
        history_keyed(
            transaction,
            "requirement_record",
            &key,
            Some(enrolment),
            "status",
            "met",
        )?;
        history_keyed(
            transaction,
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
    transaction: &Transaction,
    record: &str,
    id: i64,
    enrolment: Option<i64>,
    field: &str,
    after: &str,
) -> rusqlite::Result<()> {
    history_keyed(
        transaction,
        record,
        &id.to_string(),
        enrolment,
        field,
        after,
    )
}

fn history_keyed(
    transaction: &Transaction,
    record: &str,
    key: &str,
    enrolment: Option<i64>,
    field: &str,
    after: &str,
) -> rusqlite::Result<()> {
    let mut insert = transaction.prepare_cached(
        "INSERT INTO history (at, change, record, record_id, field, after, enrolment_id)
         VALUES (?1, 'insert', ?2, ?3, ?4, ?5, ?6)",
    )?;
    insert.execute(params![STAMP, record, key, field, after, enrolment])?;
    Ok(())
}
