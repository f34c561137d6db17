//! Permissions the database enforces, whatever client a login uses: a
//! group role per role of the permission table (`domain::permission`), the
//! grants and row-level-security policies that mirror it (`security.sql`),
//! and login roles linked to people. Run by the database's owner (who needs
//! CREATEROLE); each function may run again and converges.

use crate::domain::{PersonId, Role};
use crate::framework::Framework;
use crate::store::{Db, Store};
use postgres::{Client, Transaction};
use thiserror::Error;

const POLICIES: &str = include_str!("security.sql");

/// PostgreSQL's limit on a role name, in bytes.
const MAX_LOGIN_BYTES: usize = 63;

#[derive(Debug, Error)]
pub enum SecurityError {
    #[error("{what}: {source}")]
    Sql {
        what: &'static str,
        source: postgres::Error,
    },

    #[error("permissions are the server's: a database file has none; give --db postgresql://...")]
    NotShared,

    #[error("no person has the id {0}")]
    NoSuchPerson(i64),

    #[error("the login {login} already acts for {person}; a login acts for one person")]
    LoginTaken { login: String, person: String },

    #[error(
        "the login {0} is a superuser or bypasses row-level security, so the database could not hold it to one person's permissions; choose another login"
    )]
    Privileged(String),

    #[error("{login:?} cannot be a login: {reason}")]
    BadLogin { login: String, reason: &'static str },
}

fn sql(what: &'static str) -> impl FnOnce(postgres::Error) -> SecurityError {
    move |source| SecurityError::Sql { what, source }
}

/// The group role whose members act in `role`.
pub fn group_of(role: Role) -> &'static str {
    match role {
        Role::Apprentice => "pcso_apprentice",
        Role::Assessor => "pcso_assessor",
        Role::Employer => "pcso_employer",
        Role::Administrator => "pcso_administrator",
    }
}

/// Creates the group roles when missing, then (re)makes every grant and
/// policy. The schema must be migrated first.
pub fn init(client: &mut Client) -> Result<(), SecurityError> {
    for role in Role::ALL.iter().copied() {
        create_group(client, group_of(role))?;
    }
    let mut transaction = client
        .transaction()
        .map_err(sql("starting to set permissions"))?;
    transaction
        .batch_execute(POLICIES)
        .map_err(sql("setting grants and row-level security"))?;
    transaction.commit().map_err(sql("saving the permissions"))
}

/// A role without login, made once: roles belong to the whole server, so
/// another database on it may have made it already (or be making it now).
fn create_group(client: &mut Client, group: &str) -> Result<(), SecurityError> {
    client
        .batch_execute(&format!(
            "DO $$ BEGIN
                 IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{group}') THEN
                     CREATE ROLE {group} NOLOGIN;
                 END IF;
             EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
             END $$"
        ))
        .map_err(sql("creating the group roles"))
}

/// Records who may confirm each requirement of `frameworks`, as their files
/// say, replacing what was recorded for those frameworks.
pub fn record_confirmers(
    client: &mut Client,
    frameworks: &[&Framework],
) -> Result<(), SecurityError> {
    let what = "recording who confirms each requirement";
    let mut transaction = client.transaction().map_err(sql(what))?;
    for framework in frameworks {
        let id = &framework.framework.id;
        transaction
            .execute(
                "DELETE FROM requirement_confirmer WHERE framework_id = $1",
                &[id],
            )
            .map_err(sql(what))?;
        for requirement in &framework.requirements {
            for confirmer in &requirement.confirmed_by.0 {
                transaction
                    .execute(
                        "INSERT INTO requirement_confirmer (framework_id, requirement_id, role)
                         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                        &[id, &requirement.id, &confirmer.word()],
                    )
                    .map_err(sql(what))?;
            }
        }
    }
    transaction.commit().map_err(sql(what))
}

/// Lets `login` act for `person`: creates the login role when missing
/// (with `password`, stored only as a SCRAM verifier; without, the server's
/// `pg_hba.conf` says how it authenticates), makes it a member of the
/// person's group role and of no other, and links it to the person.
pub fn grant_login(
    client: &mut Client,
    person: PersonId,
    login: &str,
    password: Option<&str>,
) -> Result<(), SecurityError> {
    check_login(login)?;
    let what = "granting a login";
    let mut transaction = client.transaction().map_err(sql(what))?;
    let role = role_of(&mut transaction, person)?;
    ensure_login_role(&mut transaction, login, password)?;
    for other in Role::ALL.iter().copied() {
        let verb = if other == role { "GRANT" } else { "REVOKE" };
        let direction = if other == role { "TO" } else { "FROM" };
        let statement = transaction
            .query_one(
                &format!("SELECT format('{verb} %I {direction} %I', $1::text, $2::text)"),
                &[&group_of(other), &login],
            )
            .map_err(sql(what))?
            .get::<_, String>(0);
        transaction.batch_execute(&statement).map_err(sql(what))?;
    }
    link(&mut transaction, person, login)?;
    transaction.commit().map_err(sql(what))
}

