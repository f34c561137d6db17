//! The app's forms: what each asks for, and how a saved form becomes a
//! change in the store. A refused form stays open with its text.

use super::app::{App, Loaded};
use super::form::{Field, Form, FormKind};
use super::undo::{EvidenceBefore, Undo, UndoStep};
use crate::domain::{
    Attachment, Attempt, EvidenceKind, Judgement, RequirementStatus, Role, Version, counted,
    parse_date,
};
use crate::ops::{
    EpaInput, EvidenceInput, Field as Input, HoursInput, OpError, Ops, RequirementInput,
};
use crate::store::Store;
use std::path::PathBuf;

fn words<T: Copy>(all: &[T], word: fn(T) -> &'static str) -> Vec<(String, String)> {
    all.iter()
        .map(|value| (word(*value).to_string(), word(*value).replace('_', " ")))
        .collect()
}

fn outcome_options(loaded: &Loaded) -> Vec<(String, String)> {
    loaded
        .framework
        .outcomes
        .iter()
        .map(|o| (o.code.clone(), format!("{} {}", o.code, o.title)))
        .collect()
}

pub fn add_evidence(app: &App, loaded: &Loaded) -> Form {
    let preselected: Vec<String> = app
        .selected_outcome()
        .map(|code| vec![code.to_string()])
        .unwrap_or_default();
    Form::new(
        FormKind::AddEvidence,
        "Add evidence",
        vec![
            Field::line("Title", ""),
            Field::date("Date", &app.today.to_string()),
            Field::choice("Kind", words(EvidenceKind::ALL, EvidenceKind::as_str), None),
            Field::lines("Description", ""),
            Field::many("Outcomes", outcome_options(loaded), &preselected),
            Field::line(ATTACH, ""),
        ],
    )
}

/// The add-evidence form's field for a file to keep with the evidence: a
/// path, typed.
const ATTACH: &str = "Attach file";

pub fn edit_evidence(loaded: &Loaded, item: &crate::domain::EvidenceItem) -> Form {
    Form::new(
        FormKind::EditEvidence(item.id),
        format!("Edit evidence {}", item.id),
        vec![
            Field::line("Title", &item.title),
            Field::date("Date", &item.date.to_string()),
            Field::choice(
                "Kind",
                words(EvidenceKind::ALL, EvidenceKind::as_str),
                Some(item.kind.as_str()),
            ),
            Field::lines("Description", &item.description),
            Field::many("Outcomes", outcome_options(loaded), &item.outcomes),
            Field::line(ATTACH, ""),
        ],
    )
    .with_notes(attachment_notes(item.attachment.as_ref()))
}

/// What the edit form says of the file already attached: a path typed in
/// its Attach file field replaces it (history keeps the old one).
fn attachment_notes(file: Option<&Attachment>) -> Vec<String> {
    match file {
        Some(file) => vec![
            format!(
                "Attached file  {} ({}), SHA-256:",
                file.name,
                counted(
                    usize::try_from(file.size).unwrap_or(usize::MAX),
                    "byte",
                    "bytes"
                )
            ),
            format!("  {}", file.sha256),
            "A path typed in Attach file replaces it.".to_string(),
        ],
        None => vec!["No file attached.".to_string()],
    }
}

pub fn add_hours(app: &App, loaded: &Loaded) -> Form {
    let empty = HoursInput {
        date: Some(app.today),
        ..HoursInput::default()
    };
    Form::new(
        FormKind::AddHours,
        "Add hours",
        hours_fields(loaded, &empty),
    )
}

/// The fields of an hours form, filled from `entry`.
pub(super) fn hours_fields(loaded: &Loaded, entry: &HoursInput) -> Vec<Field> {
    let categories: Vec<(String, String)> = loaded
        .framework
        .hours
        .categories
        .iter()
        .map(|c| (c.id.clone(), c.title.clone()))
        .collect();
    let category = Some(entry.category.as_str()).filter(|c| !c.is_empty());
    let hours = if entry.hours > 0.0 {
        crate::domain::hours_text(entry.hours)
    } else {
        String::new()
    };
    let date = entry.date.map(|d| d.to_string()).unwrap_or_default();
    let mut fields = vec![
        Field::date("Date", &date),
        Field::line("Hours", &hours),
        Field::choice("Category", categories, category),
        // Off-the-job time names at least one; other time may.
        Field::many("Outcomes", outcome_options(loaded), &entry.outcomes),
        Field::line("Note", &entry.note),
    ];
    if loaded.framework.hours.record_benefit {
        fields.push(Field::line(
            "Benefit",
            entry.benefit.as_deref().unwrap_or(""),
        ));
    }
    fields
}

