//! People and their enrolments: adding apprentices and the people around
//! them, naming an apprentice's employer, listing
//! them, and finding one by id or name.

use super::change::Change;
use super::convert::word;
use super::db::{Conn, DbResult, Param, Row};
use super::history::{ChangeKind, RecordKey};
use super::{Store, StoreError};
use crate::domain::{
    Enrolment, EnrolmentId, EnrolmentStatus, Person, PersonId, PersonSummary, Role, did_you_mean,
    planned_end,
};
use crate::framework::Framework;
use chrono::NaiveDate;

/// An apprentice to add, with their first enrolment.
#[derive(Debug, Clone)]
pub struct NewApprentice<'a> {
    pub name: &'a str,
    pub date_of_birth: Option<NaiveDate>,
    pub employer: Option<&'a str>,
    pub assessor: Option<PersonId>,
    pub framework_id: &'a str,
    pub framework_version: &'a str,
    pub framework_hash: &'a str,
    pub start_date: NaiveDate,
    pub planned_end: NaiveDate,
    /// Where the framework has areas of practice, the one chosen.
    pub area_of_practice: Option<&'a str>,
    /// The employer requires English and maths whatever the age.
    pub employer_opt_in: bool,
    /// The unique learner number, already checked.
    pub uln: Option<&'a str>,
    pub learning_support: Option<&'a str>,
}

impl<'a> NewApprentice<'a> {
    /// `name` enrolled on `framework` from `start`, ending when the
    /// programme's length says; `None` when that end is past the calendar.
    /// Everything else is empty, to be filled in with struct update syntax.
    pub fn enrolled_on(name: &'a str, framework: &'a Framework, start: NaiveDate) -> Option<Self> {
        Some(NewApprentice {
            name,
            date_of_birth: None,
            employer: None,
            assessor: None,
            framework_id: &framework.framework.id,
            framework_version: &framework.framework.version,
            framework_hash: &framework.content_hash,
            start_date: start,
            planned_end: planned_end(start, framework.programme.duration_months)?,
            area_of_practice: None,
            employer_opt_in: false,
            uln: None,
            learning_support: None,
        })
    }
}

