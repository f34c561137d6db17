//! The app's forms: what each asks for, and how a saved form becomes a
//! change in the store. A refused form stays open with its text.

use super::app::{App, Loaded};
use super::form::{Field, Form, FormKind};
use super::undo::{EvidenceBefore, UndoStep};
use crate::cli::parse_date;
use crate::domain::{
    EvidenceKind, HoursClaim, Judgement, RequirementStatus, check_hours, check_name, check_text,
};
use crate::store::{NewApprentice, NewEvidence, NewHours, RequirementUpdate, Store};

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
            Field::line("Date", &app.today.to_string()),
            Field::choice(
                "Kind",
                words(EvidenceKind::ALL, EvidenceKind::as_str),
                "observation",
            ),
            Field::lines("Description", ""),
            Field::many("Outcomes", outcome_options(loaded), &preselected),
        ],
    )
}

pub fn edit_evidence(loaded: &Loaded, item: &crate::domain::EvidenceItem) -> Form {
    Form::new(
        FormKind::EditEvidence(item.id),
        format!("Edit evidence {}", item.id),
        vec![
            Field::line("Title", &item.title),
            Field::line("Date", &item.date.to_string()),
            Field::choice(
                "Kind",
                words(EvidenceKind::ALL, EvidenceKind::as_str),
                item.kind.as_str(),
            ),
            Field::lines("Description", &item.description),
            Field::many("Outcomes", outcome_options(loaded), &item.outcomes),
        ],
    )
}

pub fn add_hours(app: &App, loaded: &Loaded) -> Form {
    let categories: Vec<(String, String)> = loaded
        .framework
        .hours
        .categories
        .iter()
        .map(|c| (c.id.clone(), c.title.clone()))
        .collect();
    let first = categories.first().map(|c| c.0.clone()).unwrap_or_default();
    let mut fields = vec![
        Field::line("Date", &app.today.to_string()),
        Field::line("Hours", ""),
        Field::choice("Category", categories, &first),
        Field::line("Note", ""),
    ];
    if loaded.framework.hours.record_benefit {
        fields.push(Field::line("Benefit", ""));
    }
    Form::new(FormKind::AddHours, "Add hours", fields)
}

pub fn requirement(app: &App, loaded: &Loaded, id: &str) -> Option<Form> {
    let requirement = loaded.framework.requirement(id)?;
    let record = loaded.progress.requirements.iter().find(|r| r.id == id);
    let status = record.map_or("met", |r| r.status.as_str());
    let date = record.and_then(|r| r.date).unwrap_or(app.today).to_string();
    let mut fields = vec![
        Field::choice(
            "Status",
            words(RequirementStatus::ALL, RequirementStatus::as_str),
            status,
        ),
        Field::line("Date", &date),
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
        fields.push(Field::line("Expires", &expires));
    }
    Some(Form::new(
        FormKind::Requirement(id.to_string()),
        requirement.title.clone(),
        fields,
    ))
}

