//! The store on PostgreSQL: opened by URL (`--db` or `PCSO_TRACKER_DB`),
//! refusing with what to check when the server cannot be reached or will
//! not let the login in (or has granted it nothing), refusing a database
//! from a newer version, and sealing the same records to the same seal as
//! SQLite does.

use pcso_tracker::domain::{AgreedAction, CheckinContent, Judgement};
use pcso_tracker::store::{Store, StoreError};
use std::process::Command;

mod common;

use common::day;
use common::engine::Engine;
use common::fixture::Fixture;

/// A URL whose socket folder exists but has no server in it.
fn nowhere(folder: &std::path::Path) -> String {
    format!(
        "postgresql://amy:s3cret@/unit?host={}",
        folder.to_string_lossy()
    )
}

#[test]
fn an_unreachable_server_is_named_without_the_password_with_what_to_check() {
    let folder = tempfile::tempdir().expect("temp dir");
    let error = match Store::open_url(&nowhere(folder.path())) {
        Ok(_) => panic!("no server listens there"),
        Err(error) => error,
    };
    assert!(
        matches!(error, StoreError::ServerUnreachable { .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.starts_with("postgresql://amy@/unit?host="),
        "{message}"
    );
    assert!(!message.contains("s3cret"), "{message}");
    assert!(
        message.contains("check the host and port in the URL, and that the server is running"),
        "{message}"
    );
}

#[test]
fn the_command_line_opens_a_url_from_db_or_the_environment_and_names_an_unreachable_one() {
    let folder = tempfile::tempdir().expect("temp dir");
    let url = nowhere(folder.path());
    let by_flag = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
        .args(["--db", &url, "apprentice", "list"])
        .env_remove("PCSO_TRACKER_DB")
        .output()
        .expect("runs");
    let by_env = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
        .args(["apprentice", "list"])
        .env("PCSO_TRACKER_DB", &url)
        .output()
        .expect("runs");
    for output in [by_flag, by_env] {
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("cannot reach the PostgreSQL server"),
            "{stderr}"
        );
        assert!(!stderr.contains("s3cret"), "{stderr}");
        assert!(
            !folder.path().join("postgresql:").exists(),
            "no file was made for the URL"
        );
    }
}

#[test]
fn a_login_the_server_does_not_know_is_refused_with_what_to_check() {
    let Some(Engine::Postgres(url)) = Engine::postgres() else {
        return;
    };
    let stranger = url.replacen("postgresql://postgres@", "postgresql://no_such_login@", 1);
    let error = match Store::open_url(&stranger) {
        Ok(_) => panic!("the server knows no such login"),
        Err(error) => error,
    };
    assert!(
        matches!(error, StoreError::LoginRefused { .. }),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("the server refused the login"),
        "{error}"
    );
}

#[test]
fn opening_a_new_server_database_sets_it_up_and_opening_again_keeps_what_was_recorded() {
    let Some(engine) = Engine::postgres() else {
        return;
    };
    let f = Fixture::on(engine);
    assert_eq!(f.store.count_people().expect("count"), 4);
    let again = f.engine.open();
    assert_eq!(again.count_people().expect("count"), 4);
    let amy = again.find_person("amy").expect("found ignoring case");
    assert_eq!(amy.name, "Amy Clark");
}

/// Sam completes a review with a judgement and an action, and all three
/// sign it; gives its seal.
fn sealed_review(engine: Engine) -> Option<String> {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let started = f.as_assessor().start_checkin(amy).expect("started");
    let mut content = CheckinContent {
        next_due: Some(day("2027-02-13")),
        ..CheckinContent::default()
    };
    content.judge("LO1", Judgement::Competent, Some("Seen\ton patrol".into()));
    content.actions.push(AgreedAction {
        text: "Shadow a ward panel".into(),
        owner: "apprentice".into(),
        due: Some(day("2027-01-15")),
    });
    f.complete_and_seal(started.id, &content).expect("sealed");
    let (problems, checked) = f.store.verify_seals().expect("verify");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(checked, 1);
    f.store.checkin(started.id).expect("read").seal_hash
}

#[test]
fn the_same_review_seals_to_the_same_seal_on_both_engines() {
    let Some(postgres) = Engine::postgres() else {
        return;
    };
    let on_sqlite = sealed_review(Engine::sqlite());
    assert!(on_sqlite.is_some());
    assert_eq!(sealed_review(postgres), on_sqlite);
}

/// The binary's refusal for `--db url apprentice list`.
fn listing_refused(url: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
        .args(["--db", url, "apprentice", "list"])
        .env_remove("PCSO_TRACKER_DB")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_server_database_from_a_newer_version_is_refused_and_left_untouched() {
    let Some(engine) = Engine::postgres() else {
        return;
    };
    let f = Fixture::on(engine);
    let versions = || f.engine.number("SELECT count(*) FROM schema_migration");
    let before = versions();
    f.engine
        .execute(
            "INSERT INTO schema_migration (version) SELECT max(version) + 1 FROM schema_migration",
        )
        .expect("a newer version's mark");
    let Engine::Postgres(url) = &f.engine else {
        unreachable!("opened on PostgreSQL")
    };
    let error = match Store::open_url(url) {
        Ok(_) => panic!("a newer schema is refused"),
        Err(error) => error,
    };
    assert!(matches!(error, StoreError::NewerSchema { .. }), "{error:?}");
    let stderr = listing_refused(url);
    assert!(
        stderr.contains("written by a newer version of pcso-tracker"),
        "{stderr}"
    );
    assert_eq!(versions(), before.map(|n| n + 1), "left untouched");
    assert_eq!(f.engine.number("SELECT count(*) FROM person"), Some(4));
}

#[test]
fn a_login_granted_nothing_is_told_to_ask_the_administrator_and_changes_nothing() {
    let Some(engine) = Engine::postgres() else {
        return;
    };
    let f = Fixture::on(engine);
    let Engine::Postgres(url) = &f.engine else {
        unreachable!("opened on PostgreSQL")
    };
    let database = f.engine.texts("SELECT current_database()::text").remove(0);
    let login = format!("visitor_{database}");
    f.engine
        .execute(&format!("CREATE ROLE {login} LOGIN"))
        .expect("a login with no grant");
    let visitor = url.replacen(
        "postgresql://postgres@",
        &format!("postgresql://{login}@"),
        1,
    );
    let stderr = listing_refused(&visitor);
    assert!(
        stderr.contains(&format!(
            "the login {login} may not use this database; ask its administrator to run `pcso-tracker admin grant PERSON --login {login}`"
        )),
        "{stderr}"
    );
    assert_eq!(f.engine.number("SELECT count(*) FROM person"), Some(4));
}
