//! The command palette: what is typed, then the matching actions, each
//! with its key, the chosen one marked.

use super::overlay::{popup, show};
use crate::tui::app::App;
use crate::tui::palette::{Palette, matching};
use crate::tui::text::{self, clean};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame, app: &App, palette: &Palette, screen: Rect) {
    let theme = app.theme;
    let found = matching(app, &palette.query);
    let area = popup(
        screen,
        64,
        screen.height.saturating_sub(4).min(found.len() as u16 + 5),
    );
    let room = area.height.saturating_sub(5) as usize;
    let first = palette.cursor.saturating_sub(room.saturating_sub(1));
    let mut lines = vec![Line::from(vec![
        Span::styled(": ", theme.key()),
        Span::raw(format!("{}▏", clean(&palette.query))),
    ])];
    lines.push(Line::from(""));
    if found.is_empty() {
        lines.push(Line::from(Span::styled(
            "nothing here matches",
            theme.dim(),
        )));
    }
    let words_width = (area.width as usize).saturating_sub(11);
    for (index, entry) in found.iter().enumerate().skip(first).take(room) {
        let marker = if index == palette.cursor {
            "▶ "
        } else {
            "  "
        };
        let words = text::cut(&entry.words, words_width.saturating_sub(2));
        let pad = words_width.saturating_sub(2 + text::width(&words));
        let style = if index == palette.cursor {
            theme.selected()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{marker}{words}{}", " ".repeat(pad)), style),
            Span::styled(format!(" {}", entry.keys), theme.key()),
        ]));
    }
    lines.push(Line::from(Span::styled(
        "type to narrow · ↑/↓ choose · Enter runs · Esc closes",
        theme.dim(),
    )));
    show(
        frame,
        area,
        Paragraph::new(lines),
        " Run an action ",
        theme.title(),
    );
}