pub fn judgement(loaded: &Loaded, code: &str) -> Form {
    let current = loaded.progress.outcomes.iter().find(|o| o.code == code);
    // Not yet assessed starts at "competent", the usual next step.
    let word = current
        .map(|o| o.judgement)
        .filter(|j| *j != Judgement::NotAssessed)
        .unwrap_or(Judgement::Competent)
        .as_str();
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

pub fn welcome(app: &App) -> Form {
    Form::new(
        FormKind::Welcome,
        "Add yourself as an apprentice",
        vec![
            Field::line("Name", ""),
            Field::line("Start date", &app.today.to_string()),
            Field::line("Date of birth", ""),
        ],
    )
}

/// What saving did: a message, and how to undo it if it can be undone.
pub struct Saved {
    pub message: String,
    pub undo: Option<UndoStep>,
    /// A new person to open.
    pub opened: Option<crate::domain::PersonId>,
}

/// Checks the form and writes it; `Err` keeps the form open with the reason.
pub fn save(app: &App, form: &Form, store: &mut Store) -> Result<Saved, String> {
    let actor = app.viewer_id();
    if form.kind == FormKind::Welcome {
        return save_welcome(app, form, store);
    }
    let loaded = app.loaded.as_ref().ok_or("nobody is open")?;
    let enrolment = loaded.progress.enrolment.id;
    match &form.kind {
        FormKind::AddEvidence | FormKind::EditEvidence(_) => {
            let title = check_name(&form.value("Title"))
                .map_err(|m| format!("Title {m}"))?
                .to_string();
            let date = date_field(form, "Date")?.ok_or("Date: give the date of the evidence")?;
            if date > app.today {
                return Err(format!("Date: {date} is in the future"));
            }
            let kind = EvidenceKind::parse(&form.value("Kind")).unwrap_or(EvidenceKind::Other);
            let description = form.value("Description");
            let description = check_text(&description, 20_000)
                .map_err(|m| format!("Description {m}"))?
                .to_string();
            let outcomes: Vec<String> = form
                .value("Outcomes")
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect();
            if outcomes.is_empty() {
                return Err("Outcomes: choose at least one with Space".into());
            }
            let evidence = NewEvidence {
                date,
                title: &title,
                kind,
                description: &description,
                file_ref: None,
                outcomes: &outcomes,
            };
            if let FormKind::EditEvidence(id) = form.kind {
                let old = loaded
                    .progress
                    .evidence
                    .iter()
                    .find(|e| e.id == id)
                    .ok_or("that evidence is gone")?;
                let before = EvidenceBefore {
                    date: old.date,
                    title: old.title.clone(),
                    kind: old.kind,
                    description: old.description.clone(),
                    file_ref: old.file_ref.clone(),
                    outcomes: old.outcomes.clone(),
                };
                store
                    .update_evidence(id, &evidence, actor)
                    .map_err(|e| e.to_string())?;
                return Ok(Saved {
                    message: format!("saved evidence {id}"),
                    undo: Some(UndoStep::EvidenceEdited { id, before }),
                    opened: None,
                });
            }
            let id = store
                .add_evidence(enrolment, &evidence, actor)
                .map_err(|e| e.to_string())?;
            Ok(Saved {
                message: format!("added evidence {id}: {title}"),
                undo: Some(UndoStep::EvidenceAdded(id)),
                opened: None,
            })
        }
        FormKind::AddHours => {
            let date = date_field(form, "Date")?.ok_or("Date: give the day the time was spent")?;
            let hours: f64 = form
                .value("Hours")
                .parse()
                .map_err(|_| "Hours: give a number, e.g. 6 or 7.5")?;
            let category = form.value("Category");
            let note = form.value("Note");
            let benefit = form.value("Benefit");
            if loaded.framework.hours.record_benefit && benefit.is_empty() {
                return Err("Benefit: say what the time brought".into());
            }
            let claim = HoursClaim {
                date,
                hours,
                start: loaded.progress.enrolment.start_date,
                today: app.today,
                daily_cap: loaded.framework.hours.daily_cap_hours(),
                already_that_day: store.hours_on(enrolment, date).map_err(|e| e.to_string())?,
            };
            check_hours(&claim).map_err(|m| format!("Hours: {m}"))?;
            let entry = NewHours {
                date,
                hours,
                category: &category,
                activity: None,
                note: &note,
                benefit: (!benefit.is_empty()).then_some(benefit.as_str()),
                outcomes: &[],
            };
            let (id, duplicate) = store
                .add_hours(enrolment, &entry, actor)
                .map_err(|e| e.to_string())?;
            let mut message = format!("added {hours} h of {category} on {date}");
            if let Some(other) = duplicate {
                message.push_str(&format!(" (same as entry {other}: a duplicate?)"));
            }
            Ok(Saved {
                message,
                undo: Some(UndoStep::HoursAdded(id)),
                opened: None,
            })
        }
        FormKind::Requirement(id) => {
            let status = RequirementStatus::parse(&form.value("Status"))
                .unwrap_or(RequirementStatus::Pending);
            let date = date_field(form, "Date")?;
            if date.is_some_and(|d| d > app.today) {
                return Err("Date: that day is in the future".into());
            }
            let reference = form.value("Reference");
            let reference = if reference.is_empty() {
                None
            } else {
                Some(check_name(&reference).map_err(|m| format!("Reference {m}"))?)
            };
            let update = RequirementUpdate {
                status,
                date,
                reference,
                expires_on: date_field(form, "Expires")?,
            };
            let before = loaded
                .progress
                .requirements
                .iter()
                .find(|r| &r.id == id)
                .cloned();
            store
                .set_requirement(enrolment, id, &update, actor)
                .map_err(|e| e.to_string())?;
            let undo = UndoStep::Requirement {
                enrolment,
                id: id.clone(),
                before,
            };
            Ok(Saved {
                message: format!("{id} is now {status}"),
                undo: Some(undo),
                opened: None,
            })
        }
        FormKind::Judgement(code) => {
            let assessor = app
                .viewer
                .as_ref()
                .filter(|_| app.viewer_is_assessor())
                .ok_or("only an assessor can record a judgement")?;
            let judgement =
                Judgement::parse(&form.value("Judgement")).unwrap_or(Judgement::NotAssessed);
            let note = form.value("Note");
            let note = check_text(&note, 5_000).map_err(|m| format!("Note {m}"))?;
            store
                .set_judgement(enrolment, code, judgement, note, assessor.id)
                .map_err(|e| e.to_string())?;
            Ok(Saved {
                message: format!("{code} judged {judgement}"),
                undo: None,
                opened: None,
            })
        }
        FormKind::Welcome => save_welcome(app, form, store),
        // Check-in actions belong to the check-in, not the store, until it is saved.
        FormKind::CheckinAction => Err("an action is added from the check-in".into()),
    }
}

fn save_welcome(app: &App, form: &Form, store: &mut Store) -> Result<Saved, String> {
    let name = check_name(&form.value("Name"))
        .map_err(|m| format!("Name {m}"))?
        .to_string();
    let start = date_field(form, "Start date")?.ok_or("Start date: give your first day")?;
    let born = date_field(form, "Date of birth")?;
    if born.is_some_and(|b| b >= start || b > app.today) {
        return Err("Date of birth: it must be before the start date and not in the future".into());
    }
    let framework = app.frameworks.first().ok_or("no framework is loaded")?;
    let enrolled =
        NewApprentice::enrolled_on(&name, framework, start).ok_or("Start date: out of range")?;
    let new = NewApprentice {
        date_of_birth: born,
        ..enrolled
    };
    let (person, _) = store
        .add_apprentice(&new, None)
        .map_err(|e| e.to_string())?;
    Ok(Saved {
        message: format!("welcome, {name}"),
        undo: None,
        opened: Some(person),
    })
}

/// An optional date field: empty is `None`, anything else must be a date.
fn date_field(form: &Form, label: &str) -> Result<Option<chrono::NaiveDate>, String> {
    let text = form.value(label);
    if text.is_empty() {
        return Ok(None);
    }
    parse_date(&text)
        .map(Some)
        .map_err(|m| format!("{label}: {m}"))
}
