//! The evidence pack handed to the assessment organisation at gateway: the
//! evidence list mapped to outcomes and to the assessment methods that
//! assess them, and the manifest of every file written with its SHA-256,
//! in `sha256sum` format so `sha256sum -c MANIFEST.sha256` checks the pack.
//! Sorted and free of clock times: the same records give the same bytes.

use super::cells::cell;
use super::csv::push_row;
use crate::domain::{Attachment, EvidenceItem};
use crate::framework::Framework;

/// The manifest's own name; it lists every other file of the pack.
pub const MANIFEST: &str = "MANIFEST.sha256";

/// One piece of evidence as the pack lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackEvidence {
    pub id: i64,
    pub date: String,
    pub title: String,
    pub kind: String,
    pub outcomes: Vec<String>,
    /// Ids of the assessment methods assessing any of its outcomes.
    pub methods: Vec<String>,
    /// The attached file, as the pack names it (`files/ID-NAME`).
    pub file: Option<String>,
    pub sha256: Option<String>,
    pub reference: Option<String>,
}

/// The evidence in date order, each with its methods and its file.
pub fn pack_evidence(
    evidence: &[EvidenceItem],
    framework: &Framework,
    attached: &[(i64, Attachment)],
) -> Vec<PackEvidence> {
    let mut rows: Vec<PackEvidence> = evidence
        .iter()
        .map(|item| {
            let file = attached.iter().find(|(id, _)| *id == item.id);
            PackEvidence {
                id: item.id,
                date: item.date.to_string(),
                title: item.title.clone(),
                kind: item.kind.as_str().replace('_', " "),
                outcomes: item.outcomes.clone(),
                methods: methods_for(framework, &item.outcomes),
                file: file.map(|(id, file)| pack_file_name(*id, &file.name)),
                sha256: file.map(|(_, file)| file.sha256.clone()),
                reference: item.file_ref.clone(),
            }
        })
        .collect();
    rows.sort_by(|a, b| (&a.date, a.id).cmp(&(&b.date, b.id)));
    rows
}

/// Where an attached file goes in the pack: its evidence id keeps two
/// files of the same name apart.
pub fn pack_file_name(evidence: i64, name: &str) -> String {
    format!("files/{evidence}-{name}")
}

/// The framework's methods that assess any of `outcomes`, in its order.
fn methods_for(framework: &Framework, outcomes: &[String]) -> Vec<String> {
    framework
        .assessment_methods
        .iter()
        .filter(|method| method.assesses.iter().any(|code| outcomes.contains(code)))
        .map(|method| method.id.clone())
        .collect()
}

pub fn evidence_csv(rows: &[PackEvidence]) -> String {
    let mut text =
        String::from("id,date,title,kind,outcomes,assessment_methods,file,sha256,reference\n");
    for row in rows {
        let fields = [
            row.id.to_string(),
            row.date.clone(),
            row.title.clone(),
            row.kind.clone(),
            row.outcomes.join(" "),
            row.methods.join(" "),
            row.file.clone().unwrap_or_default(),
            row.sha256.clone().unwrap_or_default(),
            row.reference.clone().unwrap_or_default(),
        ];
        push_row(&mut text, &fields);
    }
    text
}

pub fn evidence_markdown(person: &str, framework: &Framework, rows: &[PackEvidence]) -> String {
    let mut text = format!("# Evidence of {person}\n\n");
    text.push_str("| Id | Date | Title | Kind | Outcomes | Assessment methods | File |\n");
    text.push_str("|---|---|---|---|---|---|---|\n");
    for row in rows {
        text.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            row.id,
            row.date,
            cell(&row.title),
            row.kind,
            row.outcomes.join(", "),
            row.methods.join(", "),
            cell(row.file.as_deref().unwrap_or("")),
        ));
    }
    if !framework.assessment_methods.is_empty() {
        text.push_str("\n## Assessment methods\n\n");
        for method in &framework.assessment_methods {
            text.push_str(&format!(
                "- {}: {} (assesses {})\n",
                method.id,
                method.title.trim(),
                method.assesses.join(", ")
            ));
        }
    }
    text
}

/// `sha256sum` lines, sorted by path: HASH, two spaces, the path.
pub fn manifest(files: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    sorted
        .iter()
        .map(|(path, sha256)| format!("{sha256}  {path}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_is_sorted_by_path_in_sha256sum_format() {
        let files = [
            ("report.md".to_string(), "b".repeat(64)),
            ("files/2-a.pdf".to_string(), "a".repeat(64)),
        ];
        let text = manifest(&files);
        assert_eq!(
            text,
            format!(
                "{}  files/2-a.pdf\n{}  report.md\n",
                "a".repeat(64),
                "b".repeat(64)
            )
        );
    }
}
