//! The PostgreSQL schema, as numbered migrations applied in order, in one
//! transaction. Like SQLite's, a released migration is never edited; a
//! change is a new file. `schema_migration` records each one applied.

use postgres::Client;
use postgres::error::SqlState;
use thiserror::Error;

const MIGRATIONS: [&str; 8] = [
    include_str!("schema/0001_schema.sql"),
    include_str!("schema/0002_gateway_signoff.sql"),
    include_str!("schema/0003_security.sql"),
    include_str!("schema/0004_change_notice.sql"),
    include_str!("schema/0005_learner_record_and_epa.sql"),
    include_str!("schema/0006_evidence_files.sql"),
    include_str!("schema/0007_hours_review.sql"),
    include_str!("schema/0008_training_plan.sql"),
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

#[derive(Debug, Error)]
pub enum SchemaError {
    #[error(
        "the database was set up by a newer version of pcso-tracker (schema {found}, this build knows up to {known}); it was left untouched"
    )]
    NewerSchema { found: i32, known: i32 },

    #[error("the login {login} has been granted no use of this database")]
    NotGranted { login: String },

    #[error("upgrading the schema: {source}")]
    Sql {
        #[from]
        source: postgres::Error,
    },
}

/// Brings the database up to `SCHEMA_VERSION`; gives the version found.
/// Another program upgrading at the same time waits for this one.
pub fn migrate(client: &mut Client) -> Result<i32, SchemaError> {
    // A person's login may read the schema's version but not change the
    // schema: a database already current is opened without any DDL.
    if let Some(found) = version_found(client)? {
        if found > SCHEMA_VERSION {
            return Err(SchemaError::NewerSchema {
                found,
                known: SCHEMA_VERSION,
            });
        }
        if found == SCHEMA_VERSION {
            return Ok(found);
        }
    }
    let mut transaction = client.transaction()?;
    transaction.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migration (
             version    integer PRIMARY KEY,
             applied_at timestamptz NOT NULL DEFAULT now()
         );
         LOCK TABLE schema_migration IN EXCLUSIVE MODE;",
    )?;
    let found: i32 = transaction
        .query_one(
            "SELECT coalesce(max(version), 0) FROM schema_migration",
            &[],
        )?
        .get(0);
    if found > SCHEMA_VERSION {
        return Err(SchemaError::NewerSchema {
            found,
            known: SCHEMA_VERSION,
        });
    }
    for (version, sql) in (1..)
        .zip(MIGRATIONS)
        .skip(usize::try_from(found).unwrap_or(0))
    {
        transaction.batch_execute(sql)?;
        transaction.execute(
            "INSERT INTO schema_migration (version) VALUES ($1)",
            &[&version],
        )?;
    }
    transaction.commit()?;
    Ok(found)
}

/// The highest migration applied, or none on a database never set up.
fn version_found(client: &mut Client) -> Result<Option<i32>, SchemaError> {
    let exists: bool = client
        .query_one("SELECT to_regclass('schema_migration') IS NOT NULL", &[])?
        .get(0);
    if !exists {
        return Ok(None);
    }
    let found = match client.query_one(
        "SELECT coalesce(max(version), 0) FROM schema_migration",
        &[],
    ) {
        Ok(row) => row.get(0),
        // Every person's login may read it once granted: this one was not.
        Err(error) if error.code() == Some(&SqlState::INSUFFICIENT_PRIVILEGE) => {
            let login: String = client.query_one("SELECT session_user::text", &[])?.get(0);
            return Err(SchemaError::NotGranted { login });
        }
        Err(error) => return Err(error.into()),
    };
    Ok(Some(found))
}
