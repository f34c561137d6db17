//! Setting up a shared PostgreSQL database, run as its owner: `admin init`
//! makes the group roles, grants and row-level-security policies (and is
//! run again when a framework changes who confirms what); `admin grant`
//! lets a database login act as a person.

use super::{CommandError, Context};
use crate::domain::{PersonId, Role};
use crate::store::DATABASE_ENV;
use crate::store::postgres::migrate;
use crate::store::postgres::security::{self, group_of};
use postgres::{Client, NoTls};
use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

/// `admin init`: the schema, then every permission, then who confirms
/// each requirement of the frameworks this run knows.
pub fn init(context: &Context, out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    let mut client = connect(context)?;
    migrate(&mut client).map_err(|e| CommandError::Refused(e.to_string()))?;
    security::init(&mut client)?;
    let registry = context.registry()?;
    security::record_confirmers(&mut client, &registry.all()?)?;
    let groups: Vec<&str> = Role::ALL.iter().map(|role| group_of(*role)).collect();
    writeln!(
        out,
        "permissions set: group roles {}; row-level security on every table of people's records",
        groups.join(", ")
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `admin grant PERSON --login NAME [--password]`.
pub fn grant(
    context: &Context,
    person: &str,
    login: &str,
    ask_password: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let mut client = connect(context)?;
    let (id, name, role) = find_person(&mut client, person)?;
    let password = if ask_password {
        Some(read_password(login)?)
    } else {
        None
    };
    security::grant_login(&mut client, id, login, password.as_deref())?;
    writeln!(
        out,
        "{name} ({role}) acts as the login {login}, a member of {}",
        group_of(role)
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The database named with `--db` or PCSO_TRACKER_DB, which must be a
/// PostgreSQL URL: permissions are the server's, a file has none.
fn connect(context: &Context) -> Result<Client, CommandError> {
    if context.acting_as.is_some() {
        return Err(CommandError::Refused(
            "admin commands act as the database login they connect with: leave out --as".into(),
        ));
    }
    let named = match &context.db {
        Some(path) => Some(path.to_string_lossy().into_owned()),
        None => std::env::var(DATABASE_ENV).ok(),
    };
    let url = named
        .filter(|url| url.starts_with("postgresql://") || url.starts_with("postgres://"))
        .ok_or_else(|| {
            CommandError::Refused(format!(
                "admin commands set up a shared PostgreSQL database: give --db postgresql://... (or set {DATABASE_ENV})"
            ))
        })?;
    Client::connect(&url, NoTls).map_err(|e| {
        CommandError::Refused(format!("cannot connect to the PostgreSQL database: {e}"))
    })
}

/// The person `query` names: an id, else a name (ignoring case), else the
/// start of one name only.
fn find_person(client: &mut Client, query: &str) -> Result<(PersonId, String, Role), CommandError> {
    let query = query.trim();
    let failed = |e: postgres::Error| CommandError::Refused(format!("finding {query}: {e}"));
    let rows = client
        .query(
            "SELECT id, name, role FROM person
             WHERE id::text = $1 OR lower(name) = lower($1)
                OR (NOT EXISTS (SELECT 1 FROM person WHERE id::text = $1 OR lower(name) = lower($1))
                    AND starts_with(lower(name), lower($1)))
             ORDER BY id",
            &[&query],
        )
        .map_err(failed)?;
    match rows.as_slice() {
        [] => Err(CommandError::Refused(format!(
            "no person is named or numbered {query}"
        ))),
        [row] => {
            let role: String = row.get(2);
            let role = Role::parse(&role).ok_or_else(|| {
                CommandError::Refused(format!(
                    "{} has an unknown role {role}",
                    row.get::<_, String>(1)
                ))
            })?;
            Ok((PersonId(row.get(0)), row.get(1), role))
        }
        several => {
            let names: Vec<String> = several
                .iter()
                .map(|row| format!("{} (id {})", row.get::<_, String>(1), row.get::<_, i64>(0)))
                .collect();
            Err(CommandError::Refused(format!(
                "{query} could be {}: give an id",
                names.join(", ")
            )))
        }
    }
}

/// The login's new password, typed twice: hidden at a terminal, else two
/// lines of standard input. Never from the command line.
fn read_password(login: &str) -> Result<String, CommandError> {
    let unreadable =
        |e: io::Error| CommandError::Refused(format!("cannot read the password for {login}: {e}"));
    let read = |prompt: &str| -> Result<String, CommandError> {
        if io::stdin().is_terminal() {
            return rpassword::prompt_password(prompt).map_err(unreadable);
        }
        let mut line = String::new();
        io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(unreadable)?;
        Ok(line.trim_end_matches(['\n', '\r']).to_string())
    };
    let password = read(&format!("Password for {login}: "))?;
    let again = read("Again: ")?;
    if password.is_empty() {
        return Err(CommandError::Refused(format!(
            "no password was given for {login}"
        )));
    }
    if password != again {
        return Err(CommandError::Refused(
            "the two passwords differ; nothing was changed".into(),
        ));
    }
    Ok(password)
}
