//! Hours: the log with each off-the-job entry's review, a chart by week or
//! month against the target's share of each period, and the split by
//! category against the framework's shares.

use super::rows_inside;
use crate::domain::standing::CategoryHours;
use crate::domain::{
    HoursEntry, HoursReview, add_months, hours_one_place, hours_text, is_off_the_job,
};
use crate::framework::Framework;
use crate::tui::app::{App, Loaded};
use crate::tui::layout::first_row;
use crate::tui::text::{cut, one_line};
use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph, Row, Table, TableState};

/// The log beside the charts on a wide screen; above them on a narrow one,
/// or where entries name activities, so the benefit has room.
fn split(app: &App, body: Rect) -> (Rect, Rect) {
    if body.width >= 110 && !names_activities(app) {
        let [log, side] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(body);
        (log, side)
    } else {
        let [log, side] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
        (log, side)
    }
}

fn names_activities(app: &App) -> bool {
    app.loaded
        .as_ref()
        .is_some_and(|loaded| !loaded.framework.activities.is_empty())
}

pub fn list_area(app: &App, body: Rect) -> Rect {
    rows_inside(split(app, body).0)
}

pub fn render(frame: &mut Frame, app: &App, body: Rect) {
    let Some(loaded) = &app.loaded else { return };
    let (log_area, side) = split(app, body);
    let len = app.hours_len();
    let visible = list_area(app, body).height as usize;
    // Rows are built for the entries on screen only.
    let first = first_row(app.cursors.hours, visible, len);
    let mut state =
        TableState::new().with_selected((len > 0).then(|| app.cursors.hours.saturating_sub(first)));
    let entries: Vec<&HoursEntry> = app.hours_window(first..first + visible).collect();
    frame.render_stateful_widget(log_table(app, &entries, len), log_area, &mut state);

    let categories = loaded.standing.hours.categories.len() as u16;
    let activities = activity_lines(loaded);
    let activity_rows = if activities.is_empty() {
        0
    } else {
        activities.len() as u16 + 2
    };
    // On a short screen the totals matter more than the weekly bars.
    let with_chart = side.height >= categories + 2 + activity_rows + 6;
    let panels = [
        Constraint::Length(categories + 2),
        Constraint::Length(activity_rows),
    ];
    let (split_area, activity_area) = if with_chart {
        let [chart_area, split_area, activity_area] =
            Layout::vertical([Constraint::Min(6), panels[0], panels[1]]).areas(side);
        chart(frame, app, chart_area);
        (split_area, activity_area)
    } else {
        let [split_area, activity_area, _] =
            Layout::vertical([panels[0], panels[1], Constraint::Min(0)]).areas(side);
        (split_area, activity_area)
    };
    if !activities.is_empty() {
        frame.render_widget(
            Paragraph::new(activities).block(Block::bordered().title(" By activity ")),
            activity_area,
        );
    }
    let lines: Vec<Line> = loaded
        .standing
        .hours
        .categories
        .iter()
        .map(category_line)
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" By category ")),
        split_area,
    );
}

/// Where an entry's review stands; other time than off-the-job is not reviewed.
fn review_word(framework: &Framework, entry: &HoursEntry) -> &'static str {
    match entry.review {
        _ if !is_off_the_job(framework, &entry.category) => "",
        HoursReview::Unreviewed => "to review",
        HoursReview::Accepted => "accepted",
        HoursReview::Queried => "QUERIED",
    }
}

/// The log, one row per entry, its review shown, possible duplicates flagged.
fn log_table(app: &App, entries: &[&HoursEntry], len: usize) -> Table<'static> {
    let Some(loaded) = &app.loaded else {
        return Table::default();
    };
    // Only frameworks that name activities get the column.
    let with_activity = !loaded.framework.activities.is_empty();
    // Only off-the-job time is reviewed: no column where none is.
    let with_review = loaded
        .framework
        .hours
        .categories
        .iter()
        .any(|c| c.off_the_job);
    let rows: Vec<Row> = entries
        .iter()
        .map(|e| {
            let flag = if e.possible_duplicate_of.is_some() {
                "dup?"
            } else {
                ""
            };
            let mut cells = vec![
                e.date.to_string(),
                format!("{}", e.hours),
                e.category.clone(),
            ];
            if with_activity {
                cells.push(e.activity.clone().unwrap_or_else(|| "-".to_string()));
            }
            if with_review {
                cells.push(review_word(&loaded.framework, e).to_string());
            }
            cells.extend([note_and_benefit(e), flag.to_string()]);
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(10),
        Constraint::Length(5),
        Constraint::Length(12),
    ];
    let mut titles = vec!["Date", "Hours", "Category"];
    if with_activity {
        // As wide as the longest activity id, within reason.
        let longest = loaded.framework.activities.iter().map(|a| a.id.len()).max();
        widths.push(Constraint::Length(longest.unwrap_or(8).clamp(8, 20) as u16));
        titles.push("Activity");
    }
    if with_review {
        widths.push(Constraint::Length(9));
        titles.push("Review");
    }
    widths.extend([Constraint::Fill(1), Constraint::Length(4)]);
    titles.extend([
        if loaded.framework.hours.record_benefit {
            "Benefit · note"
        } else {
            "Note"
        },
        "",
    ]);
    let header = Row::new(titles).style(app.theme.title());
    let keys = if app.viewer_is_assessor() {
        // The footer names e and d too; the title has room for these.
        "a adds · A accepts · Q queries"
    } else {
        "a adds · e edits · d deletes"
    };
    Table::new(rows, widths)
        .header(header)
        .block(Block::bordered().title(format!(" Hours log ({len}) · {keys} ")))
        .row_highlight_style(app.theme.selected())
        .highlight_symbol("▶")
}

