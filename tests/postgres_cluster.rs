//! The throwaway PostgreSQL cluster the PostgreSQL tests run against.

mod common;

use common::pg;
use pcso_tracker::store::postgres::TempCluster;
use postgres::{Client, NoTls};

fn connect(url: &str) -> Client {
    Client::connect(url, NoTls).expect("connect to the test database")
}

#[test]
fn a_test_database_is_empty_and_answers_over_the_socket() {
    let Some(url) = pg::database() else { return };
    let mut client = connect(&url);
    let tables: i64 = client
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
            &[],
        )
        .expect("count tables")
        .get(0);
    assert_eq!(tables, 0);
    let socket: String = client
        .query_one("SELECT current_setting('listen_addresses')", &[])
        .expect("setting")
        .get(0);
    assert_eq!(socket, "", "nothing listens on the network");
}

#[test]
fn each_test_gets_a_database_of_its_own() {
    let Some(first) = pg::database() else { return };
    let Some(second) = pg::database() else { return };
    assert_ne!(first, second);
    connect(&first)
        .batch_execute("CREATE TABLE only_here (id integer)")
        .expect("create a table");
    let seen: i64 = connect(&second)
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_here'",
            &[],
        )
        .expect("count tables")
        .get(0);
    assert_eq!(seen, 0);
}

#[test]
fn dropping_a_cluster_stops_its_server_and_removes_its_folder() {
    // Decides skipping the same way as every other test.
    if pg::database().is_none() {
        return;
    }
    let cluster = TempCluster::start()
        .expect("start a second cluster")
        .expect("a server is installed");
    let folder = cluster.folder().to_path_buf();
    let url = cluster.create_database().expect("create a database");
    connect(&url);
    assert!(folder.join("data").is_dir());
    drop(cluster);
    assert!(!folder.exists(), "{} is left behind", folder.display());
    assert!(
        Client::connect(&url, NoTls).is_err(),
        "the server still runs"
    );
}
