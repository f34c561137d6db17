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
use crate::tui::hours_chart::ChartView;
use crate::tui::layout::first_row;
use crate::tui::text::{cut, one_line};
use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset, GraphType, Paragraph, Row, Table,
    TableState,
};

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
    super::scroll::scrollbar(frame, log_area, len, first, visible, app.theme);

    let categories = loaded.standing.hours.categories.len() as u16;
    let activities = activity_lines(loaded);
    let activity_rows = if activities.is_empty() {
        0
    } else {
        activities.len() as u16 + 2
    };
    let panels = [
        Constraint::Length(categories + 2),
        Constraint::Length(activity_rows),
    ];
    // On a short screen the totals matter more than the weekly bars.
    let chart_at = chart_area(app, loaded, body);
    let (split_area, activity_area) = if let Some(chart_at) = chart_at {
        chart(frame, app, chart_at);
        let below = Rect {
            y: chart_at.y + chart_at.height,
            height: side.height - chart_at.height,
            ..side
        };
        let [split_area, activity_area] = Layout::vertical(panels).areas(below);
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

/// Where the chart goes on a screen with `body`, if there is room for it.
fn chart_area(app: &App, loaded: &Loaded, body: Rect) -> Option<Rect> {
    let (_, side) = split(app, body);
    let categories = loaded.standing.hours.categories.len() as u16;
    let activities = activity_lines(loaded).len() as u16;
    let activity_rows = if activities == 0 { 0 } else { activities + 2 };
    let needed = categories + 2 + activity_rows;
    (side.height >= needed + 6).then(|| Rect {
        height: side.height - needed,
        ..side
    })
}

/// How many weeks or months there are up to today, and how many bars fit:
/// for scrolling the chart.
pub fn chart_periods(app: &App, body: Rect) -> (usize, usize) {
    let Some(loaded) = &app.loaded else {
        return (0, 0);
    };
    let shown = chart_area(app, loaded, body).map_or(1, slots);
    (period_count(app, loaded), shown)
}

/// Bars that fit across `area`, six cells each.
fn slots(area: Rect) -> usize {
    (area.width.saturating_sub(2) / 6).max(1) as usize
}

fn chart(frame: &mut Frame, app: &App, area: Rect) {
    match app.hours_chart.view {
        ChartView::Running => running_chart(frame, app, area),
        ChartView::Weeks | ChartView::Months => bar_chart(frame, app, area),
    }
}

/// Hours per week or per month of the programme, the latest that fit (or
/// earlier ones, scrolled back), with the target's share of each period
/// drawn across as a line.
fn bar_chart(frame: &mut Frame, app: &App, area: Rect) {
    let Some(loaded) = &app.loaded else { return };
    let sums: Vec<(String, f64)> = periods(app, loaded, slots(area))
        .into_iter()
        .map(|(label, from, to)| (label, counted_between(loaded, from, to)))
        .collect();
    let per_period = target_per_period(app, loaded);
    let highest = sums.iter().map(|(_, sum)| *sum).fold(0.0, f64::max);
    // Room above the tallest bar and the target line, so both show.
    let top = highest
        .max(per_period.unwrap_or(0.0) * 1.25)
        .ceil()
        .max(1.0);
    let bars: Vec<Bar> = sums
        .iter()
        .map(|(label, sum)| {
            Bar::default()
                .value(sum.round() as u64)
                .label(Line::from(label.clone()))
                .text_value(format!("{sum:.0}"))
        })
        .collect();
    let chart = BarChart::default()
        .block(Block::bordered().title(chart_title(app, per_period)))
        .data(BarGroup::default().bars(&bars))
        .bar_width(5)
        .bar_gap(1)
        .max(top as u64)
        .bar_style(app.theme.gauge());
    frame.render_widget(chart, area);
    if let Some(per) = per_period {
        target_line(frame, app, area, per / top);
    }
}

/// A dashed line across the chart's empty cells at `share` of its height.
fn target_line(frame: &mut Frame, app: &App, area: Rect, share: f64) {
    // Inside the border, above the row of labels.
    let bars_height = area.height.saturating_sub(3);
    if bars_height == 0 {
        return;
    }
    let rise = (share.clamp(0.0, 1.0) * f64::from(bars_height)).round() as u16;
    let bottom = area.y + area.height - 3;
    let y = bottom.saturating_sub(rise.saturating_sub(1));
    let style = app.theme.target();
    let buffer = frame.buffer_mut();
    for x in area.x + 1..area.x + area.width.saturating_sub(1) {
        if let Some(cell) = buffer.cell_mut((x, y)) {
            if cell.symbol() == " " {
                cell.set_symbol("┄").set_style(style);
            }
        }
    }
}

/// The hours that count (not queried) dated from `from` up to `to`.
fn counted_between(loaded: &Loaded, from: NaiveDate, to: NaiveDate) -> f64 {
    loaded
        .progress
        .hours
        .iter()
        .filter(|e| e.date >= from && e.date < to && e.review.counts())
        .map(|e| e.hours)
        .sum()
}

/// The running total of hours that count, week by week from the start to
/// today, against the expected line from nothing at the start to the
/// target at the planned end.
fn running_chart(frame: &mut Frame, app: &App, area: Rect) {
    let Some(loaded) = &app.loaded else { return };
    let start = loaded.progress.enrolment.start_date;
    let end = loaded.standing.planned_end;
    let weeks_to_end = ((end - start).num_days().max(7) / 7) as f64;
    let mut running = vec![(0.0, 0.0)];
    let mut total = 0.0;
    let mut from = start;
    let mut week = 0.0;
    while from <= app.today {
        let to = from + chrono::Days::new(7);
        total += counted_between(loaded, from, to);
        week += 1.0;
        running.push((week, total));
        from = to;
    }
    let target = loaded.standing.hours.target;
    let expected: Vec<(f64, f64)> = target
        .map(|t| vec![(0.0, 0.0), (weeks_to_end, t)])
        .unwrap_or_default();
    let top = target.unwrap_or(0.0).max(total).max(1.0);
    let theme = app.theme;
    let mut datasets = vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.gauge())
            .data(&running),
    ];
    if !expected.is_empty() {
        datasets.push(
            // Dots, so the two lines differ without colour too.
            Dataset::default()
                .marker(Marker::Dot)
                .graph_type(GraphType::Line)
                .style(theme.target())
                .data(&expected),
        );
    }
    let x_labels = vec![Line::from(start.to_string()), Line::from(end.to_string())];
    let y_labels = vec![Line::from("0"), Line::from(format!("{top:.0} h"))];
    let title = match target {
        Some(t) => format!(
            " ⠒ Hours so far {} of {} h · • expected by now {:.0} · w switches ",
            hours_text(total),
            hours_text(t),
            loaded.standing.hours.expected_to_date.unwrap_or(0.0)
        ),
        None => format!(" ⠒ Hours so far {} h · w switches ", hours_text(total)),
    };
    let chart = Chart::new(datasets)
        .block(Block::bordered().title(title))
        .x_axis(Axis::default().bounds([0.0, weeks_to_end]).labels(x_labels))
        .y_axis(Axis::default().bounds([0.0, top]).labels(y_labels));
    frame.render_widget(chart, area);
}

