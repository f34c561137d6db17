//! Readiness: the gateway checklist with blockers, and each assessment
//! method's coverage with the outcomes still missing.

use crate::domain::standing::{GatewayStanding, MethodReadiness, RuleStanding};
use crate::domain::{MethodResult, SignoffStanding, counted};
use crate::report::{self, signoff_open, signoff_state};
use crate::tui::app::App;
use crate::tui::text::one_line;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn render(frame: &mut Frame, app: &App, body: Rect) {
    let Some(loaded) = &app.loaded else { return };
    let theme = app.theme;
    let standing = &loaded.standing;
    let results = standing
        .epa_results
        .iter()
        .filter(|m| m.latest.is_some())
        .count() as u16;
    let methods = standing.epa_methods.len() as u16;
    let [gateway_area, methods_area] = Layout::vertical([
        Constraint::Min(4),
        Constraint::Length(if methods == 0 {
            0
        } else {
            methods * 2 + results + 3
        }),
    ])
    .areas(body);
    let signoff = standing.gateway_signoff.as_ref();
    frame.render_widget(
        gateway(standing.gateway.as_ref(), signoff, theme),
        gateway_area,
    );
    if methods == 0 {
        return;
    }
    let width = methods_area.width.saturating_sub(4) as usize;
    let mut lines = Vec::new();
    for method in &standing.epa_methods {
        method_lines(&mut lines, method, theme, width);
        let result = standing.epa_results.iter().find(|r| r.method == method.id);
        if let Some(line) = result.and_then(|r| result_line(r, theme)) {
            lines.push(line);
        }
    }
    let title = " End-point assessment: outcomes judged competent and backed by evidence ";
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(title)),
        methods_area,
    );
}

/// Each gateway rule ticked, or its blocker in its place, under the
/// verdict; then the sign-off.
fn gateway(
    gateway: Option<&GatewayStanding>,
    signoff: Option<&SignoffStanding>,
    theme: Theme,
) -> Paragraph<'static> {
    let mut lines = Vec::new();
    let title = match gateway {
        Some(gateway) => {
            lines.extend(gateway.rules.iter().map(|rule| rule_line(rule, theme)));
            if let Some(signoff) = signoff {
                signoff_lines_into(&mut lines, signoff, gateway.ready, theme);
            }
            let verdict = if gateway.ready {
                "READY".to_string()
            } else {
                format!(
                    "not ready, {}",
                    counted(gateway.blockers.len(), "blocker", "blockers")
                )
            };
            format!(" {}: {verdict} ", one_line(&gateway.title))
        }
        None => {
            lines.push(Line::from("This framework has no gateway."));
            " Gateway ".to_string()
        }
    };
    Paragraph::new(lines)
        .block(Block::bordered().title(title))
        .wrap(Wrap { trim: false })
}

/// "Sign-off: awaiting ...", then who signed and who is awaited.
fn signoff_lines_into(
    lines: &mut Vec<Line<'static>>,
    signoff: &SignoffStanding,
    ready: bool,
    theme: Theme,
) {
    let state = signoff_state(signoff, ready);
    let style = if signoff.sealed.is_some() {
        theme.good()
    } else {
        theme.title()
    };
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        format!("Sign-off: {state}"),
        style,
    )));
    if signoff_open(signoff, ready) {
        lines.extend(
            report::signoff_lines(signoff)
                .into_iter()
                .map(|line| Line::from(format!("  {}", one_line(&line)))),
        );
    }
}

fn rule_line(rule: &RuleStanding, theme: Theme) -> Line<'static> {
    match &rule.blocker {
        None => Line::from(vec![
            Span::styled("[x] ", theme.good()),
            Span::raw(one_line(&rule.title)),
        ]),
        Some(blocker) => Line::from(vec![
            Span::styled("[ ] ", theme.bad()),
            Span::raw(one_line(blocker)),
        ]),
    }
}

/// The method's latest result, once assessed: passed in green, else red.
fn result_line(result: &MethodResult, theme: Theme) -> Option<Line<'static>> {
    let latest = result.latest.as_ref()?;
    let (verdict, style) = if result.passed {
        ("passed", theme.good())
    } else {
        ("not passed", theme.bad())
    };
    Some(Line::from(vec![
        Span::raw("  result: "),
        Span::styled(format!("{} ({verdict})", one_line(&latest.grade)), style),
        Span::raw(format!(
            " on {}, {} attempt of {}",
            latest.date, latest.attempt, result.attempts
        )),
    ]))
}

/// A method's coverage as a bar, then the outcomes it still lacks.
fn method_lines(
    lines: &mut Vec<Line<'static>>,
    method: &MethodReadiness,
    theme: Theme,
    width: usize,
) {
    let bar_width = width.saturating_sub(20).clamp(4, 40);
    lines.push(Line::from(vec![
        Span::styled(
            super::bar(method.ready as f64 / method.total.max(1) as f64, bar_width),
            theme.gauge(),
        ),
        Span::raw(format!(
            " {}% {}",
            method.readiness_percent,
            one_line(&method.title)
        )),
    ]));
    let missing = if method.missing.is_empty() {
        "nothing missing".to_string()
    } else {
        format!("missing: {}", method.missing.join(", "))
    };
    lines.push(Line::from(Span::styled(
        format!("  {missing}"),
        theme.dim(),
    )));
}