pub fn requirement(app: &App, loaded: &Loaded, id: &str) -> Option<Form> {
    let requirement = loaded.framework.requirement(id)?;
    let record = loaded.progress.requirements.iter().find(|r| r.id == id);
    let status = record.map(|r| r.status.as_str());
    let date = record.and_then(|r| r.date).unwrap_or(app.today).to_string();
    let mut fields = vec![
        Field::choice(
            "Status",
            words(RequirementStatus::ALL, RequirementStatus::as_str),
            status,
        ),
        Field::date("Date", &date),
        Field::line(
            "Reference",
            record.and_then(|r| r.reference.as_deref()).unwrap_or(""),
        ),
    ];
    if requirement.records_expiry {
        let expires = record
            .and_then(|r| r.expires_on)
            .map(|d| d.to_string())
            .unwrap_or_default();
        fields.push(Field::date("Expires", &expires));
    }
    Some(Form::new(
        FormKind::Requirement(id.to_string()),
        requirement.title.clone(),
        fields,
    ))
}

pub fn judgement(loaded: &Loaded, code: &str) -> Form {
    let current = loaded.progress.outcomes.iter().find(|o| o.code == code);
    // Not yet assessed starts with nothing chosen: the assessor decides.
    let word = current
        .map(|o| o.judgement)
        .filter(|j| *j != Judgement::NotAssessed)
        .map(Judgement::as_str);
    let options = Judgement::ALL
        .iter()
        .map(|j| (j.as_str().to_string(), j.label().to_string()))
        .collect();
    Form::new(
        FormKind::Judgement(code.to_string()),
        format!("Judge {code}"),
        vec![
            Field::choice("Judgement", options, word),
            Field::lines(
                "Note",
                current
                    .and_then(|o| o.judgement_note.as_deref())
                    .unwrap_or(""),
            ),
        ],
    )
}

/// A result for one of the framework's assessment methods; none when the
/// framework has no methods.
pub fn epa_result(app: &App, loaded: &Loaded) -> Option<Form> {
    let methods = &loaded.framework.assessment_methods;
    let first = methods.first()?;
    let options = methods
        .iter()
        .map(|m| {
            (
                m.id.clone(),
                format!("{} ({})", m.title, m.grades.join(", ")),
            )
        })
        .collect();
    Some(Form::new(
        FormKind::EpaResult,
        "Record an end-point assessment result",
        vec![
            Field::choice("Method", options, Some(first.id.as_str())),
            Field::line("Grade", ""),
            Field::choice(
                "Attempt",
                words(Attempt::ALL, Attempt::as_str),
                Some("first"),
            ),
            Field::date("Date", &app.today.to_string()),
            Field::lines("Note", ""),
        ],
    ))
}

pub fn welcome() -> Form {
    Form::new(
        FormKind::Welcome,
        "Add yourself as this database's administrator",
        vec![Field::line("Name", "")],
    )
}

/// What saving did: a message, and how to undo it if it can be undone.
pub struct Saved {
    pub message: String,
    pub undo: Option<UndoStep>,
    /// A new person to open.
    pub opened: Option<crate::domain::PersonId>,
    /// The person the app now acts as: the database's first administrator.
    pub acting: Option<crate::domain::PersonId>,
}

impl Saved {
    pub(super) fn said(message: String, undo: Option<UndoStep>) -> Saved {
        Saved {
            message,
            undo,
            opened: None,
            acting: None,
        }
    }
}

/// Reads the form and hands it to the operations layer; `Err` keeps the
/// form open with the reason.
pub fn save(app: &App, form: &Form, store: &mut Store) -> Result<Saved, OpError> {
    if form.kind == FormKind::Welcome {
        return save_welcome(app, form, store);
    }
    let loaded = app
        .loaded
        .as_ref()
        .ok_or_else(|| OpError::Refused("nobody is open".into()))?;
    let mut ops = app.ops(store);
    match &form.kind {
        FormKind::AddEvidence => save_new_evidence(&mut ops, loaded, form),
        FormKind::EditEvidence(id) => save_edited_evidence(&mut ops, loaded, form, *id),
        FormKind::AddHours => save_hours(&mut ops, loaded, form, app.today),
        FormKind::EditHours(id) => super::hours_forms::save_edited(&mut ops, loaded, form, *id),
        FormKind::QueryHours(id) => save_query(&mut ops, loaded, form, *id),
        FormKind::Requirement(id) => save_requirement(&mut ops, loaded, form, id),
        FormKind::Judgement(code) => save_judgement(&mut ops, loaded, form, code),
        FormKind::EpaResult => save_epa_result(&mut ops, loaded, form),
        FormKind::Welcome => save_welcome(app, form, store),
        // Check-in actions belong to the check-in until it is saved.
        FormKind::CheckinAction => Err(OpError::Refused(
            "an action is added from the check-in".into(),
        )),
    }
}