/// A name PostgreSQL takes for a role and that is not one of ours.
fn check_login(login: &str) -> Result<(), SecurityError> {
    let bad = |reason| {
        Err(SecurityError::BadLogin {
            login: login.to_string(),
            reason,
        })
    };
    if login.trim().is_empty() {
        return bad("it is empty");
    }
    if login.len() > MAX_LOGIN_BYTES {
        return bad("PostgreSQL takes role names of up to 63 bytes");
    }
    if login.starts_with("pg_") {
        return bad("names starting pg_ are PostgreSQL's own");
    }
    if Role::ALL.iter().any(|role| group_of(*role) == login) {
        return bad("it is one of the group roles");
    }
    Ok(())
}

fn role_of(transaction: &mut Transaction, person: PersonId) -> Result<Role, SecurityError> {
    let row = transaction
        .query_opt("SELECT role FROM person WHERE id = $1", &[&person.0])
        .map_err(sql("reading the person"))?
        .ok_or(SecurityError::NoSuchPerson(person.0))?;
    let word: String = row.get(0);
    // The schema's CHECK allows only the four roles.
    Ok(Role::parse(&word).unwrap_or(Role::Apprentice))
}

fn ensure_login_role(
    transaction: &mut Transaction,
    login: &str,
    password: Option<&str>,
) -> Result<(), SecurityError> {
    let what = "creating the login";
    let existing = transaction
        .query_opt(
            "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = $1",
            &[&login],
        )
        .map_err(sql(what))?;
    if let Some(row) = &existing
        && row.get::<_, bool>(0)
    {
        return Err(SecurityError::Privileged(login.to_string()));
    }
    let verb = if existing.is_some() {
        "ALTER"
    } else {
        "CREATE"
    };
    // The server gets a verifier, never the password itself, so it is in
    // no statement log.
    let verifier = password.map(|p| postgres_protocol::password::scram_sha_256(p.as_bytes()));
    let statement = transaction
        .query_one(
            &format!(
                "SELECT format('{verb} ROLE %I LOGIN', $1::text)
                        || coalesce(format(' PASSWORD %L', $2::text), '')"
            ),
            &[&login, &verifier],
        )
        .map_err(sql(what))?
        .get::<_, String>(0);
    transaction.batch_execute(&statement).map_err(sql(what))
}

fn link(transaction: &mut Transaction, person: PersonId, login: &str) -> Result<(), SecurityError> {
    let what = "linking the login to the person";
    let taken = transaction
        .query_opt(
            "SELECT p.name FROM person_login l JOIN person p ON p.id = l.person_id
             WHERE l.login = $1 AND l.person_id <> $2",
            &[&login, &person.0],
        )
        .map_err(sql(what))?;
    if let Some(row) = taken {
        return Err(SecurityError::LoginTaken {
            login: login.to_string(),
            person: row.get(0),
        });
    }
    transaction
        .execute(
            "INSERT INTO person_login (person_id, login) VALUES ($1, $2)
             ON CONFLICT (person_id) DO UPDATE SET login = excluded.login",
            &[&person.0, &login],
        )
        .map_err(sql(what))?;
    Ok(())
}

/// The person this session's login acts for; none for a login linked to
/// nobody (the database's owner, for one).
pub fn current_person(client: &mut Client) -> Result<Option<PersonId>, postgres::Error> {
    let row = client.query_one("SELECT pcso_current_person()", &[])?;
    Ok(row.get::<_, Option<i64>>(0).map(PersonId))
}

impl Store {
    /// Sets up the server's permissions (`init`), then records who
    /// confirms each requirement of `frameworks`.
    pub fn set_up_permissions(&mut self, frameworks: &[&Framework]) -> Result<(), SecurityError> {
        self.on_server(|client| {
            init(client)?;
            record_confirmers(client, frameworks)
        })
    }

    /// Lets `login` act for `person` (`grant_login`).
    pub fn grant_login(
        &mut self,
        person: PersonId,
        login: &str,
        password: Option<&str>,
    ) -> Result<(), SecurityError> {
        self.on_server(|client| grant_login(client, person, login, password))
    }

    /// The person this connection's login acts for, as read when it
    /// connected: none on a file, and none for a login linked to nobody
    /// (the database's owner, for one).
    pub fn login_person(&self) -> Option<PersonId> {
        self.login
    }

    fn on_server<T>(
        &mut self,
        work: impl FnOnce(&mut Client) -> Result<T, SecurityError>,
    ) -> Result<T, SecurityError> {
        match &self.db {
            Db::Sqlite(_) => Err(SecurityError::NotShared),
            Db::Postgres(db) => db.with_client(work),
        }
    }
}
