//! What sits above the screen: help, an error, a question, a form.

use crate::tui::action::Action;
use crate::tui::app::{App, Confirm, Overlay, Screen, Tab};
use crate::tui::checkin::Step;
use crate::tui::form::{Field, FieldValue, Form, TextArea};
use crate::tui::keymap::{BINDINGS, Scope, offered};
use crate::tui::text::{clean, one_line};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use tui_input::Input;

pub fn render(frame: &mut Frame, app: &App, screen: Rect) {
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help(scroll) => help(frame, app, screen, *scroll),
        Overlay::Error(message) => error(frame, app, screen, message),
        Overlay::Confirm(Confirm::DeleteEvidence { id, title, .. }) => ask(
            frame,
            app,
            screen,
            &format!("Delete evidence {id}, \"{}\"?", one_line(title)),
            "It stays in the history, and u undoes it.",
            "delete",
        ),
        Overlay::Confirm(Confirm::DeleteHours { id, what, .. }) => ask(
            frame,
            app,
            screen,
            &format!("Delete hours entry {id}, {what}?"),
            "It stays in the history.",
            "delete",
        ),
        Overlay::Confirm(Confirm::DiscardCheckin { id }) => ask(
            frame,
            app,
            screen,
            &format!("Discard draft check-in {id}?"),
            "Everything in it goes; the history keeps a copy.",
            "discard",
        ),
        Overlay::Evidence(id) => super::evidence_view::render(frame, app, screen, *id),
        Overlay::Form(form) => form_popup(frame, app, form, screen),
        Overlay::Choose(chooser) => super::who::chooser(frame, app, chooser, screen),
        Overlay::Pin(prompt) => super::who::pin_prompt(frame, app, prompt, screen),
        Overlay::Palette(palette) => super::palette::render(frame, app, palette, screen),
    }
}

fn error(frame: &mut Frame, app: &App, screen: Rect, message: &str) {
    let area = popup(screen, 60, 7);
    let text = vec![
        Line::from(one_line(message)),
        Line::from(""),
        Line::from("Any key closes this; nothing typed is lost."),
    ];
    show(
        frame,
        area,
        Paragraph::new(text).wrap(Wrap { trim: false }),
        " Not saved ",
        app.theme.bad(),
    );
}

/// A yes-or-no question before something is deleted or discarded: what,
/// what is kept of it, and the key that does it.
fn ask(frame: &mut Frame, app: &App, screen: Rect, question: &str, kept: &str, verb: &str) {
    let area = popup(screen, 60, 7);
    let text = vec![
        Line::from(question.to_string()),
        Line::from(kept.to_string()),
        Line::from(""),
        Line::from(vec![
            Span::styled("y", app.theme.key()),
            Span::raw(format!(" {verb}   any other key keeps it")),
        ]),
    ];
    let mut heading = verb.to_string();
    if let Some(first) = heading.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    show(
        frame,
        area,
        Paragraph::new(text).wrap(Wrap { trim: false }),
        &format!(" {heading}? "),
        app.theme.warn(),
    );
}

pub(super) fn popup(screen: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(screen.width);
    let height = height.min(screen.height);
    Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width,
        height,
    }
}

pub(super) fn show(
    frame: &mut Frame,
    area: Rect,
    paragraph: Paragraph,
    title: &str,
    style: ratatui::style::Style,
) {
    frame.render_widget(Clear, area);
    frame.render_widget(
        paragraph.block(Block::bordered().title(Span::styled(title.to_string(), style))),
        area,
    );
}

fn help(frame: &mut Frame, app: &App, screen: Rect, scroll: u16) {
    let area = popup(screen, 76, screen.height.saturating_sub(2));
    let mut lines = vec![Line::from(Span::styled(
        "Keys · ↑/↓ and PgUp/PgDn scroll · any other key closes",
        app.theme.title(),
    ))];
    key_lines(&mut lines, app);
    lines.push(Line::from(
        "Mouse: click a tab, a section or a row; the wheel scrolls.",
    ));
    lines.push(Line::from(
        "While text is typed, letters and digits are typed; F1 opens this help.",
    ));
    lines.push(Line::from(
        "Forms: Tab moves between fields, Ctrl-S saves, Esc cancels.",
    ));
    let room = area.height.saturating_sub(2);
    let scroll = scroll.min((lines.len() as u16).saturating_sub(room));
    show(
        frame,
        area,
        Paragraph::new(lines).scroll((scroll, 0)),
        " Help ",
        app.theme.title(),
    );
}