impl Change<'_> {
    pub fn add_assessor(&self, name: &str) -> Result<PersonId, StoreError> {
        self.add_person(name, Role::Assessor)
    }

    /// Adds a person who is not enrolled: an assessor, an employer, an
    /// administrator.
    pub fn add_person(&self, name: &str, role: Role) -> Result<PersonId, StoreError> {
        self.run("adding a person", |c| {
            let id = c.insert_returning_id(
                "INSERT INTO person (name, role, created_at) VALUES (?1, ?2, ?3)",
                &[&name, &role.as_str(), self.stamp()],
            )?;
            let fields = [
                ("name", None, Some(name.to_string())),
                ("role", None, Some(role.as_str().into())),
            ];
            // Only a database's first administrator is added with nobody
            // acting: they are recorded as adding themselves.
            let by = self.actor().or(Some(PersonId(id)));
            let key = RecordKey::Person(PersonId(id));
            self.history_by(by, ChangeKind::Insert, &key, &fields)?;
            Ok(PersonId(id))
        })
    }

    /// Names the Employer person who manages an apprentice (`None`: nobody).
    pub fn set_employer(
        &self,
        person: PersonId,
        employer: Option<PersonId>,
    ) -> Result<(), StoreError> {
        let before = self.person(person)?.employer_id;
        self.run("changing an employer", |c| {
            c.execute(
                "UPDATE person SET employer_id = ?2 WHERE id = ?1",
                &[&person, &employer],
            )?;
            let id = |p: Option<PersonId>| p.map(|p| p.to_string());
            let fields = [("employer_id", id(before), id(employer))];
            self.history(ChangeKind::Update, &RecordKey::Person(person), &fields)
        })
    }

    /// Whether anyone is recorded as an administrator, read inside the change.
    pub fn has_administrator(&self) -> Result<bool, StoreError> {
        self.run("reading roles", |c| {
            c.query_row(
                "SELECT EXISTS (SELECT 1 FROM person WHERE role = 'administrator')",
                &[],
                |row| row.get(0),
            )
        })
    }

    /// Adds the person and their enrolment in one transaction.
    pub fn add_apprentice(
        &self,
        new: &NewApprentice,
    ) -> Result<(PersonId, EnrolmentId), StoreError> {
        self.run("adding an apprentice", |c| {
            let person = c.insert_returning_id(
                "INSERT INTO person (name, role, date_of_birth, employer, assessor_id, created_at,
                                     uln, learning_support)
                 VALUES (?1, 'apprentice', ?2, ?3, ?4, ?5, ?6, ?7)",
                &[
                    &new.name,
                    &new.date_of_birth,
                    &new.employer,
                    &new.assessor,
                    self.stamp(),
                    &new.uln,
                    &new.learning_support,
                ],
            )?;
            let person_fields = [
                ("name", None, Some(new.name.to_string())),
                ("role", None, Some("apprentice".into())),
                (
                    "date_of_birth",
                    None,
                    new.date_of_birth.map(|d| d.to_string()),
                ),
                ("employer", None, new.employer.map(str::to_string)),
                ("assessor_id", None, new.assessor.map(|a| a.to_string())),
                ("uln", None, new.uln.map(str::to_string)),
                ("learning_support", None, new.learning_support.map(str::to_string)),
            ];
            let key = RecordKey::Person(PersonId(person));
            self.history(ChangeKind::Insert, &key, &person_fields)?;
            let enrolment = c.insert_returning_id(
                "INSERT INTO enrolment (person_id, framework_id, framework_version, framework_hash,
                                        start_date, planned_end, area_of_practice, employer_opt_in, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                &[
                    &person,
                    &new.framework_id,
                    &new.framework_version,
                    &new.framework_hash,
                    &new.start_date,
                    &new.planned_end,
                    &new.area_of_practice,
                    &new.employer_opt_in,
                    self.stamp(),
                ],
            )?;
            let enrolment_fields = [
                ("person_id", None, Some(person.to_string())),
                ("framework_id", None, Some(new.framework_id.to_string())),
                (
                    "framework_version",
                    None,
                    Some(new.framework_version.to_string()),
                ),
                ("start_date", None, Some(new.start_date.to_string())),
                ("planned_end", None, Some(new.planned_end.to_string())),
                ("status", None, Some("active".into())),
                ("area_of_practice", None, new.area_of_practice.map(str::to_string)),
                ("employer_opt_in", None, new.employer_opt_in.then(|| "true".to_string())),
            ];
            let key = RecordKey::Enrolment(EnrolmentId(enrolment));
            self.history(ChangeKind::Insert, &key, &enrolment_fields)?;
            Ok((PersonId(person), EnrolmentId(enrolment)))
        })
    }

    /// The person with this id, read inside the change.
    pub fn person(&self, id: PersonId) -> Result<Person, StoreError> {
        let found = self.run("finding a person", |c| person(c, id))?;
        found.ok_or_else(|| unknown(id))
    }

    /// Everyone's id and name, read inside the change: to refuse a second
    /// person whose name reads the same.
    pub fn person_names(&self) -> Result<Vec<(PersonId, String)>, StoreError> {
        self.run("reading names", |c| {
            c.query("SELECT id, name FROM person ORDER BY id", &[], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
        })
    }

    /// The enrolment with this id, read inside the change.
    pub fn enrolment(&self, id: EnrolmentId) -> Result<Option<Enrolment>, StoreError> {
        self.run("reading enrolments", |c| {
            c.query_opt(
                "SELECT id, person_id, framework_id, framework_version, framework_hash, start_date,
                        planned_end, status, area_of_practice, employer_opt_in, status_reason
                 FROM enrolment WHERE id = ?1",
                &[&id],
                enrolment_from_row,
            )
        })
    }

    /// The person's latest enrolment, read inside the change.
    pub fn latest_enrolment(&self, id: PersonId) -> Result<Option<Enrolment>, StoreError> {
        self.run("reading enrolments", |c| latest_enrolment(c, id))
    }

    /// Who holds a ULN, if anyone, read inside the change.
    pub fn person_with_uln(&self, uln: &str) -> Result<Option<Person>, StoreError> {
        self.run("finding a ULN", |c| {
            Ok(people_where(c, "uln = ?1", &uln)?.into_iter().next())
        })
    }
}