fn save_new_evidence(ops: &mut Ops, loaded: &Loaded, form: &Form) -> Result<Saved, OpError> {
    let input = evidence_input(form)?;
    let attach = attach_path(form);
    let written = ops.add_evidence_attaching(loaded.person.id, &input, attach.as_deref())?;
    let undo = UndoStep::new(Undo::EvidenceAdded(written.id), written.version);
    let message = format!("added evidence {}: {}", written.id, input.title.trim());
    Ok(Saved::said(message, Some(undo)))
}

fn save_edited_evidence(
    ops: &mut Ops,
    loaded: &Loaded,
    form: &Form,
    id: i64,
) -> Result<Saved, OpError> {
    let old = loaded
        .progress
        .evidence
        .iter()
        .find(|e| e.id == id)
        .ok_or_else(|| OpError::Gone("that evidence is gone".into()))?;
    let attach = attach_path(form);
    // The form has no field for where it is kept: that stays as it was.
    let input = EvidenceInput {
        file_ref: old.file_ref.clone(),
        ..evidence_input(form)?
    };
    let version = ops.edit_evidence_attaching(id, &input, Some(old.version), attach.as_deref())?;
    if let Some(path) = attach {
        // Undo restores text, not files: a file attached stays until
        // another replaces it, so undo is not offered for it.
        let message = format!("saved evidence {id}, attached {}", path.display());
        return Ok(Saved::said(message, None));
    }
    let before = EvidenceBefore {
        date: old.date,
        title: old.title.clone(),
        kind: old.kind,
        description: old.description.clone(),
        file_ref: old.file_ref.clone(),
        outcomes: old.outcomes.clone(),
    };
    let undo = UndoStep::new(Undo::EvidenceEdited { id, before }, version);
    Ok(Saved::said(format!("saved evidence {id}"), Some(undo)))
}

fn save_hours(
    ops: &mut Ops,
    loaded: &Loaded,
    form: &Form,
    today: chrono::NaiveDate,
) -> Result<Saved, OpError> {
    let input = hours_input(form, None)?;
    let logged = ops.log_hours(loaded.person.id, &input)?;
    let day = input.date.unwrap_or(today);
    let mut message = format!("added {} h of {} on {day}", input.hours, input.category);
    if let Some(other) = logged.duplicate_of {
        message.push_str(&format!(" (same as entry {other}: a duplicate?)"));
    }
    if let Some(doubt) = &logged.doubt {
        message.push_str(&format!("; warning: {doubt}"));
    }
    let undo = UndoStep::new(Undo::HoursAdded(logged.written.id), logged.written.version);
    Ok(Saved::said(message, Some(undo)))
}

/// An hours form as typed; `activity` is not on the form, so kept.
pub(super) fn hours_input(form: &Form, activity: Option<String>) -> Result<HoursInput, OpError> {
    Ok(HoursInput {
        date: date_field(form, "Date")?,
        hours: number_field(form, "Hours")?,
        category: form.value("Category"),
        activity,
        note: form.value("Note"),
        benefit: Some(form.value("Benefit")),
        outcomes: chosen_outcomes(form),
    })
}

fn save_requirement(
    ops: &mut Ops,
    loaded: &Loaded,
    form: &Form,
    id: &str,
) -> Result<Saved, OpError> {
    let record = loaded.progress.requirements.iter().find(|r| r.id == id);
    let status = RequirementStatus::parse(&form.value("Status"))
        .ok_or_else(|| OpError::invalid(Input::Status, "choose a status"))?;
    let input = RequirementInput {
        status,
        date: date_field(form, "Date")?,
        reference: Some(form.value("Reference")),
        expires_on: date_field(form, "Expires")?,
    };
    let base = Some(record.map_or(Version::default(), |r| r.version));
    let person = loaded.person.id;
    let version = ops.set_requirement(person, id, &input, base)?;
    let undo = Undo::Requirement {
        person,
        id: id.to_string(),
        before: record.cloned(),
    };
    let title = loaded
        .framework
        .requirement(id)
        .map_or(id, |r| r.title.as_str());
    let message = format!("{title} is now {status}");
    Ok(Saved::said(message, Some(UndoStep::new(undo, version))))
}

