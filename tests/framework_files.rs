//! Framework files through the library loader: the bundled files, every
//! fixture under tests/fixtures/standards, and files that cannot be read.

use pcso_tracker::framework::{BUNDLED, MAX_FILE_BYTES, Party, load_file, load_str};
use std::fs;
use std::path::{Path, PathBuf};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/standards");

fn fixtures(kind: &str, extension: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(Path::new(FIXTURES).join(kind))
        .expect("fixture folder exists")
        .map(|entry| entry.expect("fixture entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == extension))
        .collect();
    paths.sort();
    paths
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .expect("fixture has a name")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn both_bundled_frameworks_load_with_their_content() {
    let pcso = BUNDLED[0].load().expect("PCSO file is valid");
    assert_eq!(pcso.framework.id, "pcso-level4");
    assert_eq!(pcso.outcomes.len(), 14, "LO1-LO8 and K1-K6");
    assert_eq!(pcso.assessment_methods.len(), 2);
    assert_eq!(pcso.programme.duration_months, 12);
    assert_eq!(pcso.programme.checkin_interval_weeks, 12);
    let diploma = pcso.requirement("diploma").expect("diploma requirement");
    assert_eq!(diploma.units.len(), 8);

    let advanced = BUNDLED[1]
        .load()
        .expect("Advanced Practitioner file is valid");
    assert_eq!(advanced.outcomes.len(), 6, "six eligibility criteria");
    assert_eq!(advanced.areas_of_practice.len(), 6);
    let shares: Vec<u32> = advanced
        .hours
        .categories
        .iter()
        .filter_map(|category| category.target_share_percent)
        .collect();
    assert_eq!(shares, [70, 20, 10]);
}

#[test]
fn a_pcso_review_is_signed_by_three_parties_and_a_file_without_review_by_two() {
    let pcso = BUNDLED[0].load().expect("PCSO file is valid");
    let three = [Party::Apprentice, Party::Assessor, Party::Employer];
    assert_eq!(pcso.review.signed_by, three);
    let advanced = BUNDLED[1].load().expect("Advanced Practitioner file");
    assert_eq!(
        advanced.review.signed_by,
        [Party::Apprentice, Party::Assessor]
    );
    let minimal = load_file(Path::new(FIXTURES).join("valid/minimal.yaml").as_path())
        .expect("minimal fixture");
    assert_eq!(
        minimal.review.signed_by,
        [Party::Apprentice, Party::Assessor]
    );
}

#[test]
fn the_gateway_is_signed_off_as_each_file_says_and_not_at_all_where_it_is_silent() {
    let pcso = BUNDLED[0].load().expect("PCSO file is valid");
    let gateway = pcso.gateway.as_ref().expect("PCSO gateway");
    assert_eq!(
        gateway.signed_by,
        [Party::Employer, Party::Assessor, Party::Apprentice]
    );
    let advanced = BUNDLED[1].load().expect("Advanced Practitioner file");
    let year_end = advanced.gateway.as_ref().expect("year-end review");
    assert_eq!(year_end.signed_by, [Party::Assessor, Party::Apprentice]);
    let small =
        load_file(Path::new(FIXTURES).join("valid/small.yaml").as_path()).expect("small fixture");
    let silent = small.gateway.as_ref().expect("small fixture's gateway");
    assert!(silent.signed_by.is_empty(), "no sign-off is asked for");
}

#[test]
fn bundled_files_match_the_files_in_the_standard_folder() {
    for bundled in BUNDLED {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("standard")
            .join(bundled.file_name);
        assert_eq!(
            fs::read_to_string(&path).expect("standard file"),
            bundled.text
        );
        load_file(&path).unwrap_or_else(|error| panic!("{error}"));
    }
}

#[test]
fn english_and_maths_apply_under_19_or_by_employer_choice() {
    let pcso = BUNDLED[0].load().expect("PCSO file is valid");
    for id in ["english-l2", "maths-l2"] {
        let rule = pcso.requirement(id).and_then(|r| r.required_when.clone());
        let rule = rule.unwrap_or_else(|| panic!("{id} has a required_when rule"));
        assert_eq!(rule.under_age_at_start, Some(19));
        assert!(rule.employer_opt_in);
    }
}

#[test]
fn every_valid_fixture_loads() {
    let valid = fixtures("valid", "yaml");
    assert!(valid.len() >= 3, "valid fixtures are present");
    for path in valid {
        if let Err(error) = load_file(&path) {
            panic!("{} should load:\n{error}", path.display());
        }
    }
}

#[test]
fn every_invalid_fixture_fails_with_its_expected_messages() {
    let invalid = fixtures("invalid", "yaml");
    assert!(invalid.len() >= 20, "invalid fixtures are present");
    for path in invalid {
        let expected_path = path.with_extension("expected");
        let expected = fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has an .expected file", path.display()));
        let Err(error) = load_file(&path) else {
            panic!("{} loaded but should fail", path.display());
        };
        let name = file_name(&path);
        let actual: Vec<String> = error
            .diagnostics
            .iter()
            .map(|diagnostic| diagnostic.render(&name))
            .collect();
        let expected: Vec<&str> = expected.lines().collect();
        assert_eq!(actual, expected, "messages for {}", path.display());
    }
}

#[test]
fn every_expected_file_has_its_fixture() {
    for expected in fixtures("invalid", "expected") {
        assert!(
            expected.with_extension("yaml").exists(),
            "{} has no fixture",
            expected.display()
        );
    }
}

#[test]
fn every_semantic_problem_is_reported_not_only_the_first() {
    let error = load_file(&Path::new(FIXTURES).join("invalid/dangling-references.yaml"))
        .expect_err("dangling references are refused");
    assert_eq!(error.diagnostics.len(), 5);
    assert!(error.diagnostics.iter().all(|d| d.position.is_some()));
}

#[test]
fn a_missing_file_is_named_and_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nowhere.yaml");
    let error = load_file(&path).expect_err("missing file");
    assert_eq!(
        error.to_string(),
        format!("{}: cannot read the file: no such file", path.display())
    );
}

#[test]
fn a_directory_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let error = load_file(dir.path()).expect_err("directory");
    assert!(
        error
            .to_string()
            .ends_with(": is a directory; give the path of a framework YAML file"),
        "{error}"
    );
}

#[test]
fn a_file_over_10_mb_is_refused_without_parsing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.yaml");
    let line = "# padding padding padding padding padding padding padding padding\n";
    let copies = (MAX_FILE_BYTES as usize / line.len()) + 1;
    fs::write(&path, line.repeat(copies)).expect("write huge file");
    let error = load_file(&path).expect_err("too large");
    assert!(error.to_string().contains("larger than 10 MB"), "{error}");
}

