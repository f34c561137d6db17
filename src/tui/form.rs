//! A form of labelled fields: one-line text, multi-line text, a choice, and
//! a multiple choice. Tab moves between fields, Ctrl-S saves, Esc cancels.
//! What is typed stays in the form until it is saved.

use super::text::typed;
use crate::domain::parse_date;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::to_input_request;

/// What the form records when saved.
#[derive(Debug, Clone, PartialEq)]
pub enum FormKind {
    AddEvidence,
    EditEvidence(i64),
    AddHours,
    EditHours(i64),
    /// Why an assessor queries an hours entry.
    QueryHours(i64),
    Requirement(String),
    Judgement(String),
    /// An end-point assessment result.
    EpaResult,
    Welcome,
    /// An action agreed in a check-in.
    CheckinAction,
}

pub enum FieldValue {
    Line(Input),
    Lines(TextArea),
    /// One of several: (stored value, label); `None` until one is chosen.
    Choice {
        options: Vec<(String, String)>,
        index: Option<usize>,
    },
    /// Any of several, with a cursor to move and Space to toggle.
    Many {
        options: Vec<(String, String)>,
        chosen: Vec<bool>,
        cursor: usize,
    },
}

pub struct Field {
    pub label: &'static str,
    pub value: FieldValue,
    /// A one-line field that must hold a date when it is not empty.
    is_date: bool,
}

impl Field {
    pub fn line(label: &'static str, value: &str) -> Field {
        Field {
            label,
            value: FieldValue::Line(Input::new(value.to_string())),
            is_date: false,
        }
    }

    /// A one-line date, checked as soon as the user leaves it.
    pub fn date(label: &'static str, value: &str) -> Field {
        Field {
            is_date: true,
            ..Field::line(label, value)
        }
    }

    pub fn lines(label: &'static str, value: &str) -> Field {
        Field {
            label,
            value: FieldValue::Lines(TextArea::new(value)),
            is_date: false,
        }
    }

    /// A choice showing `selected`; with `None` (no value on record) nothing
    /// is chosen until the user chooses, so nobody saves a claim unawares.
    pub fn choice(
        label: &'static str,
        options: Vec<(String, String)>,
        selected: Option<&str>,
    ) -> Field {
        let index = selected.and_then(|selected| options.iter().position(|(v, _)| v == selected));
        Field {
            label,
            value: FieldValue::Choice { options, index },
            is_date: false,
        }
    }

    /// Why the field cannot be saved as it stands, naming it.
    pub fn problem(&self) -> Option<String> {
        match &self.value {
            FieldValue::Choice { index: None, .. } => {
                Some(format!("{}: choose one with ←/→", self.label))
            }
            FieldValue::Line(input) if self.is_date && !input.value().trim().is_empty() => {
                parse_date(input.value().trim())
                    .err()
                    .map(|reason| format!("{}: {reason}", self.label))
            }
            _ => None,
        }
    }

    pub fn many(label: &'static str, options: Vec<(String, String)>, chosen: &[String]) -> Field {
        let chosen = options
            .iter()
            .map(|(value, _)| chosen.contains(value))
            .collect();
        Field {
            label,
            value: FieldValue::Many {
                options,
                chosen,
                cursor: 0,
            },
            is_date: false,
        }
    }

    /// The field's value as text (choices: the stored value; many: comma-joined).
    pub fn text(&self) -> String {
        match &self.value {
            FieldValue::Line(input) => input.value().trim().to_string(),
            FieldValue::Lines(area) => area.text().trim_end().to_string(),
            FieldValue::Choice { options, index } => index
                .and_then(|index| options.get(index))
                .map(|(v, _)| v.clone())
                .unwrap_or_default(),
            FieldValue::Many {
                options, chosen, ..
            } => options
                .iter()
                .zip(chosen)
                .filter(|(_, on)| **on)
                .map(|(option, _)| option.0.clone())
                .collect::<Vec<_>>()
                .join(","),
        }
    }