/// The note, or for a queried entry why it was queried.
fn note_or_query(entry: &HoursEntry) -> String {
    match (&entry.review, &entry.query_reason) {
        (HoursReview::Queried, Some(reason)) => one_line(&format!("? {reason}")),
        _ => one_line(&entry.note),
    }
}

/// The benefit the time brought, then the note (or why it was queried).
fn note_and_benefit(entry: &HoursEntry) -> String {
    let note = note_or_query(entry);
    match entry.benefit.as_deref().map(one_line) {
        Some(benefit) if note.is_empty() => benefit,
        Some(benefit) => format!("{benefit} · {note}"),
        None => note,
    }
}

/// Each activity with time that counts: its hours, share of all time and
/// hours per category; empty for frameworks that name no activities.
fn activity_lines(loaded: &Loaded) -> Vec<Line<'static>> {
    let Some(practice) = &loaded.standing.practice else {
        return Vec::new();
    };
    if practice.activities.is_empty() {
        return Vec::new();
    }
    let lines: Vec<Line> = practice
        .activities
        .iter()
        .filter(|a| a.logged > 0.0)
        .map(|a| {
            let split: Vec<String> = a
                .categories
                .iter()
                .filter(|c| c.hours > 0.0)
                .map(|c| format!("{} {}", c.category, hours_text(c.hours)))
                .collect();
            Line::from(format!(
                "{:<26} {:>6.1} h {:>3.0}%  {}",
                cut(&one_line(&a.title), 26),
                a.logged,
                a.share_percent,
                split.join(", ")
            ))
        })
        .collect();
    if lines.is_empty() {
        vec![Line::from("No time recorded yet")]
    } else {
        lines
    }
}

/// A category's hours against its target, or its share of time.
fn category_line(c: &CategoryHours) -> Line<'static> {
    let target = match (c.target, c.target_share_percent) {
        (Some(t), _) => format!(
            "of {t} h target, {:.0} expected by now",
            c.expected_to_date.unwrap_or(0.0)
        ),
        (None, Some(share)) => {
            format!("{:.0}%, intended {share}%", c.share_percent)
        }
        (None, None) => format!("{:.0}% of time", c.share_percent),
    };
    // Queried time first: it is what the line would otherwise hide.
    let queried = if c.queried > 0.0 {
        format!(" ({} h queried)", hours_text(c.queried))
    } else {
        String::new()
    };
    Line::from(format!(
        "{:<26} {:>6.1} h{queried} {target}",
        one_line(&c.title),
        c.logged
    ))
}

/// Hours per week (the last ones that fit) or per month of the programme.
fn chart(frame: &mut Frame, app: &App, area: Rect) {
    let Some(loaded) = &app.loaded else { return };
    let slots = (area.width.saturating_sub(2) / 6).max(1) as usize;
    let bars: Vec<Bar> = periods(app, loaded, slots)
        .iter()
        .map(|(label, from, to)| {
            let sum: f64 = loaded
                .progress
                .hours
                .iter()
                .filter(|e| e.date >= *from && e.date < *to && e.review.counts())
                .map(|e| e.hours)
                .sum();
            Bar::default()
                .value(sum.round() as u64)
                .label(Line::from(label.clone()))
                .text_value(format!("{sum:.0}"))
        })
        .collect();
    let chart = BarChart::default()
        .block(Block::bordered().title(chart_title(app, loaded)))
        .data(BarGroup::default().bars(&bars))
        .bar_width(5)
        .bar_gap(1)
        .bar_style(app.theme.gauge());
    frame.render_widget(chart, area);
}

/// The last `slots` months of the programme, or weeks from its start, up
/// to today: each a label and the days it covers, end excluded.
fn periods(app: &App, loaded: &Loaded, slots: usize) -> Vec<(String, NaiveDate, NaiveDate)> {
    let start = loaded.progress.enrolment.start_date;
    if app.hours_by_month {
        let months = (loaded.standing.months_completed + 1) as usize;
        (months.saturating_sub(slots)..months)
            .map(|m| {
                (
                    format!("M{}", m + 1),
                    add_months(start, m as u32),
                    add_months(start, m as u32 + 1),
                )
            })
            .collect()
    } else {
        let weeks = ((app.today - start).num_days().max(0) / 7 + 1) as usize;
        (weeks.saturating_sub(slots)..weeks)
            .map(|w| {
                let from = start + chrono::Days::new(w as u64 * 7);
                (
                    format!("{}/{}", from.day(), from.month()),
                    from,
                    from + chrono::Days::new(7),
                )
            })
            .collect()
    }
}

/// The unit shown, with the target's even share of each when there is one.
fn chart_title(app: &App, loaded: &Loaded) -> String {
    let per_period = loaded.standing.hours.target.map(|target| {
        let length = f64::from(loaded.standing.duration_months.max(1));
        if app.hours_by_month {
            target / length
        } else {
            target / (length * 52.0 / 12.0)
        }
    });
    let unit = if app.hours_by_month { "month" } else { "week" };
    match per_period {
        Some(per) => format!(
            " Hours by {unit} · target ≈ {} h a {unit} · w switches ",
            hours_one_place(per)
        ),
        None => format!(" Hours by {unit} · w switches "),
    }
}
