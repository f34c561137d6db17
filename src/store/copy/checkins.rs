//! Check-ins and what their seals cover, written in the order the
//! protections allow, without suspending any. PostgreSQL lets a check-in's
//! content be added only while it is an open draft, and signatures only
//! once it is completed and not yet sealed; both engines allow one open
//! draft per apprentice. So each check-in goes the way it went when it was
//! made: written as a draft set aside (superseding itself, so it holds no
//! apprentice's open-draft place), given its content, then given what it
//! amends, what superseded it and when it was completed (a check-in sealed
//! without completion, before reviews were countersigned, is sealed here),
//! then its signatures, and last the seal of those that were countersigned.

use super::tables::{
    CHECKIN, CHECKIN_ACTION, CHECKIN_ACTION_REVIEW, CHECKIN_JUDGEMENT, CHECKIN_SECTION,
    CHECKIN_SIGNATURE,
};
use super::value::Value;
use super::{Copied, Copier, position};
use crate::store::StoreError;

/// The tables `copy` fills, besides `checkin` itself.
pub(super) const OWN_TABLES: [&str; 5] = [
    CHECKIN_SECTION.name,
    CHECKIN_JUDGEMENT.name,
    CHECKIN_ACTION.name,
    CHECKIN_ACTION_REVIEW.name,
    CHECKIN_SIGNATURE.name,
];

/// What a check-in is given after its content.
struct Later {
    id: Value,
    amends: Value,
    superseded_by: Value,
    completed_at: Value,
    state: Value,
}

pub(super) fn copy(copier: &Copier, copied: &mut Copied) -> Result<(), StoreError> {
    let at = |column| position(&CHECKIN, column);
    let (id, state) = (at("id"), at("state"));
    let (amends, superseded, completed) =
        (at("amends_id"), at("superseded_by"), at("completed_at"));
    let mut later = Vec::new();
    let count = copier.table(
        &CHECKIN,
        |row| {
            row[amends] = Value::Null;
            row[superseded] = row[id].clone();
            row[completed] = Value::Null;
            row[state] = draft();
        },
        |row| {
            later.push(Later {
                id: row[id].clone(),
                amends: row[amends].clone(),
                superseded_by: row[superseded].clone(),
                completed_at: row[completed].clone(),
                state: row[state].clone(),
            })
        },
    )?;
    copied.tables.push((CHECKIN.name, count));
    for table in [
        &CHECKIN_SECTION,
        &CHECKIN_JUDGEMENT,
        &CHECKIN_ACTION,
        &CHECKIN_ACTION_REVIEW,
    ] {
        copier.plain(table, copied)?;
    }
    let draft = draft();
    for checkin in &later {
        // Signatures wait for a completed draft; the seal comes after them.
        let state = match checkin.completed_at {
            Value::Null => &checkin.state,
            _ => &draft,
        };
        copier.write(|c| {
            c.execute(
                "UPDATE checkin SET amends_id = ?1, superseded_by = ?2, completed_at = ?3, state = ?4
                 WHERE id = ?5",
                &[
                    &checkin.amends,
                    &checkin.superseded_by,
                    &checkin.completed_at,
                    state,
                    &checkin.id,
                ],
            )
        })?;
    }
    copier.plain(&CHECKIN_SIGNATURE, copied)?;
    for checkin in later.iter().filter(|c| c.completed_at != Value::Null) {
        if checkin.state != draft {
            copier.write(|c| {
                c.execute(
                    "UPDATE checkin SET state = ?1 WHERE id = ?2",
                    &[&checkin.state, &checkin.id],
                )
            })?;
        }
    }
    Ok(())
}

fn draft() -> Value {
    Value::Text("draft".into())
}