/// How many weeks or months of the programme have begun by today.
fn period_count(app: &App, loaded: &Loaded) -> usize {
    let start = loaded.progress.enrolment.start_date;
    if app.hours_chart.by_month() {
        (loaded.standing.months_completed + 1) as usize
    } else {
        ((app.today - start).num_days().max(0) / 7 + 1) as usize
    }
}

/// `slots` months of the programme, or weeks from its start, ending today
/// or as far back as the chart is scrolled: each a label and the days it
/// covers, end excluded.
fn periods(app: &App, loaded: &Loaded, slots: usize) -> Vec<(String, NaiveDate, NaiveDate)> {
    let start = loaded.progress.enrolment.start_date;
    let count = period_count(app, loaded);
    let last = count.saturating_sub(app.hours_chart.back.min(count.saturating_sub(1)));
    let first = last.saturating_sub(slots);
    if app.hours_chart.by_month() {
        (first..last)
            .map(|m| {
                (
                    format!("M{}", m + 1),
                    add_months(start, m as u32),
                    add_months(start, m as u32 + 1),
                )
            })
            .collect()
    } else {
        (first..last)
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

/// The target's even share of a week or a month, when there is a target.
fn target_per_period(app: &App, loaded: &Loaded) -> Option<f64> {
    loaded.standing.hours.target.map(|target| {
        let length = f64::from(loaded.standing.duration_months.max(1));
        if app.hours_chart.by_month() {
            target / length
        } else {
            target / (length * 52.0 / 12.0)
        }
    })
}

/// The unit shown, the target's share of each (the dashed line), and the
/// keys that move the chart.
fn chart_title(app: &App, per_period: Option<f64>) -> String {
    let unit = if app.hours_chart.by_month() {
        "month"
    } else {
        "week"
    };
    let back = if app.hours_chart.back > 0 {
        " (earlier)"
    } else {
        ""
    };
    match per_period {
        Some(per) => format!(
            " Hours by {unit}{back} · ┄ target ≈ {} h a {unit} · w switches · [ ] scroll ",
            hours_one_place(per)
        ),
        None => format!(" Hours by {unit}{back} · w switches · [ ] scroll "),
    }
}
