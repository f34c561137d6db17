//! The first screen on an empty database.

use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn render(frame: &mut Frame, app: &App, body: Rect) {
    let theme = app.theme;
    let text = vec![
        Line::from(Span::styled("Welcome to pcso-tracker", theme.title())),
        Line::from(""),
        Line::from(
            "Track your progress through the Level 4 PCSO apprenticeship: outcomes, evidence,",
        ),
        Line::from("entry requirements, off-the-job hours, check-ins and readiness for gateway."),
        Line::from(""),
        Line::from("Nobody is recorded in this database yet."),
        Line::from(""),
        Line::from(vec![
            Span::styled("  a ", theme.key()),
            Span::raw("add yourself as the administrator, who adds everyone else"),
        ]),
        Line::from(vec![
            Span::styled("  d ", theme.key()),
            Span::raw("load the demo: an assessor and five people at different points"),
        ]),
        Line::from(vec![Span::styled("  q ", theme.key()), Span::raw("quit")]),
    ];
    frame.render_widget(
        Paragraph::new(text)
            .block(Block::bordered())
            .wrap(Wrap { trim: false }),
        body,
    );
}
