//! What a seal covers, and checking every seal: a check-in's content in one
//! fixed textual form, read back from its rows, so that any later change to
//! those rows (through the app or behind its back) no longer matches.

use super::{Store, StoreError, sqlite_error};
use crate::domain::{SealProblem, seal};
use rusqlite::Connection;
use std::collections::HashMap;

/// The form a seal was made over. Schema 2 added the check-in's id, the
/// signatures and the action reviews; check-ins sealed before it keep the
/// form they were sealed with, and `verify` accepts either (a seal's hash
/// binds it to exactly one form's text, so accepting both weakens nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealForm {
    /// Schema 1: the row without id or signatures; sections, judgements, actions.
    First,
    /// Schema 2 onwards, signed by typed names at one sitting.
    Signed,
    /// Schema 7: completed, then signed by each party as themselves; adds
    /// when it was completed and every signature (party, person, time).
    Countersigned,
}

/// The content the seal of check-in `id` covers. Rows are read in key
/// order, so the form never depends on the order they were written in.
pub fn canonical_content(connection: &Connection, id: i64) -> rusqlite::Result<String> {
    let completed: bool = connection
        .prepare_cached("SELECT completed_at IS NOT NULL FROM checkin WHERE id = ?1")?
        .query_row([id], |row| row.get(0))?;
    let form = if completed {
        SealForm::Countersigned
    } else {
        SealForm::Signed
    };
    content_in(connection, id, form)
}