/// The keys this viewer has here, grouped by where they work: one line
/// per key, what it does.
fn key_lines(lines: &mut Vec<Line<'static>>, app: &App) {
    for (label, scopes) in places(app) {
        let mut group: Vec<Line<'static>> = Vec::new();
        let mut numbers_shown = false;
        let found = BINDINGS
            .iter()
            .filter(|b| scopes.contains(&b.scope) && offered(b, app));
        for binding in found {
            // Ctrl-C, not q, leaves a check-in from anywhere in it.
            if app.screen == Screen::Checkin && binding.action == Action::Quit {
                continue;
            }
            // The number keys read better as one line.
            let (keys, help) = match binding.action {
                Action::GoTo(_) | Action::GoToSection(_) if numbers_shown => continue,
                Action::GoTo(_) => {
                    numbers_shown = true;
                    ("1-8", "go straight to a screen by its number")
                }
                Action::GoToSection(_) => {
                    numbers_shown = true;
                    ("1-8", "go straight to a section by its number or a click")
                }
                // Only those with a list of people go back to it.
                Action::Back if app.screen != Screen::Checkin && !app.has_people_list() => {
                    (binding.keys, "back out: clears a filter, then dashboard")
                }
                _ => (binding.keys, binding.help),
            };
            group.push(Line::from(vec![
                Span::styled(format!("  {keys:<8}"), app.theme.key()),
                Span::raw(help.to_string()),
            ]));
        }
        if !group.is_empty() {
            lines.push(Line::from(Span::styled(label, app.theme.title())));
            lines.extend(group);
        }
    }
}

/// The groups of keys for what is on screen, in the order shown: the
/// keys of this very place first, those that work anywhere last.
fn places(app: &App) -> Vec<(String, Vec<Scope>)> {
    let anywhere = (
        "Anywhere".to_string(),
        vec![Scope::Everywhere, Scope::Known],
    );
    let mut places = Vec::new();
    match app.screen {
        Screen::Welcome => places.push(("On the welcome screen".into(), vec![Scope::Welcome])),
        Screen::Picker => places.push(("On the list of people".into(), vec![Scope::Picker])),
        Screen::Queue => places.push(("In the judgement queue".into(), vec![Scope::Queue])),
        Screen::Person => {
            let on = |tab: Tab| (format!("On {}", tab.title()), vec![Scope::On(tab)]);
            places.push(on(app.tab));
            places.push((
                "On every screen of a person (h/l and ←/→ switch screens too)".into(),
                vec![Scope::Person, Scope::PersonFromList],
            ));
            places.extend(Tab::ALL.into_iter().filter(|t| *t != app.tab).map(on));
        }
        Screen::Checkin => {
            places.push((
                "In every section of a check-in".into(),
                vec![Scope::CheckinAny],
            ));
            for (index, step) in Step::ALL.into_iter().enumerate() {
                let label = format!("In section {} {}", index + 1, step.title());
                places.push((label, vec![Scope::Checkin(step)]));
            }
            places.push(("While a note is typed".into(), vec![Scope::CheckinNote]));
            places.push((
                "Once completed, while each party signs".into(),
                vec![Scope::CheckinSigning],
            ));
            places.push(("While a PIN is typed".into(), vec![Scope::CheckinPin]));
            return places
                .into_iter()
                .chain([("Anywhere".to_string(), vec![Scope::Everywhere])])
                .collect();
        }
    }
    places.push(anywhere);
    places
}

