//! End-point assessment results: one row per attempt at one assessment
//! method, graded on the method's own scale. A resit or retake follows a
//! failed attempt at the same method; a method is passed by its latest
//! attempt. Which grades pass is the framework's (`pass_from`).

use crate::framework::{AssessmentMethod, Framework};
use crate::text_enum;
use chrono::NaiveDate;
use serde::Serialize;

text_enum! {
    /// Which attempt at a method a result is.
    pub enum Attempt {
        First => "first",
        /// Assessed again without further training.
        Resit => "resit",
        /// Assessed again after further training.
        Retake => "retake",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpaResult {
    pub id: i64,
    pub method: String,
    pub attempt: Attempt,
    pub date: NaiveDate,
    pub grade: String,
    pub note: String,
}

/// A result to record, as given.
#[derive(Debug, Clone)]
pub struct EpaClaim<'a> {
    pub method: &'a str,
    pub attempt: Attempt,
    pub date: NaiveDate,
    pub grade: &'a str,
}

/// Why a result cannot be recorded, naming the field at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EpaProblem {
    Method(String),
    Grade(String),
    Attempt(String),
    Date(String),
}

/// Whether a grade passes the method: grades from `pass_from` up pass;
/// without `pass_from` every grade does.
pub fn passes(method: &AssessmentMethod, grade: &str) -> bool {
    let position = |g: &str| method.grades.iter().position(|known| known == g);
    match method.pass_from.as_deref().and_then(position) {
        Some(from) => position(grade).is_some_and(|at| at >= from),
        None => true,
    }
}

/// Checks a result against the framework and the results already recorded;
/// gives the grade as the framework spells it.
pub fn check_epa_result(
    framework: &Framework,
    claim: &EpaClaim,
    earlier: &[EpaResult],
) -> Result<String, EpaProblem> {
    let method = framework
        .assessment_methods
        .iter()
        .find(|m| m.id == claim.method)
        .ok_or_else(|| {
            let known: Vec<&str> = framework
                .assessment_methods
                .iter()
                .map(|m| m.id.as_str())
                .collect();
            EpaProblem::Method(format!(
                "`{}` is not an assessment method of {}; one of: {}",
                claim.method,
                framework.framework.id,
                known.join(", ")
            ))
        })?;
    let grade = method
        .grades
        .iter()
        .find(|g| g.eq_ignore_ascii_case(claim.grade.trim()))
        .ok_or_else(|| {
            EpaProblem::Grade(format!(
                "`{}` is not a grade of {}; one of: {}",
                claim.grade,
                method.title,
                method.grades.join(", ")
            ))
        })?;
    let last = earlier
        .iter()
        .filter(|r| r.method == method.id)
        .max_by_key(|r| (r.date, r.id));
    match (claim.attempt, last) {
        (Attempt::First, Some(last)) => Err(EpaProblem::Attempt(format!(
            "{} already has a result ({} on {}): a later attempt is a resit or a retake",
            method.title, last.grade, last.date
        ))),
        (Attempt::Resit | Attempt::Retake, None) => Err(EpaProblem::Attempt(format!(
            "{} has no earlier result: the first attempt is recorded as `first`",
            method.title
        ))),
        (Attempt::Resit | Attempt::Retake, Some(last)) if passes(method, &last.grade) => {
            Err(EpaProblem::Attempt(format!(
                "{} was passed ({} on {}): there is nothing to resit",
                method.title, last.grade, last.date
            )))
        }
        (_, Some(last)) if claim.date <= last.date => Err(EpaProblem::Date(format!(
            "{} is not after the last attempt ({})",
            claim.date, last.date
        ))),
        _ => Ok(grade.clone()),
    }
}

/// Where one assessment method stands: its latest attempt, if any.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MethodResult {
    pub method: String,
    pub title: String,
    pub attempts: usize,
    pub latest: Option<EpaResult>,
    pub passed: bool,
}

