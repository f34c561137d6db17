//! The list of people to choose from, read a window at a time: everyone
//! enrolled (or one assessor's caseload), narrowed by a typed name, by name
//! or by when the next check-in falls due. A screen asks for the rows it
//! shows and a count, never for the whole list.

use super::db::{Conn, DbResult, Param};
use super::dialect::Dialect;
use super::people::{SUMMARY_SELECT, summary_from_row};
use super::{Store, StoreError};
use crate::domain::{PersonId, PersonSummary};
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
        let count = self.read("counting people", |c| {
            let (conditions, values) = conditions(c.dialect(), filter);
            let sql = format!(
                "SELECT count(*) FROM person p
                 WHERE EXISTS (SELECT 1 FROM enrolment WHERE person_id = p.id){conditions}"
            );
            c.query_row(&sql, &bound(&values), |row| row.get::<i64>(0))
        })?;
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
        let (after, key) = match anchor {
            NameAnchor::First => (true, None),
            NameAnchor::Last => (false, None),
            NameAnchor::After(person) => (true, Some(person)),
            NameAnchor::Before(person) => (false, Some(person)),
        };
        let mut rows = self.read("listing people", |c| {
            let dialect = c.dialect();
            let (mut conditions, mut values) = conditions(dialect, filter);
            if let Some(person) = key {
                // The first term is a range on the name index; the second breaks ties.
                let (op, strict) = if after { (">=", ">") } else { ("<=", "<") };
                let name = dialect.nocase("p.name");
                let value = dialect.nocase_value(&format!("?{}", values.len() + 1));
                conditions.push_str(&format!(
                    " AND {name} {op} {value}
                      AND ({name} {strict} {value} OR p.id {strict} ?{})",
                    values.len() + 2
                ));
                values.push(Box::new(person.name.clone()));
                values.push(Box::new(person.id));
            }
            let direction = if after { "ASC" } else { "DESC" };
            let limit = values.len() + 1;
            let sql = format!(
                "{SUMMARY_SELECT} WHERE e.id IS NOT NULL{conditions}
                 ORDER BY {} {direction}, p.id {direction}
                 LIMIT ?{limit} OFFSET ?{}",
                dialect.nocase("p.name"),
                limit + 1
            );
            values.push(Box::new(i64::try_from(take).unwrap_or(i64::MAX)));
            values.push(Box::new(i64::try_from(skip).unwrap_or(i64::MAX)));
            c.query(&sql, &bound(&values), summary_from_row)
        })?;
        if !after {
            rows.reverse();
        }
        Ok(rows)
    }

    /// Every listed person's id in order of name (ignoring ASCII case, then
    /// id): a list narrowed by a typed name is held as its ids, so moving
    /// through it reads only the rows shown.
    pub fn listed_ids_by_name(&self, filter: PeopleFilter) -> Result<Vec<PersonId>, StoreError> {
        self.read("listing people by name", |c| {
            let (conditions, values) = conditions(c.dialect(), filter);
            let sql = format!(
                "SELECT p.id FROM person p
                 WHERE EXISTS (SELECT 1 FROM enrolment WHERE person_id = p.id){conditions}
                 ORDER BY {}, p.id",
                c.dialect().nocase("p.name")
            );
            c.query(&sql, &bound(&values), |row| row.get(0))
        })
    }

    /// Every listed person's id, the next check-in due first: the last
    /// sealed check-in (or the start) plus the framework's interval, then
    /// by name. An unknown framework has no due date and comes first.
    pub fn listed_ids_by_next_checkin(
        &self,
        filter: PeopleFilter,
        intervals: CheckinIntervals,
    ) -> Result<Vec<PersonId>, StoreError> {
        self.read("ordering people by next check-in", |c| {
            ids_by_next_checkin(c, filter, intervals)
        })
    }

    /// The people with these ids, in the order given; an id no longer
    /// recorded is left out.
    pub fn listed_with_ids(&self, ids: &[PersonId]) -> Result<Vec<PersonSummary>, StoreError> {
        let list = ids
            .iter()
            .map(|id| id.0.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let mut rows = self.read("listing people", |c| {
            let sql = format!(
                "{SUMMARY_SELECT} WHERE {}",
                c.dialect().in_id_list("p.id", "?1")
            );
            c.query(&sql, &[&format!("[{list}]")], summary_from_row)
        })?;
        let position: HashMap<PersonId, usize> =
            ids.iter().enumerate().map(|(at, id)| (*id, at)).collect();
        rows.sort_by_key(|row| position.get(&row.id).copied());
        Ok(rows)
    }
}

fn ids_by_next_checkin(
    c: Conn,
    filter: PeopleFilter,
    intervals: CheckinIntervals,
) -> DbResult<Vec<PersonId>> {
    let dialect = c.dialect();
    let (conditions, mut values) = conditions(dialect, filter);
    let mut interval = String::from("CASE e.framework_id");
    for (framework, days) in intervals {
        let at = values.len() + 1;
        interval.push_str(&format!(" WHEN ?{at} THEN CAST(?{} AS bigint)", at + 1));
        values.push(Box::new((*framework).to_string()));
        values.push(Box::new(i64::from(*days)));
    }
    interval.push_str(" END");
    if intervals.is_empty() {
        interval = "CAST(NULL AS bigint)".to_string();
    }
    let last_sealed = "coalesce((SELECT max(c.date) FROM checkin c
                                 WHERE c.enrolment_id = e.id AND c.state = 'sealed'
                                   AND c.amends_id IS NULL),
                                e.start_date)";
    let sql = format!(
        "SELECT p.id FROM person p
         JOIN enrolment e ON e.id = (SELECT max(id) FROM enrolment WHERE person_id = p.id)
         WHERE true{conditions}
         ORDER BY {} NULLS FIRST, {}, p.id",
        dialect.add_days(last_sealed, &interval),
        dialect.nocase("p.name")
    );
    c.query(&sql, &bound(&values), |row| row.get(0))
}

/// Values built up with their statement.
type Values = Vec<Box<dyn Param>>;

fn bound(values: &Values) -> Vec<&dyn Param> {
    values.iter().map(|value| value.as_ref()).collect()
}

/// The filter as SQL conditions on `p` (each starting with AND) and their
/// values, numbered from 1.
fn conditions(dialect: Dialect, filter: PeopleFilter) -> (String, Values) {
    let mut sql = String::new();
    let mut values: Values = Vec::new();
    if let Some(assessor) = filter.assessor {
        values.push(Box::new(assessor));
        sql.push_str(&format!(" AND p.assessor_id = ?{}", values.len()));
    }
    if !filter.name_contains.is_empty() {
        values.push(Box::new(format!(
            "%{}%",
            super::people::escape_like(filter.name_contains)
        )));
        let pattern = format!("?{}", values.len());
        sql.push_str(&format!(" AND {}", dialect.like("p.name", &pattern)));
    }
    (sql, values)
}