fn content_in(connection: &Connection, id: i64, form: SealForm) -> rusqlite::Result<String> {
    let row_sql = match form {
        SealForm::Countersigned => {
            "SELECT id, enrolment_id, date, assessor_id, coalesce(next_due, ''), coalesce(amends_id, ''),
                coalesce(amend_reason, ''), coalesce(apprentice_signature, ''), coalesce(apprentice_signed_at, ''),
                coalesce(assessor_signature, ''), coalesce(assessor_signed_at, ''), coalesce(completed_at, '')
             FROM checkin WHERE id = ?1"
        }
        SealForm::Signed => {
            "SELECT id, enrolment_id, date, assessor_id, coalesce(next_due, ''), coalesce(amends_id, ''),
                coalesce(amend_reason, ''), coalesce(apprentice_signature, ''), coalesce(apprentice_signed_at, ''),
                coalesce(assessor_signature, ''), coalesce(assessor_signed_at, '')
             FROM checkin WHERE id = ?1"
        }
        SealForm::First => {
            "SELECT enrolment_id, date, assessor_id, coalesce(next_due, ''), coalesce(amends_id, ''),
                coalesce(amend_reason, ''), coalesce(apprentice_signed_at, ''), coalesce(assessor_signed_at, '')
             FROM checkin WHERE id = ?1"
        }
    };
    let mut text = connection.prepare_cached(row_sql)?.query_row([id], |row| {
        let fields = (0..row.as_ref().column_count())
            .map(|index| Ok(escape(&value_text(row.get_ref(index)?))))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(format!("checkin\t{}\n", fields.join("\t")))
    })?;
    let parts = [
        (
            "section",
            "SELECT section, content FROM checkin_section WHERE checkin_id = ?1 ORDER BY section",
        ),
        (
            "judgement",
            "SELECT outcome_code, judgement || char(9) || note FROM checkin_judgement WHERE checkin_id = ?1 ORDER BY outcome_code",
        ),
        (
            "action",
            "SELECT text, owner || char(9) || coalesce(due_date, '') FROM checkin_action WHERE checkin_id = ?1 ORDER BY id",
        ),
        (
            "review",
            "SELECT action_id, done || char(9) || note FROM checkin_action_review WHERE checkin_id = ?1 ORDER BY action_id",
        ),
        (
            "signature",
            "SELECT role, person_id || char(9) || signed_at FROM checkin_signature WHERE checkin_id = ?1 ORDER BY role",
        ),
    ];
    let covered = match form {
        SealForm::Countersigned => &parts[..],
        SealForm::Signed => &parts[..4],
        SealForm::First => &parts[..3],
    };
    for (label, sql) in covered {
        let mut statement = connection.prepare_cached(sql)?;
        let rows = statement.query_map([id], |row| {
            Ok((value_text(row.get_ref(0)?), row.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (key, value) = row?;
            text.push_str(&format!("{label}\t{}\t{}\n", escape(&key), escape(&value)));
        }
    }
    Ok(text)
}

/// Whether `stored` is the seal of check-in `id`'s content in any form.
fn seal_holds(
    connection: &Connection,
    id: i64,
    previous: Option<&str>,
    stored: Option<&str>,
) -> rusqlite::Result<bool> {
    for form in [SealForm::Countersigned, SealForm::Signed, SealForm::First] {
        if stored == Some(seal(previous, &content_in(connection, id, form)?).as_str()) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A sealed check-in as stored: its seal, and the seal it follows.
struct Sealed {
    id: i64,
    enrolment: i64,
    person: String,
    seal: Option<String>,
    previous: Option<String>,
}

impl Store {
    /// Checks every sealed check-in: its seal must match its content and
    /// the seal it follows, and each apprentice's seals must form one
    /// unbroken chain (the order they were sealed in, not their ids).
    pub fn verify_seals(&self) -> Result<(Vec<SealProblem>, usize), StoreError> {
        let read = || -> rusqlite::Result<(Vec<SealProblem>, usize)> {
            let sealed = sealed_checkins(&self.connection)?;
            let mut problems = Vec::new();
            for chain in sealed.chunk_by(|a, b| a.enrolment == b.enrolment) {
                problems.extend(chain_problems(chain));
                for checkin in chain {
                    let previous = checkin.previous.as_deref();
                    let stored = checkin.seal.as_deref();
                    if !seal_holds(&self.connection, checkin.id, previous, stored)? {
                        problems.push(problem(checkin, "its content no longer matches its seal"));
                    }
                }
            }
            problems.sort_by_key(|p| p.checkin_id);
            Ok((problems, sealed.len()))
        };
        read().map_err(sqlite_error(&self.path, "checking seals"))
    }
}

fn sealed_checkins(connection: &Connection) -> rusqlite::Result<Vec<Sealed>> {
    let mut statement = connection.prepare(
        "SELECT c.id, c.enrolment_id, p.name, c.seal_hash, c.previous_seal_hash
         FROM checkin c JOIN enrolment e ON e.id = c.enrolment_id JOIN person p ON p.id = e.person_id
         WHERE c.state = 'sealed' ORDER BY c.enrolment_id, c.id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(Sealed {
            id: row.get(0)?,
            enrolment: row.get(1)?,
            person: row.get(2)?,
            seal: row.get(3)?,
            previous: row.get(4)?,
        })
    })?;
    rows.collect()
}

/// One apprentice's seals must link up as a single line: one first seal,
/// and every other following a seal of theirs that nothing else follows.
fn chain_problems(chain: &[Sealed]) -> Vec<SealProblem> {
    let seals: HashMap<&str, i64> = chain
        .iter()
        .filter_map(|c| Some((c.seal.as_deref()?, c.id)))
        .collect();
    let mut followed: HashMap<&str, i64> = HashMap::new();
    let mut problems = Vec::new();
    let mut first = None;
    for checkin in chain {
        match checkin.previous.as_deref() {
            None if first.is_none() => first = Some(checkin.id),
            None => problems.push(problem(
                checkin,
                "the chain is broken: a second chain starts here",
            )),
            Some(previous) if !seals.contains_key(previous) => problems.push(problem(
                checkin,
                "the chain is broken: it does not follow the previous sealed check-in",
            )),
            Some(previous) => {
                if let Some(other) = followed.insert(previous, checkin.id) {
                    let message =
                        format!("the chain is broken: check-in {other} follows the same seal");
                    problems.push(problem(checkin, &message));
                }
            }
        }
    }
    problems
}

fn problem(checkin: &Sealed, message: &str) -> SealProblem {
    SealProblem {
        checkin_id: checkin.id,
        enrolment_id: checkin.enrolment,
        person: checkin.person.clone(),
        problem: message.to_string(),
    }
}

pub(super) fn value_text(value: rusqlite::types::ValueRef) -> String {
    match value {
        rusqlite::types::ValueRef::Integer(number) => number.to_string(),
        rusqlite::types::ValueRef::Real(number) => number.to_string(),
        rusqlite::types::ValueRef::Text(text) | rusqlite::types::ValueRef::Blob(text) => {
            String::from_utf8_lossy(text).into_owned()
        }
        rusqlite::types::ValueRef::Null => String::new(),
    }
}

/// Keeps line and field separators in content from changing the form.
pub(super) fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
}