impl Store {
    /// How many people are recorded.
    pub fn count_people(&self) -> Result<i64, StoreError> {
        self.read("counting people", |c| {
            c.query_row("SELECT count(*) FROM person", &[], |row| row.get(0))
        })
    }

    /// Everyone, apprentices first, each with their latest enrolment.
    pub fn people(&self) -> Result<Vec<PersonSummary>, StoreError> {
        self.read("listing people", |c| {
            let sql = format!(
                "{SUMMARY_SELECT} ORDER BY p.role <> 'apprentice', {}, p.id",
                c.dialect().nocase("p.name")
            );
            c.query(&sql, &[], summary_from_row)
        })
    }

    /// The apprentices an assessor is assigned, in the order of `people`:
    /// read through the assessor index, so a caseload costs its own size.
    pub fn people_assessed_by(&self, assessor: PersonId) -> Result<Vec<PersonSummary>, StoreError> {
        self.read("listing people", |c| {
            let sql = format!(
                "{SUMMARY_SELECT} WHERE p.assessor_id = ?1 ORDER BY p.role <> 'apprentice', {}, p.id",
                c.dialect().nocase("p.name")
            );
            c.query(&sql, &[&assessor], summary_from_row)
        })
    }

    /// The person with this id, or the one whose name matches: exactly
    /// (ignoring case), else as the start of a name or word.
    pub fn find_person(&self, query: &str) -> Result<Person, StoreError> {
        let query = query.trim();
        let matches = self.read("finding a person", |c| find_person(c, query))?;
        match <[Person; 1]>::try_from(matches) {
            Ok([person]) => Ok(person),
            Err(matches) if matches.is_empty() => Err(StoreError::UnknownPerson {
                query: query.to_string(),
                suggestions: self.names_near(query)?,
            }),
            Err(matches) => Err(StoreError::AmbiguousPerson {
                query: query.to_string(),
                matches: matches
                    .iter()
                    .map(|p| format!("{} (id {})", p.name, p.id.0))
                    .collect(),
            }),
        }
    }

    /// Recorded names near `query`, for a refusal: read only once the
    /// lookup has found no one, so a lookup that succeeds stays one read.
    fn names_near(&self, query: &str) -> Result<Vec<String>, StoreError> {
        let names: Vec<String> = self.read("reading names", |c| {
            c.query("SELECT name FROM person ORDER BY id", &[], |row| row.get(0))
        })?;
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        Ok(did_you_mean(query, &names)
            .into_iter()
            .map(str::to_string)
            .collect())
    }

    /// The person with this id.
    pub fn person(&self, id: PersonId) -> Result<Person, StoreError> {
        let found = self.read("finding a person", |c| person(c, id))?;
        found.ok_or_else(|| unknown(id))
    }

    /// The enrolment most recently started for a person, if any.
    pub fn latest_enrolment(&self, id: PersonId) -> Result<Option<Enrolment>, StoreError> {
        self.read("reading enrolments", |c| latest_enrolment(c, id))
    }

    /// The Employer person who manages `person`, if one is named.
    pub fn employer_of(&self, person: PersonId) -> Result<Option<Person>, StoreError> {
        match self.person(person)?.employer_id {
            Some(employer) => Ok(Some(self.person(employer)?)),
            None => Ok(None),
        }
    }
}

fn unknown(id: PersonId) -> StoreError {
    StoreError::UnknownPerson {
        query: id.0.to_string(),
        suggestions: Vec::new(),
    }
}

