//! PostgreSQL for the integration tests: a fresh database per test on the
//! throwaway cluster this test binary shares.

use pcso_tracker::store::postgres::{REQUIRE_ENV, SKIPPED, TempCluster};
use std::io::Write;
use std::sync::Once;

/// The URL of a new, empty database, or None when no PostgreSQL server is
/// installed (said once per test binary). With PCSO_REQUIRE_POSTGRES=1 a
/// missing server fails the test instead.
pub fn database() -> Option<String> {
    let cluster = match TempCluster::shared() {
        Ok(Some(cluster)) => cluster,
        Ok(None) => return skip(),
        Err(error) => panic!("cannot start the test PostgreSQL server: {error}"),
    };
    match cluster.create_database() {
        Ok(url) => Some(url),
        Err(error) => panic!("cannot create a test database: {error}"),
    }
}

/// The name of the database at a test server's `url`. Roles belong to the
/// whole server, so tests name their logins after their database.
pub fn database_name(url: &str) -> &str {
    let path = url.split('?').next().unwrap_or_default();
    path.rsplit('/').next().unwrap_or_default()
}

fn skip() -> Option<String> {
    assert!(
        std::env::var(REQUIRE_ENV).as_deref() != Ok("1"),
        "{REQUIRE_ENV}=1 but no PostgreSQL server is installed (no initdb from pg_config --bindir or in /usr/lib/postgresql/*/bin)"
    );
    static SAID: Once = Once::new();
    // Written past the test harness's capture, so that it is seen.
    SAID.call_once(|| {
        let _ = writeln!(std::io::stderr(), "{SKIPPED}");
    });
    None
}
