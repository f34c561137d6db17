//! What sits above the screen: help, an error, a question, a form.

use crate::tui::app::{App, Confirm, Overlay};
use crate::tui::form::{FieldValue, Form};
use crate::tui::keymap::BINDINGS;
use crate::tui::text::{clean, one_line};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub fn render(frame: &mut Frame, app: &App, screen: Rect) {
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help(scroll) => help(frame, app, screen, *scroll),
        Overlay::Error(message) => {
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
        Overlay::Confirm(Confirm::DeleteEvidence { id, title, .. }) => {
            let area = popup(screen, 60, 7);
            let text = vec![
                Line::from(format!("Delete evidence {id}, \"{}\"?", one_line(title))),
                Line::from("It stays in the history, and u undoes it."),
                Line::from(""),
                Line::from(vec![
                    Span::styled("y", app.theme.key()),
                    Span::raw(" delete   any other key keeps it"),
                ]),
            ];
            show(
                frame,
                area,
                Paragraph::new(text).wrap(Wrap { trim: false }),
                " Delete? ",
                app.theme.warn(),
            );
        }
        Overlay::Form(form) => form_popup(frame, app, form, screen),
    }
}

fn popup(screen: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(screen.width);
    let height = height.min(screen.height);
    Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width,
        height,
    }
}

fn show(
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
    let mut numbers_shown = false;
    for binding in BINDINGS
        .iter()
        .filter(|b| !b.assessor_only || app.viewer_is_assessor())
    {
        // The seven number keys read better as one line.
        let (keys, help) = match binding.action {
            crate::tui::action::Action::GoTo(_) if numbers_shown => continue,
            crate::tui::action::Action::GoTo(_) => {
                numbers_shown = true;
                ("1-7", "go straight to a screen by its number")
            }
            _ => (binding.keys, binding.help),
        };
        let scope = match binding.scope {
            crate::tui::keymap::Scope::On(tab) => format!("on {}", tab.title()),
            crate::tui::keymap::Scope::Everywhere => "anywhere".to_string(),
            crate::tui::keymap::Scope::Person => "a person's screens".to_string(),
            crate::tui::keymap::Scope::Picker => "list of people".to_string(),
            crate::tui::keymap::Scope::Welcome => "welcome".to_string(),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{keys:<8}"), app.theme.key()),
            Span::raw(format!("{help:<44}")),
            Span::styled(scope, app.theme.dim()),
        ]));
    }
    lines.push(Line::from(
        "Mouse: click a tab or a row; the wheel scrolls.",
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

fn form_popup(frame: &mut Frame, app: &App, form: &Form, screen: Rect) {
    let theme = app.theme;
    let mut lines = Vec::new();
    for (index, field) in form.fields.iter().enumerate() {
        let focused = index == form.focus;
        let label = Span::styled(
            format!("{:<14}", field.label),
            if focused { theme.key() } else { theme.dim() },
        );
        match &field.value {
            FieldValue::Line(input) => {
                let cursor = if focused { "▏" } else { "" };
                let value = clean(input.value());
                let (before, after) = value.split_at(
                    value
                        .char_indices()
                        .nth(input.visual_cursor())
                        .map_or(value.len(), |(i, _)| i),
                );
                lines.push(Line::from(vec![
                    label,
                    Span::raw(format!("{before}{cursor}{after}")),
                ]));
            }
            FieldValue::Lines(area) => {
                lines.push(Line::from(vec![
                    label,
                    Span::styled("(Enter: new line)", theme.dim()),
                ]));
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
            FieldValue::Choice { options, index } => {
                let value = options
                    .get(*index)
                    .map_or(String::new(), |(_, label)| label.clone());
                let hint = if focused { "  ←/→ to change" } else { "" };
                lines.push(Line::from(vec![
                    label,
                    Span::raw(format!("‹ {value} ›")),
                    Span::styled(hint, theme.dim()),
                ]));
            }
            FieldValue::Many {
                options,
                chosen,
                cursor,
            } => {
                let count = chosen.iter().filter(|on| **on).count();
                let hint = if focused {
                    " ↑/↓ move, Space chooses"
                } else {
                    ""
                };
                lines.push(Line::from(vec![
                    label,
                    Span::raw(format!("{count} chosen")),
                    Span::styled(hint, theme.dim()),
                ]));
                let shown = if focused { 6 } else { 0 };
                let first = cursor
                    .saturating_sub(shown / 2)
                    .min(options.len().saturating_sub(shown));
                for (i, (_, text)) in options.iter().enumerate().skip(first).take(shown) {
                    let mark = if chosen[i] { "[x]" } else { "[ ]" };
                    let style = if i == *cursor {
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
        }
    }
    lines.push(Line::from(""));
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