fn form_popup(frame: &mut Frame, app: &App, form: &Form, screen: Rect) {
    let theme = app.theme;
    let mut lines: Vec<Line<'static>> = form
        .notes
        .iter()
        .map(|note| Line::from(Span::styled(one_line(note), theme.dim())))
        .collect();
    if !lines.is_empty() {
        lines.push(Line::from(""));
    }
    for (index, field) in form.fields.iter().enumerate() {
        field_lines(&mut lines, theme, field, index == form.focus);
    }
    lines.push(Line::from(""));
    if let Some(message) = &form.message {
        lines.push(Line::from(Span::styled(one_line(message), theme.bad())));
    }
    lines.push(Line::from(Span::styled(
        "Tab next field · Ctrl-S save · Esc cancel",
        theme.dim(),
    )));
    let height = (lines.len() as u16 + 2).min(screen.height);
    let area = popup(screen, 72, height);
    show(
        frame,
        area,
        Paragraph::new(lines),
        &format!(" {} ", one_line(&form.title)),
        theme.title(),
    );
}

/// A field's label and value; only the focused one shows its cursor and keys.
fn field_lines(lines: &mut Vec<Line<'static>>, theme: Theme, field: &Field, focused: bool) {
    let label = Span::styled(
        format!("{:<14}", field.label),
        if focused { theme.key() } else { theme.dim() },
    );
    match &field.value {
        FieldValue::Line(input) => lines.push(Line::from(vec![
            label,
            Span::raw(with_cursor(input, focused)),
        ])),
        FieldValue::Lines(area) => {
            lines.push(Line::from(vec![
                label,
                Span::styled("(Enter: new line)", theme.dim()),
            ]));
            text_lines(lines, area, focused);
        }
        FieldValue::Choice { options, index } => {
            let value = index
                .and_then(|index| options.get(index))
                .map_or("not chosen".to_string(), |(_, label)| label.clone());
            lines.push(Line::from(vec![
                label,
                Span::raw(format!("‹ {value} ›")),
                focus_hint(theme, focused, "  ←/→ to change"),
            ]));
        }
        FieldValue::Many {
            options,
            chosen,
            cursor,
        } => {
            let count = chosen.iter().filter(|on| **on).count();
            lines.push(Line::from(vec![
                label,
                Span::raw(format!("{count} chosen")),
                focus_hint(theme, focused, " ↑/↓ move, Space chooses"),
            ]));
            let shown = if focused { 6 } else { 0 };
            option_window(lines, theme, options, chosen, *cursor, shown);
        }
    }
}

/// The keys a field takes, shown only while it has the focus.
fn focus_hint(theme: Theme, focused: bool, hint: &'static str) -> Span<'static> {
    Span::styled(if focused { hint } else { "" }, theme.dim())
}

/// A one-line value with the cursor drawn where it stands.
fn with_cursor(input: &Input, focused: bool) -> String {
    let cursor = if focused { "▏" } else { "" };
    let value = clean(input.value());
    let (before, after) = value.split_at(
        value
            .char_indices()
            .nth(input.visual_cursor())
            .map_or(value.len(), |(i, _)| i),
    );
    format!("{before}{cursor}{after}")
}

fn text_lines(lines: &mut Vec<Line<'static>>, area: &TextArea, focused: bool) {
    for (row, text) in area.lines.iter().enumerate() {
        let mut shown = clean(text);
        if focused && row == area.row {
            let at = shown
                .char_indices()
                .nth(area.column)
                .map_or(shown.len(), |(i, _)| i);
            shown.insert(at, '▏');
        }
        lines.push(Line::from(format!("  {shown}")));
    }
}

/// Up to `shown` of the options around the cursor, each ticked or not.
fn option_window(
    lines: &mut Vec<Line<'static>>,
    theme: Theme,
    options: &[(String, String)],
    chosen: &[bool],
    cursor: usize,
    shown: usize,
) {
    let first = cursor
        .saturating_sub(shown / 2)
        .min(options.len().saturating_sub(shown));
    for (i, (_, text)) in options.iter().enumerate().skip(first).take(shown) {
        let mark = if chosen[i] { "[x]" } else { "[ ]" };
        let style = if i == cursor {
            theme.selected()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::from(Span::styled(
            format!("  {mark} {}", one_line(text)),
            style,
        )));
    }
}
