//! Every `--format json` output of the demo, checked against its definition
//! in docs/json-schema.json: a field added to an output fails here until the
//! schema documents it.

mod common;

use common::sandbox::Sandbox;
use rusqlite::Connection;
use serde_json::{Value, json};

/// The definitions of docs/json-schema.json that describe a whole output.
const OUTPUTS: [&str; 9] = [
    "report_person",
    "report_all",
    "apprentice_list",
    "apprentice_show",
    "checkin_show",
    "evidence_list",
    "evidence_show",
    "epa_show",
    "plan_show",
];

fn schema_file() -> Value {
    let text = std::fs::read_to_string("docs/json-schema.json").expect("docs/json-schema.json");
    serde_json::from_str(&text).expect("the schema is JSON")
}

/// Checks `output` against the definition `name`, failing with the path of
/// the first error.
fn check(schema: &Value, name: &str, args: &[&str], output: &str) -> Value {
    let value: Value = serde_json::from_str(output)
        .unwrap_or_else(|e| panic!("{args:?} prints JSON: {e}\n{output}"));
    let one = json!({
        "$schema": schema["$schema"],
        "$defs": schema["$defs"],
        "$ref": format!("#/$defs/{name}"),
    });
    let validator = jsonschema::validator_for(&one).expect("a valid schema");
    if let Some(error) = validator.iter_errors(&value).next() {
        panic!(
            "{args:?} does not match `{name}` at {}: {error} (schema {})",
            error.instance_path(),
            error.schema_path()
        );
    }
    value
}

fn ids(sandbox: &Sandbox, sql: &str) -> Vec<String> {
    let c = Connection::open(sandbox.db()).expect("database");
    let mut statement = c.prepare(sql).expect("query");
    statement
        .query_map([], |row| row.get::<_, i64>(0))
        .expect("rows")
        .map(|id| id.expect("id").to_string())
        .collect()
}

#[test]
fn the_schema_defines_every_output() {
    let schema = schema_file();
    jsonschema::meta::validate(&schema).expect("the schema is valid draft 2020-12");
    for name in OUTPUTS {
        assert!(schema["$defs"][name].is_object(), "no definition of {name}");
    }
}

#[test]
fn every_json_output_of_the_demo_matches_its_definition() {
    let schema = schema_file();
    let sandbox = Sandbox::new();
    sandbox.ok(&["demo"]);
    let mut checked = std::collections::BTreeSet::new();
    let mut run = |name: &'static str, args: &[&str]| {
        let args = [args, &["--format", "json"]].concat();
        let value = check(&schema, name, &args, &sandbox.ok(&args));
        checked.insert(name);
        value
    };
    run("report_all", &["report", "--all"]);
    let people = run("apprentice_list", &["apprentice", "list"]);
    let apprentices: Vec<String> = people
        .as_array()
        .expect("a list")
        .iter()
        .filter(|p| p["role"] == "apprentice")
        .map(|p| p["id"].to_string())
        .collect();
    assert!(!apprentices.is_empty(), "the demo has apprentices");
    for person in &apprentices {
        let person = person.as_str();
        run("report_person", &["report", person]);
        run("apprentice_show", &["apprentice", "show", person]);
        run("plan_show", &["plan", "show", person]);
        run("epa_show", &["epa", "show", person]);
        run("evidence_list", &["evidence", "list", person]);
    }
    for id in ids(&sandbox, "SELECT id FROM evidence ORDER BY id") {
        run("evidence_show", &["evidence", "show", &id]);
    }
    for id in ids(&sandbox, "SELECT id FROM checkin ORDER BY id") {
        run("checkin_show", &["checkin", "show", &id]);
    }
    assert_eq!(checked.into_iter().collect::<Vec<_>>().len(), OUTPUTS.len());
}

#[test]
fn a_field_the_schema_does_not_document_is_refused() {
    let schema = schema_file();
    let sandbox = Sandbox::new();
    sandbox.ok(&["demo"]);
    let args = ["report", "--all", "--format", "json"];
    let mut value: Value = serde_json::from_str(&sandbox.ok(&args)).expect("JSON");
    value[0]["undocumented"] = json!(1);
    let result = std::panic::catch_unwind(|| {
        check(&schema, "report_all", &args, &value.to_string());
    });
    assert!(result.is_err(), "an undocumented field must fail the check");
}