fn save_judgement(
    ops: &mut Ops,
    loaded: &Loaded,
    form: &Form,
    code: &str,
) -> Result<Saved, OpError> {
    let judgement = Judgement::parse(&form.value("Judgement"))
        .ok_or_else(|| OpError::invalid(Input::Status, "choose a judgement"))?;
    let base = loaded
        .progress
        .outcomes
        .iter()
        .find(|o| o.code == code)
        .map_or(Version::default(), |o| o.version);
    let note = form.value("Note");
    ops.judge_outcome(loaded.person.id, code, judgement, &note, Some(base))?;
    Ok(Saved::said(format!("{code} judged {judgement}"), None))
}

fn save_epa_result(ops: &mut Ops, loaded: &Loaded, form: &Form) -> Result<Saved, OpError> {
    let input = EpaInput {
        method: form.value("Method"),
        attempt: Attempt::parse(&form.value("Attempt"))
            .ok_or_else(|| OpError::invalid(Input::Attempt, "choose an attempt"))?,
        date: date_field(form, "Date")?
            .ok_or_else(|| OpError::invalid(Input::Date, "give the day of the assessment"))?,
        grade: form.value("Grade"),
        note: form.value("Note"),
    };
    let (_, grade) = ops.record_epa_result(loaded.person.id, &input)?;
    let message = format!(
        "recorded {} {} attempt: {grade}",
        input.method, input.attempt
    );
    Ok(Saved::said(message, None))
}

/// The path typed in a form's Attach file field, if any.
fn attach_path(form: &Form) -> Option<PathBuf> {
    Some(form.value(ATTACH))
        .filter(|path| !path.is_empty())
        .map(PathBuf::from)
}

fn evidence_input(form: &Form) -> Result<EvidenceInput, OpError> {
    Ok(EvidenceInput {
        date: Some(
            date_field(form, "Date")?
                .ok_or_else(|| OpError::invalid(Input::Date, "give the date of the evidence"))?,
        ),
        title: form.value("Title"),
        kind: EvidenceKind::parse(&form.value("Kind")).unwrap_or(EvidenceKind::Other),
        description: form.value("Description"),
        file_ref: None,
        outcomes: chosen_outcomes(form),
    })
}

/// The outcome codes ticked in the form's Outcomes field.
fn chosen_outcomes(form: &Form) -> Vec<String> {
    form.value("Outcomes")
        .split(',')
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

fn save_query(ops: &mut Ops, loaded: &Loaded, form: &Form, id: i64) -> Result<Saved, OpError> {
    let base = loaded
        .progress
        .hours
        .iter()
        .find(|e| e.id == id)
        .map(|e| e.version)
        .ok_or_else(|| OpError::Gone(format!("hours entry {id} is gone")))?;
    ops.query_hours(id, &form.value("Reason"), Some(base))?;
    Ok(Saved::said(
        format!("queried hours entry {id}: it does not count until resolved"),
        None,
    ))
}

/// The first person of a database is its administrator, added with nobody
/// acting; the app then acts as them.
fn save_welcome(app: &App, form: &Form, store: &mut Store) -> Result<Saved, OpError> {
    let name = form.value("Name");
    let id = app
        .ops(store)
        .add_person(&name, Role::Administrator, false)?;
    Ok(Saved {
        message: format!(
            "welcome, {}: you are this database's administrator",
            name.trim()
        ),
        undo: None,
        opened: None,
        acting: Some(id),
    })
}

/// An optional date field: empty is `None`, anything else must be a date.
fn date_field(form: &Form, label: &str) -> Result<Option<chrono::NaiveDate>, OpError> {
    let text = form.value(label);
    if text.is_empty() {
        return Ok(None);
    }
    parse_date(&text)
        .map(Some)
        .map_err(|m| OpError::Refused(format!("{label}: {m}")))
}

fn number_field(form: &Form, label: &str) -> Result<f64, OpError> {
    form.value(label)
        .parse()
        .map_err(|_| OpError::Refused(format!("{label}: give a number, e.g. 6 or 7.5")))
}

/// How the app's forms name each input.
pub fn label(field: Input) -> String {
    let label = match field {
        Input::Name => "Name",
        Input::Start => "Start date",
        Input::DateOfBirth => "Date of birth",
        Input::Date => "Date",
        Input::Title => "Title",
        Input::Kind => "Kind",
        Input::Description => "Description",
        Input::Outcomes => "Outcomes",
        Input::Attach => ATTACH,
        Input::Hours => "Hours",
        Input::Category => "Category",
        Input::Note => "Note",
        Input::Benefit => "Benefit",
        Input::Reason => "Reason",
        Input::Status => "Status",
        Input::Reference => "Reference",
        Input::Expires => "Expires",
        Input::NextDate => "Next date",
        Input::Action => "Action",
        Input::Due => "Due",
        Input::Method => "Method",
        Input::Grade => "Grade",
        Input::Attempt => "Attempt",
        other => return other.word().to_string(),
    };
    label.to_string()
}
