//! Setting up a shared PostgreSQL database, run as its owner: `admin init`
//! makes the group roles, grants and row-level-security policies (and is
//! run again when a framework changes who confirms what); `admin grant`
//! lets a database login act as a person.

use super::pin_input::read_secret;
use super::{CommandError, Context};
use crate::domain::Role;
use crate::store::postgres::security::group_of;
use crate::store::{DATABASE_ENV, Location, Store};
use std::io::Write;
use std::process::ExitCode;

/// `admin init`: the schema, then every permission, then who confirms
/// each requirement of the frameworks this run knows.
pub fn init(context: &Context, out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    let mut store = open_server(context)?;
    let registry = context.registry()?;
    store.set_up_permissions(&registry.all()?)?;
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
    let mut store = open_server(context)?;
    let person = store.find_person(person)?;
    let password = if ask_password {
        Some(read_password(login)?)
    } else {
        None
    };
    store.grant_login(person.id, login, password.as_deref())?;
    writeln!(
        out,
        "{} ({}) acts as the login {login}, a member of {}",
        person.name,
        person.role.as_str(),
        group_of(person.role)
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The database named with `--db` or PCSO_TRACKER_DB, which must be on a
/// PostgreSQL server: permissions are the server's, a file has none.
fn open_server(context: &Context) -> Result<Store, CommandError> {
    if context.acting_as.is_some() {
        return Err(CommandError::Refused(
            "admin commands act as the database login they connect with: leave out --as".into(),
        ));
    }
    match Location::resolve(context.db.as_deref())? {
        Location::Server(_) => context.open_database(),
        _ => Err(CommandError::Refused(format!(
            "admin commands set up a shared PostgreSQL database: give --db postgresql://... (or set {DATABASE_ENV})"
        ))),
    }
}

/// The login's new password, typed twice: hidden at a terminal, else two
/// lines of standard input. Never from the command line.
fn read_password(login: &str) -> Result<String, CommandError> {
    let read = |prompt: &str| -> Result<String, CommandError> {
        read_secret(prompt)
            .map(Option::unwrap_or_default)
            .map_err(|e| {
                CommandError::Refused(format!("cannot read the password for {login}: {e}"))
            })
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
