//! Choosing who is using the app, and the PIN asked before acting as them.
//! A PIN typed is drawn as one dot a character, never as itself.

use super::overlay::{popup, show};
use crate::tui::app::App;
use crate::tui::text::{one_line, typed};
use crate::tui::who::{CHOOSER_ROWS, Chooser, PinPrompt};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn chooser(frame: &mut Frame, app: &App, chooser: &Chooser, screen: Rect) {
    let theme = app.theme;
    let mut lines = vec![
        Line::from(vec![
            Span::raw("Type part of your name: "),
            Span::styled(format!("{}▏", typed(&chooser.typed)), theme.title()),
        ]),
        Line::from(""),
    ];
    if chooser.matches.is_empty() {
        lines.push(Line::styled(
            "  nobody recorded has that in their name",
            theme.dim(),
        ));
    }
    for (row, person) in chooser.matches.iter().enumerate() {
        let name = format!("{:<34}", one_line(&person.name));
        let line = Line::from(vec![
            Span::raw(if row == chooser.cursor { "▶ " } else { "  " }),
            Span::raw(name),
            Span::styled(person.role.as_str(), theme.dim()),
        ]);
        lines.push(if row == chooser.cursor {
            line.style(theme.selected())
        } else {
            line
        });
    }
    let rows = lines.len() + CHOOSER_ROWS.saturating_sub(chooser.matches.len().max(1));
    lines.resize(rows, Line::from(""));
    lines.push(Line::from(""));
    let leave = if chooser.first {
        "quit"
    } else {
        "keep using the app as now"
    };
    lines.push(Line::from(vec![
        Span::styled("↑/↓", theme.key()),
        Span::raw(" choose  "),
        Span::styled("Enter", theme.key()),
        Span::raw(" this is me  "),
        Span::styled("Esc", theme.key()),
        Span::raw(format!(" {leave}")),
    ]));
    let title = if chooser.first {
        " Who are you? "
    } else {
        " Switch person "
    };
    let area = popup(screen, 64, lines.len() as u16 + 2);
    show(frame, area, Paragraph::new(lines), title, theme.title());
}

pub fn pin_prompt(frame: &mut Frame, app: &App, prompt: &PinPrompt, screen: Rect) {
    let theme = app.theme;
    let name = one_line(&prompt.person.name);
    let dots = "•".repeat(prompt.typed.chars().count());
    let mut lines = vec![
        Line::from(format!("{name} has a PIN: type it to use the app as them.")),
        Line::from(""),
        Line::from(vec![
            Span::raw("PIN: "),
            Span::styled(format!("{dots}▏"), theme.title()),
        ]),
        Line::from(""),
    ];
    match &prompt.refusal {
        Some(refusal) => lines.push(Line::styled(one_line(refusal), theme.bad())),
        None => lines.push(Line::from("")),
    }
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        Span::styled("Enter", theme.key()),
        Span::raw(" confirm  "),
        Span::styled("Esc", theme.key()),
        Span::raw(" choose someone else"),
    ]));
    // A line to spare for a refusal too long for one.
    let area = popup(screen, 64, lines.len() as u16 + 3);
    show(
        frame,
        area,
        Paragraph::new(lines).wrap(Wrap { trim: false }),
        &format!(" PIN for {name} "),
        theme.title(),
    );
}
