//! Outcomes over time on the dashboard: the share judged competent month
//! by month, against the share the framework expects by then.

use crate::domain::standing::{competent_over_time, expected_percent};
use crate::tui::app::{App, Loaded};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType};

pub fn render(frame: &mut Frame, app: &App, loaded: &Loaded, area: Rect) {
    let theme = app.theme;
    let framework = &loaded.framework;
    let months = f64::from(framework.programme.duration_months.max(1));
    let judged = competent_over_time(framework, &loaded.progress, app.today);
    // The expected curve is straight between whole months.
    let expected: Vec<(f64, f64)> = (0..=framework.programme.duration_months)
        .map(|month| {
            let month = f64::from(month);
            (month, expected_percent(framework, month))
        })
        .collect();
    let datasets = vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.gauge_for(loaded.standing.rag))
            .data(&judged),
        // Dots, so the two lines differ without colour too.
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(theme.target())
            .data(&expected),
    ];
    let x_labels = vec![Line::from("month 0"), Line::from(format!("{months:.0}"))];
    let y_labels = vec![Line::from("0%"), Line::from("100%")];
    let now = judged.last().map_or(0.0, |&(_, percent)| percent);
    let title = format!(
        " Outcomes over time · ⠒ judged competent {now:.0}% · • expected {:.0}% ",
        loaded.standing.outcome_counts.expected_percent
    );
    let chart = Chart::new(datasets)
        .block(Block::bordered().title(title))
        .x_axis(Axis::default().bounds([0.0, months]).labels(x_labels))
        .y_axis(Axis::default().bounds([0.0, 100.0]).labels(y_labels));
    frame.render_widget(chart, area);
}