/// Every method of the framework, in file order, with its results.
pub fn method_results(framework: &Framework, results: &[EpaResult]) -> Vec<MethodResult> {
    framework
        .assessment_methods
        .iter()
        .map(|method| {
            let mine: Vec<&EpaResult> = results.iter().filter(|r| r.method == method.id).collect();
            let latest = mine
                .iter()
                .max_by_key(|r| (r.date, r.id))
                .map(|r| (*r).clone());
            MethodResult {
                method: method.id.clone(),
                title: method.title.clone(),
                attempts: mine.len(),
                passed: latest.as_ref().is_some_and(|r| passes(method, &r.grade)),
                latest,
            }
        })
        .collect()
}

/// Completion follows the end-point assessment: every method passed by its
/// latest attempt. The methods still owed, in words, when not.
pub fn check_completion(methods: &[MethodResult]) -> Result<(), String> {
    let owed: Vec<String> = methods
        .iter()
        .filter(|method| !method.passed)
        .map(|method| match &method.latest {
            Some(last) => format!("{} ({} on {})", method.title, last.grade, last.date),
            None => format!("{} (not taken)", method.title),
        })
        .collect();
    if owed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "completion follows a passed end-point assessment; not passed yet: {}",
            owed.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::Registry;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn pcso() -> Framework {
        let registry = Registry::load(None).expect("bundled frameworks");
        registry
            .get("pcso-level4")
            .expect("loads")
            .expect("the PCSO standard")
            .clone()
    }

    fn result(id: i64, grade: &str, on: &str) -> EpaResult {
        EpaResult {
            id,
            method: "professional-discussion".into(),
            attempt: Attempt::First,
            date: date(on),
            grade: grade.into(),
            note: String::new(),
        }
    }

    fn claim<'a>(attempt: Attempt, grade: &'a str, on: &str) -> EpaClaim<'a> {
        EpaClaim {
            method: "professional-discussion",
            attempt,
            date: date(on),
            grade,
        }
    }

    #[test]
    fn a_grade_off_the_methods_scale_is_refused_naming_the_scale() {
        let problem = check_epa_result(&pcso(), &claim(Attempt::First, "merit", "2027-03-01"), &[])
            .unwrap_err();
        let EpaProblem::Grade(message) = problem else {
            panic!("{problem:?}")
        };
        assert!(message.contains("fail, pass, distinction"), "{message}");
    }

    #[test]
    fn a_resit_follows_a_fail_and_never_a_pass() {
        let framework = pcso();
        let failed = [result(1, "fail", "2027-03-01")];
        let ok = check_epa_result(
            &framework,
            &claim(Attempt::Resit, "Pass", "2027-04-01"),
            &failed,
        );
        assert_eq!(ok, Ok("pass".to_string()));
        let passed = [result(1, "pass", "2027-03-01")];
        let refused = check_epa_result(
            &framework,
            &claim(Attempt::Resit, "pass", "2027-04-01"),
            &passed,
        );
        assert!(
            matches!(refused, Err(EpaProblem::Attempt(_))),
            "{refused:?}"
        );
        let first_again = check_epa_result(
            &framework,
            &claim(Attempt::First, "pass", "2027-04-01"),
            &failed,
        );
        assert!(matches!(first_again, Err(EpaProblem::Attempt(_))));
    }

    #[test]
    fn the_latest_attempt_decides_whether_a_method_is_passed() {
        let framework = pcso();
        let mut results = vec![result(1, "fail", "2027-03-01")];
        let standing = method_results(&framework, &results);
        assert!(!standing[0].passed);
        assert_eq!(standing[0].attempts, 1);
        results.push(EpaResult {
            attempt: Attempt::Retake,
            ..result(2, "distinction", "2027-05-01")
        });
        let standing = method_results(&framework, &results);
        assert!(standing[0].passed);
        assert_eq!(standing[0].attempts, 2);
        assert!(
            standing[1].latest.is_none(),
            "the presentation is not taken yet"
        );
    }
}
