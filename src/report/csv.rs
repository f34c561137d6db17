//! CSV: one row per outcome for a person, one row per person for a caseload.

use super::CaseloadLine;
use crate::domain::standing::Standing;
use crate::domain::{EvidenceItem, HoursEntry, PeriodHours};

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

/// One apprentice's off-the-job hours for the learner record.
pub struct HoursExport<'a> {
    pub person_id: i64,
    pub name: &'a str,
    /// Unique learner number; empty where none is recorded.
    pub uln: &'a str,
    pub periods: &'a [PeriodHours],
}

/// The header of `hours_csv`, written once above every apprentice's rows.
pub const HOURS_CSV_HEADER: &str = "person_id,name,uln,period,off_the_job_accepted,off_the_job_unreviewed,off_the_job_queried,off_the_job_counted\n";

/// One row per apprentice and month: hours accepted, not yet reviewed,
/// queried (not counted), and counted (accepted and unreviewed).
pub fn hours_csv(export: &HoursExport) -> String {
    let mut text = String::new();
    for period in export.periods {
        let row = [
            export.person_id.to_string(),
            export.name.to_string(),
            export.uln.to_string(),
            period.period.clone(),
            hours_cell(period.accepted),
            hours_cell(period.unreviewed),
            hours_cell(period.queried),
            hours_cell(period.counted),
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

/// One row per hours entry, in date order, with its activity and benefit,
/// the outcomes it served and the assessor's review (a queried entry counts
/// nowhere until resolved, and says why it was queried).
pub fn hours_entries_csv(entries: &[HoursEntry]) -> String {
    let mut sorted: Vec<&HoursEntry> = entries.iter().collect();
    sorted.sort_by_key(|entry| (entry.date, entry.id));
    let mut text =
        String::from("id,date,hours,category,activity,benefit,review,query_reason,outcomes,note\n");
    for entry in sorted {
        let row = [
            entry.id.to_string(),
            entry.date.to_string(),
            hours_cell(entry.hours),
            entry.category.clone(),
            entry.activity.clone().unwrap_or_default(),
            entry.benefit.clone().unwrap_or_default(),
            entry.review.as_str().to_string(),
            entry.query_reason.clone().unwrap_or_default(),
            entry.outcomes.join(" "),
            entry.note.clone(),
        ];
        push_row(&mut text, &row);
    }
    text
}

/// One row per piece of evidence, in date order, for a spreadsheet.
pub fn evidence_list_csv(items: &[EvidenceItem]) -> String {
    let mut sorted: Vec<&EvidenceItem> = items.iter().collect();
    sorted.sort_by_key(|item| (item.date, item.id));
    let mut text = String::from(
        "id,date,kind,title,outcomes,file_ref,attached_file,attached_sha256,description\n",
    );
    for item in sorted {
        let (name, sha256) = item
            .attachment
            .as_ref()
            .map_or((String::new(), String::new()), |a| {
                (a.name.clone(), a.sha256.clone())
            });
        let row = [
            item.id.to_string(),
            item.date.to_string(),
            item.kind.as_str().to_string(),
            item.title.clone(),
            item.outcomes.join(" "),
            item.file_ref.clone().unwrap_or_default(),
            name,
            sha256,
            item.description.clone(),
        ];
        push_row(&mut text, &row);
    }
    text
}

/// Hours to two places, the precision an entry is recorded to.
fn hours_cell(hours: f64) -> String {
    format!("{:.2}", hours + 0.0)
}

pub(super) fn push_row(text: &mut String, fields: &[String]) {
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