    /// Handles a key; `false` when the field has no use for it.
    fn handle(&mut self, key: KeyEvent) -> bool {
        match &mut self.value {
            FieldValue::Line(input) => {
                let Some(request) = to_input_request(&Event::Key(key)) else {
                    return false;
                };
                input.handle(request);
                let cleaned = typed(input.value()).replace('\n', " ");
                if cleaned != input.value() {
                    *input = Input::new(cleaned);
                }
                true
            }
            FieldValue::Lines(area) => area.handle(key),
            FieldValue::Choice { options, index } => {
                let count = options.len();
                if count == 0 {
                    return false;
                }
                // From nothing chosen, Right starts at the first, Left at the last.
                *index = match key.code {
                    KeyCode::Left | KeyCode::Char('h') => {
                        Some(index.map_or(count - 1, |i| (i + count - 1) % count))
                    }
                    KeyCode::Right | KeyCode::Char('l') | KeyCode::Char(' ') => {
                        Some(index.map_or(0, |i| (i + 1) % count))
                    }
                    _ => return false,
                };
                true
            }
            FieldValue::Many {
                options,
                chosen,
                cursor,
            } => match key.code {
                KeyCode::Up | KeyCode::Char('k') => {
                    *cursor = cursor.saturating_sub(1);
                    true
                }
                KeyCode::Down | KeyCode::Char('j') => {
                    *cursor = (*cursor + 1).min(options.len().saturating_sub(1));
                    true
                }
                KeyCode::Char(' ') => {
                    if let Some(on) = chosen.get_mut(*cursor) {
                        *on = !*on;
                    }
                    true
                }
                _ => false,
            },
        }
    }
}

pub struct Form {
    pub kind: FormKind,
    pub title: String,
    pub fields: Vec<Field>,
    /// Read-only lines shown above the fields: what the record holds that
    /// the form does not edit.
    pub notes: Vec<String>,
    pub focus: usize,
    /// What is wrong with what was typed, shown in the form until fixed.
    pub message: Option<String>,
}

/// What a key did to the form.
#[derive(Debug, PartialEq, Eq)]
pub enum FormOutcome {
    Editing,
    Save,
    Cancel,
}

impl Form {
    pub fn new(kind: FormKind, title: impl Into<String>, fields: Vec<Field>) -> Form {
        Form {
            kind,
            title: title.into(),
            fields,
            notes: Vec::new(),
            focus: 0,
            message: None,
        }
    }

    /// The form with `notes` shown above its fields.
    pub fn with_notes(mut self, notes: Vec<String>) -> Form {
        self.notes = notes;
        self
    }

    /// Tab and Shift-Tab move freely, saying what is wrong with the field
    /// left; Enter moves on only from a field that is right, and saves from
    /// the last; Ctrl-S saves once every field is right.
    pub fn handle(&mut self, key: KeyEvent) -> FormOutcome {
        let control = key.modifiers.contains(KeyModifiers::CONTROL);
        let count = self.fields.len().max(1);
        match key.code {
            KeyCode::Esc => return FormOutcome::Cancel,
            KeyCode::Char('s') if control => return self.save(),
            KeyCode::Tab | KeyCode::BackTab => {
                self.message = self.focused_problem();
                let step = if key.code == KeyCode::Tab {
                    1
                } else {
                    count - 1
                };
                self.focus = (self.focus + step) % count;
                return FormOutcome::Editing;
            }
            _ => {}
        }
        let handled = self
            .fields
            .get_mut(self.focus)
            .is_some_and(|field| field.handle(key));
        if handled {
            self.message = None;
        } else if key.code == KeyCode::Enter {
            self.message = self.focused_problem();
            if self.message.is_some() {
                return FormOutcome::Editing;
            }
            if self.focus + 1 == self.fields.len() {
                return self.save();
            }
            self.focus += 1;
        }
        FormOutcome::Editing
    }

    fn focused_problem(&self) -> Option<String> {
        self.fields.get(self.focus).and_then(Field::problem)
    }

