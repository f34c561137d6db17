//! The command palette (`:`): every action offered where the user is, by
//! the words of its help, fuzzy-matched as they type. Enter runs the one
//! chosen exactly as its key would.

use super::action::Action;
use super::app::{App, Overlay};
use super::keymap;
use crate::store::Store;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

/// What is typed, and which match is chosen.
#[derive(Debug, Default, Clone)]
pub struct Palette {
    pub query: String,
    pub cursor: usize,
}

/// One action offered: its words, its key, and what it does.
#[derive(Debug, Clone)]
pub struct Entry {
    pub words: String,
    pub keys: &'static str,
    pub action: Action,
}

impl AsRef<str> for Entry {
    fn as_ref(&self) -> &str {
        &self.words
    }
}

/// Every action offered here, once each: this place's own first, then
/// the table's order. Moving a row is left to the keys.
pub fn entries(app: &App) -> Vec<Entry> {
    let mut bindings: Vec<_> = keymap::active(app).collect();
    bindings.sort_by_key(|binding| std::cmp::Reverse(binding.scope.rank()));
    let mut entries: Vec<Entry> = Vec::new();
    for binding in bindings {
        let moving = matches!(
            binding.action,
            Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::Top
                | Action::Bottom
                | Action::OpenPalette
        );
        if moving || entries.iter().any(|e| e.action == binding.action) {
            continue;
        }
        let words = match &binding.action {
            Action::GoTo(tab) => format!("go to {}", tab.title()),
            Action::GoToSection(step) => format!("go to section {}", step.title()),
            Action::Back => match keymap::back_label(app) {
                Some(label) if app.screen != super::app::Screen::Checkin => {
                    format!("back: {label}")
                }
                _ => binding.help.to_string(),
            },
            _ => binding.help.to_string(),
        };
        entries.push(Entry {
            words,
            keys: binding.keys,
            action: binding.action.clone(),
        });
    }
    entries
}

/// The entries that match `query`, best first; all of them for none.
pub fn matching(app: &App, query: &str) -> Vec<Entry> {
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    pattern
        .match_list(entries(app), &mut matcher)
        .into_iter()
        .map(|(entry, _)| entry)
        .collect()
}

/// Keys while the palette is open.
pub fn input(app: &mut App, store: &mut Store, mut palette: Palette, key: KeyEvent) {
    let found = matching(app, &palette.query).len();
    match key.code {
        KeyCode::Esc => return,
        KeyCode::Enter => {
            let chosen = matching(app, &palette.query)
                .into_iter()
                .nth(palette.cursor);
            if let Some(entry) = chosen {
                super::update::update(app, store, entry.action);
            }
            return;
        }
        KeyCode::Up => palette.cursor = palette.cursor.saturating_sub(1),
        KeyCode::Down => palette.cursor = (palette.cursor + 1).min(found.saturating_sub(1)),
        KeyCode::Backspace => {
            palette.query.pop();
            palette.cursor = 0;
        }
        KeyCode::Char(c) if !c.is_control() && !key.modifiers.contains(KeyModifiers::CONTROL) => {
            palette.query.push(c);
            palette.cursor = 0;
        }
        _ => {}
    }
    app.overlay = Overlay::Palette(Box::new(palette));
}
