//! A provider-sized database for benchmarks and for trying the app at scale:
//! 2,000 enrolments, about 400,000 evidence items and 1,000,000 history rows,
//! written in one transaction with the history rows a user's actions leave.

use super::{Store, StoreError};
use crate::domain::planned_end;
use crate::framework::Framework;
use chrono::{Days, Months, NaiveDate};
use rusqlite::{Transaction, params};

pub const ENROLMENTS: usize = 2_000;
pub const EVIDENCE_PER_ENROLMENT: usize = 200;
const ASSESSORS: usize = 40;
const HOURS_PER_ENROLMENT: usize = 52;

const FIRST_NAMES: [&str; 16] = [
    "Aisha", "Ben", "Chloe", "Dan", "Ella", "Femi", "Grace", "Harry", "Isla", "Jack", "Kiran",
    "Leah", "Mo", "Nina", "Owen", "Priya",
];
const SURNAMES: [&str; 16] = [
    "Ahmed", "Brown", "Clark", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal", "Jones",
    "Khan", "Lewis", "Morgan", "Nowak", "Okafor", "Patel",
];

/// Deterministic pseudo-random numbers, so every generated database is alike.
struct Rng(u64);

impl Rng {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound.max(1) as u64) as usize
    }
}

impl Store {
    /// Bulk-loads the provider-scale sample in one transaction, with plain
    /// inserts rather than one user action at a time; `progress(done,
    /// total)` is called after each enrolment.
    pub fn load_provider_sample(
        &mut self,
        framework: &Framework,
        today: NaiveDate,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(), StoreError> {
        self.write("generating the provider-scale sample", |transaction| {
            let assessors = add_assessors(transaction)?;
            let mut rng = Rng(0x2545_F491_4F6C_DD1D);
            for index in 0..ENROLMENTS {
                let assessor = assessors[index % assessors.len()];
                add_enrolment(transaction, framework, today, index, assessor, &mut rng)?;
                progress(index + 1, ENROLMENTS);
            }
            Ok(())
        })
    }
}

fn add_assessors(transaction: &Transaction) -> rusqlite::Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(ASSESSORS);
    for index in 0..ASSESSORS {
        let name = format!(
            "Assessor {:02} {}",
            index + 1,
            SURNAMES[index % SURNAMES.len()]
        );
        transaction.execute(
            "INSERT INTO person (name, role, created_at) VALUES (?1, 'assessor', ?2)",
            params![name, STAMP],
        )?;
        let id = transaction.last_insert_rowid();
        history(transaction, "person", id, "name", &name)?;
        ids.push(id);
    }
    Ok(ids)
}

/// A fixed creation time: the generated rows describe the past.
const STAMP: &str = "2026-01-01T09:00:00.000Z";

fn add_enrolment(
    transaction: &Transaction,
    framework: &Framework,
    today: NaiveDate,
    index: usize,
    assessor: i64,
    rng: &mut Rng,
) -> rusqlite::Result<()> {
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
    transaction.execute(
        "INSERT INTO person (name, role, date_of_birth, employer, assessor_id, created_at)
         VALUES (?1, 'apprentice', ?2, 'Generated Constabulary', ?3, ?4)",
        params![name, dob, assessor, STAMP],
    )?;
    let person = transaction.last_insert_rowid();
    history(transaction, "person", person, "name", &name)?;
    history(
        transaction,
        "person",
        person,
        "date_of_birth",
        &dob.to_string(),
    )?;
    history(
        transaction,
        "person",
        person,
        "assessor_id",
        &assessor.to_string(),
    )?;
    transaction.execute(
        "INSERT INTO enrolment (person_id, framework_id, framework_version, framework_hash, start_date, planned_end, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![person, framework.framework.id, framework.framework.version, framework.content_hash, start, end, STAMP],
    )?;
    let enrolment = transaction.last_insert_rowid();
    history(
        transaction,
        "enrolment",
        enrolment,
        "start_date",
        &start.to_string(),
    )?;
    history(
        transaction,
        "enrolment",
        enrolment,
        "planned_end",
        &end.to_string(),
    )?;
    add_requirements(transaction, enrolment, start)?;
    let span = (today - start).num_days().max(1) as usize;
    add_evidence(transaction, framework, enrolment, start, span, rng)?;
    add_hours(transaction, enrolment, start, span)?;
    add_outcomes(transaction, framework, enrolment, span, rng)
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
        history(transaction, "evidence", id, "title", &title)?;
        history(transaction, "evidence", id, "outcomes", &codes.join(","))?;
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
        history(transaction, "hours_entry", id, "hours", "6")?;
        history(transaction, "hours_entry", id, "date", &date.to_string())?;
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
        history_keyed(transaction, "outcome_progress", &key, "status", status)?;
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
        history_keyed(transaction, "requirement_record", &key, "status", "met")?;
        history_keyed(
            transaction,
            "requirement_record",
            &key,
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
    field: &str,
    after: &str,
) -> rusqlite::Result<()> {
    history_keyed(transaction, record, &id.to_string(), field, after)
}

fn history_keyed(
    transaction: &Transaction,
    record: &str,
    key: &str,
    field: &str,
    after: &str,
) -> rusqlite::Result<()> {
    let mut insert = transaction.prepare_cached(
        "INSERT INTO history (at, change, record, record_id, field, after) VALUES (?1, 'insert', ?2, ?3, ?4, ?5)",
    )?;
    insert.execute(params![STAMP, record, key, field, after])?;
    Ok(())
}
