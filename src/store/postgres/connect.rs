//! Connecting to a PostgreSQL server by URL, and saying what went wrong in
//! words a user can act on: the server unreachable, the login refused, the
//! database missing. Messages name the URL without its password.

use super::SchemaError;
use crate::store::StoreError;
use postgres::error::SqlState;
use postgres::{Client, NoTls};
use std::path::{Path, PathBuf};

/// Why a connection could not be made.
#[derive(Debug)]
pub struct ConnectError(postgres::Error);

impl ConnectError {
    /// The store error for a connection to `path` (a redacted URL).
    pub fn at(self, path: &Path) -> StoreError {
        let path = path.to_path_buf();
        let message = describe(&self.0);
        let code = self.0.as_db_error().map(|db| db.code().clone());
        match code {
            Some(code)
                if code == SqlState::INVALID_PASSWORD
                    || code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION =>
            {
                StoreError::LoginRefused { path, message }
            }
            Some(code) if code == SqlState::INVALID_CATALOG_NAME => {
                StoreError::NoSuchDatabase { path, message }
            }
            Some(_) => StoreError::ServerRefused { path, message },
            None if asks_for_password(&self.0) => StoreError::PasswordNeeded { path },
            None if message.starts_with("invalid configuration") => {
                StoreError::BadUrl { path, message }
            }
            None => StoreError::ServerUnreachable { path, message },
        }
    }
}

/// The server asked for a password and the URL gave none.
fn asks_for_password(error: &postgres::Error) -> bool {
    std::error::Error::source(error).is_some_and(|cause| cause.to_string() == "password missing")
}

/// Connects; times are exchanged as `timestamptz` and dates compared with
/// them as UTC midnights, whatever the server's own time zone.
pub fn connect(url: &str) -> Result<Client, ConnectError> {
    let mut client = Client::connect(url, NoTls).map_err(ConnectError)?;
    client
        .batch_execute("SET TIME ZONE 'UTC'")
        .map_err(ConnectError)?;
    Ok(client)
}

/// A statement's failure on the server.
pub fn statement_error(
    path: PathBuf,
    context: &'static str,
    error: &postgres::Error,
) -> StoreError {
    if error.is_closed() || ended_by_server(error) {
        return StoreError::ServerUnreachable {
            path,
            message: describe(error),
        };
    }
    StoreError::Postgres {
        path,
        context,
        message: describe(error),
    }
}

/// The server ended the connection: shut down, restarted, or told to end
/// it by an administrator.
fn ended_by_server(error: &postgres::Error) -> bool {
    let ended = [
        SqlState::ADMIN_SHUTDOWN,
        SqlState::CRASH_SHUTDOWN,
        SqlState::CANNOT_CONNECT_NOW,
    ];
    error.code().is_some_and(|code| ended.contains(code))
}

/// A failure to bring the schema up to date.
pub fn schema_error(path: &Path, error: SchemaError) -> StoreError {
    match error {
        SchemaError::NewerSchema { found, known } => StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: i64::from(found),
            known: i64::from(known),
        },
        SchemaError::NotGranted { login } => StoreError::NotGranted {
            path: path.to_path_buf(),
            login,
        },
        SchemaError::Sql { source } => {
            statement_error(path.to_path_buf(), "upgrading the schema", &source)
        }
    }
}

/// The first line of what the server or client said.
fn describe(error: &postgres::Error) -> String {
    let text = match error.as_db_error() {
        Some(db) => db.message().to_string(),
        None => error.to_string(),
    };
    text.lines().next().unwrap_or_default().to_string()
}

/// `url` with `password` added as a parameter, so that a password typed at
/// a prompt reaches the server without ever being on a command line.
pub fn with_password(url: &str, password: &str) -> String {
    let mut encoded = String::new();
    for byte in password.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    let joint = if url.contains('?') { '&' } else { '?' };
    format!("{url}{joint}password={encoded}")
}

/// The URL without a password, in its user part or its parameters.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => {
            let user = user.split_once(':').map_or(user, |(name, _)| name);
            format!("{user}@{host}")
        }
        None => authority.to_string(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let kept: Vec<&str> = query
                .split('&')
                .filter(|pair| !pair.starts_with("password="))
                .collect();
            if kept.is_empty() {
                path.to_string()
            } else {
                format!("{path}?{}", kept.join("&"))
            }
        }
        None => tail.to_string(),
    };
    format!("{scheme}://{authority}{tail}")
}

#[cfg(test)]
mod tests {
    use super::{redacted, with_password};

    #[test]
    fn a_typed_password_is_added_encoded_and_kept_out_of_messages() {
        let url = with_password("postgresql://amy@db/unit?sslmode=disable", "p&ss w=rd%");
        assert_eq!(
            url,
            "postgresql://amy@db/unit?sslmode=disable&password=p%26ss%20w%3Drd%25"
        );
        assert_eq!(redacted(&url), "postgresql://amy@db/unit?sslmode=disable");
    }

    #[test]
    fn a_password_never_reaches_a_message() {
        assert_eq!(
            redacted("postgresql://amy:s3cret@db.example/unit?password=x&sslmode=disable"),
            "postgresql://amy@db.example/unit?sslmode=disable"
        );
        assert_eq!(
            redacted("postgresql://amy@/unit?host=/run/pg"),
            "postgresql://amy@/unit?host=/run/pg"
        );
    }
}