#[test]
fn an_unreadable_file_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("locked.yaml");
    fs::write(&path, BUNDLED[0].text).expect("write");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
    // Root reads anything; the refusal can only be seen as another user.
    if fs::read(&path).is_ok() {
        return;
    }
    let error = load_file(&path).expect_err("unreadable");
    assert!(error.to_string().contains("permission denied"), "{error}");
}

#[test]
fn the_readme_example_is_the_minimal_fixture_and_it_loads() {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/standard/README.md"))
        .expect("standard/README.md");
    let after_marker = readme
        .split_once("<!-- minimal-example -->\n```yaml\n")
        .expect("README marks its minimal example")
        .1;
    let example = &after_marker[..after_marker.find("\n```").expect("closing fence") + 1];
    let fixture = fs::read_to_string(Path::new(FIXTURES).join("valid/minimal.yaml"))
        .expect("minimal fixture");
    assert_eq!(example, fixture);
    load_str("README example", example).unwrap_or_else(|error| panic!("{error}"));
}

#[test]
fn deep_nesting_is_refused_quickly_with_a_position() {
    // The YAML deserialiser alone takes seconds on this; the guard answers at once.
    let text = format!("format_version: 1\nframework: {}", "[".repeat(1_000_000));
    let error = load_str("deep.yaml", &text).expect_err("too deep");
    let first = &error.diagnostics[0];
    assert_eq!(first.position.map(|position| position.line), Some(2));
    assert!(
        first.message.contains("nest more than"),
        "{}",
        first.message
    );
}

#[test]
fn a_large_value_aliased_many_times_is_refused_at_the_alias_quickly() {
    // 2 MB anchored once and aliased 1,000 times: 2 GB once expanded.
    let minimal = fs::read_to_string(Path::new(FIXTURES).join("valid/minimal.yaml"))
        .expect("minimal fixture");
    let big = "x".repeat(2 * 1024 * 1024);
    let mut text = minimal.replace(
        "description: Plan a piece of work with the customer and agree its scope.",
        &format!("description: &big \"{big}\""),
    );
    let copies: String = (3..1003)
        .map(|n| {
            format!("  - code: S{n}\n    title: Copy {n}\n    description: *big\n    type: skill\n    group: core\n")
        })
        .collect();
    text = text.replace("\nrequirements:", &format!("{copies}\nrequirements:"));
    let started = std::time::Instant::now();
    let error = load_str("bomb.yaml", &text).expect_err("refused");
    assert!(
        started.elapsed().as_secs() < 5,
        "took {:?}",
        started.elapsed()
    );
    let first = &error.diagnostics[0];
    assert!(first.message.contains("alias *big"), "{}", first.message);
    let line = first.position.expect("located").line;
    let at = text.lines().nth(line - 1).expect("line in file");
    assert!(at.contains("*big"), "line {line} is `{at}`");
    assert!(
        error.to_string().starts_with(&format!("bomb.yaml:{line}:")),
        "{error}"
    );
}

#[test]
fn the_bundled_requirements_say_who_confirms_them() {
    use pcso_tracker::framework::Confirmer::{Administrator, Assessor, Employer};
    let pcso = BUNDLED[0].load().expect("PCSO file is valid");
    let confirmers = |id: &str| {
        pcso.requirement(id)
            .unwrap_or_else(|| panic!("{id} is a requirement"))
            .confirmed_by
            .0
            .clone()
    };
    for id in [
        "vetting",
        "medical-check",
        "fitness-test",
        "employer-readiness",
    ] {
        assert_eq!(confirmers(id), [Employer], "{id}");
    }
    for id in ["english-l2", "maths-l2", "diploma"] {
        assert_eq!(confirmers(id), [Assessor], "{id}");
    }
    assert_eq!(confirmers("minimum-age"), [Administrator]);
    assert_eq!(confirmers("assignment-topic"), [Assessor, Employer]);
}