    /// Saves, or shows the first field that is not right and moves to it.
    fn save(&mut self) -> FormOutcome {
        match self.fields.iter().position(|f| f.problem().is_some()) {
            Some(index) => {
                self.focus = index;
                self.message = self.focused_problem();
                FormOutcome::Editing
            }
            None => FormOutcome::Save,
        }
    }

    /// The text of the field with this label.
    pub fn value(&self, label: &str) -> String {
        self.fields
            .iter()
            .find(|field| field.label == label)
            .map(Field::text)
            .unwrap_or_default()
    }
}

/// Multi-line text with a cursor: typing, Enter for a new line, Backspace,
/// Delete, arrows, Home and End.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextArea {
    pub lines: Vec<String>,
    pub row: usize,
    /// Cursor column, in characters.
    pub column: usize,
}

impl TextArea {
    pub fn new(text: &str) -> TextArea {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.lines().map(str::to_string).collect()
        };
        let row = lines.len() - 1;
        let column = lines[row].chars().count();
        TextArea { lines, row, column }
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// Handles an editing key; `false` when the key is not for the text.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        self.handle(key)
    }

    fn byte_at(&self, column: usize) -> usize {
        self.lines[self.row]
            .char_indices()
            .nth(column)
            .map_or(self.lines[self.row].len(), |(i, _)| i)
    }

    fn handle(&mut self, key: KeyEvent) -> bool {
        let width = self.lines[self.row].chars().count();
        match key.code {
            KeyCode::Char(c)
                if !c.is_control() && !key.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                let at = self.byte_at(self.column);
                self.lines[self.row].insert(at, c);
                self.column += 1;
            }
            KeyCode::Enter => {
                let at = self.byte_at(self.column);
                let rest = self.lines[self.row].split_off(at);
                self.lines.insert(self.row + 1, rest);
                self.row += 1;
                self.column = 0;
            }
            KeyCode::Backspace if self.column > 0 => {
                let at = self.byte_at(self.column - 1);
                self.lines[self.row].remove(at);
                self.column -= 1;
            }
            KeyCode::Backspace if self.row > 0 => {
                let line = self.lines.remove(self.row);
                self.row -= 1;
                self.column = self.lines[self.row].chars().count();
                self.lines[self.row].push_str(&line);
            }
            KeyCode::Delete if self.column < width => {
                let at = self.byte_at(self.column);
                self.lines[self.row].remove(at);
            }
            KeyCode::Left if self.column > 0 => self.column -= 1,
            KeyCode::Right if self.column < width => self.column += 1,
            KeyCode::Up if self.row > 0 => {
                self.row -= 1;
                self.column = self.column.min(self.lines[self.row].chars().count());
            }
            KeyCode::Down if self.row + 1 < self.lines.len() => {
                self.row += 1;
                self.column = self.column.min(self.lines[self.row].chars().count());
            }
            KeyCode::Home => self.column = 0,
            KeyCode::End => self.column = width,
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn a_text_area_edits_across_lines() {
        let mut area = TextArea::new("");
        for c in "ab".chars() {
            area.handle(key(KeyCode::Char(c)));
        }
        area.handle(key(KeyCode::Enter));
        area.handle(key(KeyCode::Char('é')));
        assert_eq!(area.text(), "ab\né");
        area.handle(key(KeyCode::Home));
        area.handle(key(KeyCode::Backspace));
        assert_eq!(area.text(), "abé");
    }

    #[test]
    fn tab_moves_between_fields_and_enter_on_the_last_saves() {
        let mut form = Form::new(
            FormKind::Welcome,
            "t",
            vec![Field::line("A", ""), Field::line("B", "")],
        );
        form.handle(key(KeyCode::Char('x')));
        assert_eq!(form.handle(key(KeyCode::Tab)), FormOutcome::Editing);
        assert_eq!(form.focus, 1);
        assert_eq!(form.handle(key(KeyCode::Enter)), FormOutcome::Save);
        assert_eq!(form.value("A"), "x");
    }
}
