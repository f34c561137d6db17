//! The list of people to choose from, read a window at a time: everyone
//! enrolled (or one assessor's caseload), narrowed by a typed name, by name
//! or by when the next check-in falls due. A screen asks for the rows it
//! shows and a count, never for the whole list.

use super::people::{SUMMARY_SELECT, summary_from_row};
use super::{Store, StoreError, sqlite_error};
use crate::domain::{PersonId, PersonSummary};
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};
use std::collections::HashMap;

/// Who is listed: people with an enrolment, an assessor's only when
/// `assessor` is set, and only names containing `name_contains` (ignoring
/// ASCII case) when it is not empty.
#[derive(Debug, Clone, Copy, Default)]
pub struct PeopleFilter<'a> {
    pub assessor: Option<PersonId>,
    pub name_contains: &'a str,
}

/// Where a window of the list by name starts reading.
#[derive(Debug, Clone, Copy)]
pub enum NameAnchor<'a> {
    /// From the first person on.
    First,
    /// From the last person back.
    Last,
    /// From the person after this one on.
    After(&'a PersonSummary),
    /// From the person before this one back.
    Before(&'a PersonSummary),
}

/// How often each framework's check-ins fall due, in days, by framework id.
pub type CheckinIntervals<'a> = &'a [(&'a str, u32)];

impl Store {
    /// How many people the filter lists.
    pub fn count_listed(&self, filter: PeopleFilter) -> Result<usize, StoreError> {
        let (conditions, values) = conditions(filter);
        let sql = format!(
            "SELECT count(*) FROM person p
             WHERE EXISTS (SELECT 1 FROM enrolment WHERE person_id = p.id){conditions}"
        );
        let count = || -> rusqlite::Result<i64> {
            let mut statement = self.connection.prepare_cached(&sql)?;
            statement.query_row(params_from_iter(values), |row| row.get(0))
        };
        let count = count().map_err(sqlite_error(&self.path, "counting people"))?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// Up to `take` listed people in order of name (ignoring ASCII case,
    /// then id), `skip` past `anchor` in the direction it reads; always in
    /// list order. The name index keeps this as cheap as what is skipped
    /// and taken, wherever in the list it is.
    pub fn listed_by_name(
        &self,
        filter: PeopleFilter,
        anchor: NameAnchor,
        skip: usize,
        take: usize,
    ) -> Result<Vec<PersonSummary>, StoreError> {
        let (mut conditions, mut values) = conditions(filter);
        let (after, key) = match anchor {
            NameAnchor::First => (true, None),
            NameAnchor::Last => (false, None),
            NameAnchor::After(person) => (true, Some(person)),
            NameAnchor::Before(person) => (false, Some(person)),
        };
        if let Some(person) = key {
            // The first term is a range on the name index; the second breaks ties.
            let (op, strict) = if after { (">=", ">") } else { ("<=", "<") };
            let name = values.len() + 1;
            conditions.push_str(&format!(
                " AND p.name {op} ?{name} COLLATE NOCASE
                  AND (p.name {strict} ?{name} COLLATE NOCASE OR p.id {strict} ?{})",
                name + 1
            ));
            values.push(Value::Text(person.name.clone()));
            values.push(Value::Integer(person.id.0));
        }
        let direction = if after { "ASC" } else { "DESC" };
        let limit = values.len() + 1;
        let sql = format!(
            "{SUMMARY_SELECT} WHERE e.id IS NOT NULL{conditions}
             ORDER BY p.name COLLATE NOCASE {direction}, p.id {direction}
             LIMIT ?{limit} OFFSET ?{}",
            limit + 1
        );
        values.push(Value::Integer(i64::try_from(take).unwrap_or(i64::MAX)));
        values.push(Value::Integer(i64::try_from(skip).unwrap_or(i64::MAX)));
        let mut rows = read_summaries(&self.connection, &sql, values)
            .map_err(sqlite_error(&self.path, "listing people"))?;
        if !after {
            rows.reverse();
        }
        Ok(rows)
    }

    /// Every listed person's id in order of name (ignoring ASCII case, then
    /// id): a list narrowed by a typed name is held as its ids, so moving
    /// through it reads only the rows shown.
    pub fn listed_ids_by_name(&self, filter: PeopleFilter) -> Result<Vec<PersonId>, StoreError> {
        let (conditions, values) = conditions(filter);
        let sql = format!(
            "SELECT p.id FROM person p
             WHERE EXISTS (SELECT 1 FROM enrolment WHERE person_id = p.id){conditions}
             ORDER BY p.name COLLATE NOCASE, p.id"
        );
        let read = || -> rusqlite::Result<Vec<PersonId>> {
            let mut statement = self.connection.prepare_cached(&sql)?;
            let ids = statement.query_map(params_from_iter(values), |row| row.get(0))?;
            ids.collect()
        };
        read().map_err(sqlite_error(&self.path, "listing people by name"))
    }

    /// Every listed person's id, the next check-in due first: the last
    /// sealed check-in (or the start) plus the framework's interval, then
    /// by name. An unknown framework has no due date and comes first.
    pub fn listed_ids_by_next_checkin(
        &self,
        filter: PeopleFilter,
        intervals: CheckinIntervals,
    ) -> Result<Vec<PersonId>, StoreError> {
        let (conditions, mut values) = conditions(filter);
        let mut interval = String::from("CASE e.framework_id");
        for (framework, days) in intervals {
            let at = values.len() + 1;
            interval.push_str(&format!(" WHEN ?{at} THEN ?{}", at + 1));
            values.push(Value::Text((*framework).to_string()));
            values.push(Value::Integer(i64::from(*days)));
        }
        interval.push_str(" END");
        if intervals.is_empty() {
            interval = "NULL".to_string();
        }
        let sql = format!(
            "SELECT p.id FROM person p
             JOIN enrolment e ON e.id = (SELECT max(id) FROM enrolment WHERE person_id = p.id)
             WHERE 1{conditions}
             ORDER BY date(coalesce((SELECT max(c.date) FROM checkin c
                                     WHERE c.enrolment_id = e.id AND c.state = 'sealed'
                                       AND c.amends_id IS NULL),
                                    e.start_date),
                           '+' || ({interval}) || ' days'),
                      p.name COLLATE NOCASE, p.id"
        );
        let read = || -> rusqlite::Result<Vec<PersonId>> {
            let mut statement = self.connection.prepare_cached(&sql)?;
            let ids = statement.query_map(params_from_iter(values), |row| row.get(0))?;
            ids.collect()
        };
        read().map_err(sqlite_error(&self.path, "ordering people by next check-in"))
    }

    /// The people with these ids, in the order given; an id no longer
    /// recorded is left out.
    pub fn listed_with_ids(&self, ids: &[PersonId]) -> Result<Vec<PersonSummary>, StoreError> {
        let list = ids
            .iter()
            .map(|id| id.0.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let sql = format!("{SUMMARY_SELECT} WHERE p.id IN (SELECT value FROM json_each(?1))");
        let mut rows = read_summaries(
            &self.connection,
            &sql,
            vec![Value::Text(format!("[{list}]"))],
        )
        .map_err(sqlite_error(&self.path, "listing people"))?;
        let position: HashMap<PersonId, usize> =
            ids.iter().enumerate().map(|(at, id)| (*id, at)).collect();
        rows.sort_by_key(|row| position.get(&row.id).copied());
        Ok(rows)
    }
}

/// The filter as SQL conditions on `p` (each starting with AND) and their
/// values, numbered from 1.
fn conditions(filter: PeopleFilter) -> (String, Vec<Value>) {
    let mut sql = String::new();
    let mut values = Vec::new();
    if let Some(assessor) = filter.assessor {
        values.push(Value::Integer(assessor.0));
        sql.push_str(&format!(" AND p.assessor_id = ?{}", values.len()));
    }
    if !filter.name_contains.is_empty() {
        values.push(Value::Text(format!(
            "%{}%",
            super::people::escape_like(filter.name_contains)
        )));
        sql.push_str(&format!(" AND p.name LIKE ?{} ESCAPE '\\'", values.len()));
    }
    (sql, values)
}

fn read_summaries(
    connection: &Connection,
    sql: &str,
    values: Vec<Value>,
) -> rusqlite::Result<Vec<PersonSummary>> {
    let mut statement = connection.prepare_cached(sql)?;
    let rows = statement.query_map(params_from_iter(values), summary_from_row)?;
    rows.collect()
}
