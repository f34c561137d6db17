//! CSV: one row per outcome for a person, one row per person for a caseload.

use super::CaseloadLine;
use crate::domain::standing::Standing;

pub fn outcomes_csv(standing: &Standing) -> String {
    let mut text = String::from("code,title,type,status,judgement,evidence_count\n");
    for outcome in &standing.outcomes {
        let row = [
            outcome.code.clone(),
            outcome.title.clone(),
            outcome.outcome_type.clone(),
            outcome.status.as_str().to_string(),
            outcome.judgement.as_str().to_string(),
            outcome.evidence_count.to_string(),
        ];
        push_row(&mut text, &row);
    }
    text
}

pub fn caseload_csv(lines: &[CaseloadLine]) -> String {
    let mut text = String::from(
        "id,name,framework,month,rag,next_checkin_due,checkin_overdue,gateway_ready,gateway_blockers,warnings\n",
    );
    for line in lines {
        let row = [
            line.id.to_string(),
            line.name.clone(),
            line.framework.clone(),
            line.month_of_programme.to_string(),
            line.rag.label().to_string(),
            line.next_checkin_due.to_string(),
            line.checkin_overdue.to_string(),
            line.gateway_ready
                .map_or(String::new(), |ready| ready.to_string()),
            line.gateway_blockers.to_string(),
            line.warnings.to_string(),
        ];
        push_row(&mut text, &row);
    }
    text
}

/// The training plan: item and value, one row per item.
pub fn plan_csv(plan: &crate::domain::PlanStanding) -> String {
    let mut text = String::new();
    push_row(&mut text, &["item".into(), "value".into()]);
    for (label, value) in super::plan_rows(plan) {
        push_row(&mut text, &[label.to_string(), value]);
    }
    text
}

fn push_row(text: &mut String, fields: &[String]) {
    let cells: Vec<String> = fields.iter().map(|field| quote(field)).collect();
    text.push_str(&cells.join(","));
    text.push('\n');
}

/// RFC 4180 quoting; a leading `=`, `+`, `-` or `@` is prefixed with `'` so
/// a spreadsheet does not run it as a formula.
fn quote(field: &str) -> String {
    let safe = if field.starts_with(['=', '+', '-', '@']) {
        format!("'{field}")
    } else {
        field.to_string()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("=SUM(A1)"), "'=SUM(A1)");
    }
}
