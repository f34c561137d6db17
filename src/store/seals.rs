//! What a seal covers, and checking every seal: a check-in's content in one
//! fixed textual form, read back from its rows, so that any later change to
//! those rows (through the app or behind its back) no longer matches.

use super::{Store, StoreError, sqlite_error};
use crate::domain::seal;
use rusqlite::Connection;
use serde::Serialize;

/// One check-in whose seal no longer holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SealProblem {
    pub checkin_id: i64,
    pub enrolment_id: i64,
    pub person: String,
    pub problem: String,
}

/// The content the seal of check-in `id` covers. Rows are read in key
/// order, so the form never depends on the order they were written in.
pub fn canonical_content(connection: &Connection, id: i64) -> rusqlite::Result<String> {
    let mut text = connection.query_row(
        "SELECT id, enrolment_id, date, assessor_id, coalesce(next_due, ''), coalesce(amends_id, ''),
                coalesce(amend_reason, ''), coalesce(apprentice_signature, ''), coalesce(apprentice_signed_at, ''),
                coalesce(assessor_signature, ''), coalesce(assessor_signed_at, '')
         FROM checkin WHERE id = ?1",
        [id],
        |row| {
            let mut fields = Vec::with_capacity(11);
            for index in 0..11 {
                fields.push(value_text(row.get_ref(index)?));
            }
            Ok(format!("checkin\t{}\n", fields.iter().map(|f| escape(f)).collect::<Vec<_>>().join("\t")))
        },
    )?;
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
    ];
    for (label, sql) in parts {
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

/// A sealed check-in as stored: id, enrolment, person, seal, previous seal.
type SealedRow = (i64, i64, String, Option<String>, Option<String>);

impl Store {
    /// Checks every sealed check-in: its seal must match its content and
    /// the seal before it, and the chain must follow the previous one.
    pub fn verify_seals(&self) -> Result<(Vec<SealProblem>, usize), StoreError> {
        let read = || -> rusqlite::Result<(Vec<SealProblem>, usize)> {
            let mut statement = self.connection.prepare(
                "SELECT c.id, c.enrolment_id, p.name, c.seal_hash, c.previous_seal_hash
                 FROM checkin c JOIN enrolment e ON e.id = c.enrolment_id JOIN person p ON p.id = e.person_id
                 WHERE c.state = 'sealed' ORDER BY c.enrolment_id, c.id",
            )?;
            let rows: Vec<SealedRow> = statement
                .query_map([], |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                    ))
                })?
                .collect::<Result<_, _>>()?;
            let mut problems = Vec::new();
            let mut previous: Option<(i64, Option<String>)> = None;
            for (id, enrolment, person, stored, stored_previous) in &rows {
                let chain_before = match &previous {
                    Some((last_enrolment, seal)) if last_enrolment == enrolment => seal.clone(),
                    _ => None,
                };
                let mut report = |problem: String| {
                    problems.push(SealProblem {
                        checkin_id: *id,
                        enrolment_id: *enrolment,
                        person: person.clone(),
                        problem,
                    });
                };
                if *stored_previous != chain_before {
                    report(
                        "the chain is broken: it does not follow the previous sealed check-in"
                            .into(),
                    );
                }
                let expected = seal(
                    stored_previous.as_deref(),
                    &canonical_content(&self.connection, *id)?,
                );
                if stored.as_deref() != Some(expected.as_str()) {
                    report("its content no longer matches its seal".into());
                }
                previous = Some((*enrolment, stored.clone()));
            }
            Ok((problems, rows.len()))
        };
        read().map_err(sqlite_error(&self.path, "checking seals"))
    }
}

fn value_text(value: rusqlite::types::ValueRef) -> String {
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
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
}