/// Everyone `query` may name: the id, else the name ignoring case, else
/// names with a word starting with it.
fn find_person(c: Conn, query: &str) -> DbResult<Vec<Person>> {
    if let Ok(id) = query.parse::<i64>() {
        if let Some(found) = people_where(c, "id = ?1", &id)?.pop() {
            return Ok(vec![found]);
        }
    }
    let dialect = c.dialect();
    let same_name = format!(
        "{} = {}",
        dialect.nocase("name"),
        dialect.nocase_value("?1")
    );
    let exact = people_where(c, &same_name, &query)?;
    if !exact.is_empty() {
        return Ok(exact);
    }
    let pattern = format!("{}%", escape_like(query));
    let starts = format!(
        "({} OR {})",
        dialect.like("name", "?1"),
        dialect.like("name", "'% ' || ?1")
    );
    people_where(c, &starts, &pattern)
}

fn person(c: Conn, id: PersonId) -> DbResult<Option<Person>> {
    Ok(people_where(c, "id = ?1", &id)?.pop())
}

fn people_where(c: Conn, condition: &str, value: &dyn Param) -> DbResult<Vec<Person>> {
    let sql = format!(
        "SELECT id, name, role, date_of_birth, employer, assessor_id, employer_id, uln,
                learning_support FROM person WHERE {condition} ORDER BY id"
    );
    c.query(&sql, &[value], person_from_row)
}

fn latest_enrolment(c: Conn, person: PersonId) -> DbResult<Option<Enrolment>> {
    c.query_opt(
        "SELECT id, person_id, framework_id, framework_version, framework_hash, start_date,
                planned_end, status, area_of_practice, employer_opt_in, status_reason
         FROM enrolment WHERE person_id = ?1 ORDER BY id DESC LIMIT 1",
        &[&person],
        enrolment_from_row,
    )
}

pub(super) fn person_from_row(row: &Row) -> DbResult<Person> {
    Ok(Person {
        id: row.get(0)?,
        name: row.get(1)?,
        role: word(row, 2, Role::parse)?,
        date_of_birth: row.get(3)?,
        employer: row.get(4)?,
        assessor_id: row.get(5)?,
        employer_id: row.get(6)?,
        uln: row.get(7)?,
        learning_support: row.get(8)?,
    })
}

fn enrolment_from_row(row: &Row) -> DbResult<Enrolment> {
    Ok(Enrolment {
        id: row.get(0)?,
        person_id: row.get(1)?,
        framework_id: row.get(2)?,
        framework_version: row.get(3)?,
        framework_hash: row.get(4)?,
        start_date: row.get(5)?,
        planned_end: row.get(6)?,
        status: word(row, 7, EnrolmentStatus::parse)?,
        area_of_practice: row.get(8)?,
        employer_opt_in: row.get(9)?,
        status_reason: row.get(10)?,
    })
}

/// A person with their latest enrolment, its last sealed check-in and its
/// open drafts, for `summary_from_row`; conditions and order follow.
pub(super) const SUMMARY_SELECT: &str = "
    SELECT p.id, p.name, p.role, a.name, e.framework_id, e.start_date, e.planned_end, e.status,
           p.assessor_id,
           (SELECT max(c.date) FROM checkin c
             WHERE c.enrolment_id = e.id AND c.state = 'sealed' AND c.amends_id IS NULL),
           (SELECT count(*) FROM checkin c WHERE c.enrolment_id = e.id AND c.state = 'draft'
             AND c.superseded_by IS NULL AND c.completed_at IS NULL)
    FROM person p
    LEFT JOIN person a ON a.id = p.assessor_id
    LEFT JOIN enrolment e ON e.id = (SELECT max(id) FROM enrolment WHERE person_id = p.id)";

pub(super) fn summary_from_row(row: &Row) -> DbResult<PersonSummary> {
    let status: Option<String> = row.get(7)?;
    Ok(PersonSummary {
        id: row.get(0)?,
        name: row.get(1)?,
        role: word(row, 2, Role::parse)?,
        assessor_id: row.get(8)?,
        last_checkin: row.get(9)?,
        drafts: row.get(10)?,
        assessor: row.get(3)?,
        framework_id: row.get(4)?,
        start_date: row.get(5)?,
        planned_end: row.get(6)?,
        status: status.as_deref().and_then(EnrolmentStatus::parse),
    })
}

pub(super) fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
