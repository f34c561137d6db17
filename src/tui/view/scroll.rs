//! Signs that a list or pane holds more than it shows: a scrollbar on a
//! list's right border, and "n more" under text cut short.

use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};

/// A scrollbar over the right border of the bordered list in `area`,
/// drawn only when its `len` rows do not all fit in the `visible` ones.
pub fn scrollbar(
    frame: &mut Frame,
    area: Rect,
    len: usize,
    first: usize,
    visible: usize,
    theme: Theme,
) {
    if len <= visible || visible == 0 {
        return;
    }
    // The thumb is as long as the share shown, and reaches the bottom
    // when the last row is on screen.
    let last_first = len - visible;
    let position = first.min(last_first) * (len - 1) / last_first.max(1);
    let mut state = ScrollbarState::new(len)
        .position(position)
        .viewport_content_length(visible);
    let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .thumb_style(theme.title())
        .track_style(theme.dim());
    let inside = area.inner(Margin {
        vertical: 1,
        horizontal: 0,
    });
    frame.render_stateful_widget(bar, inside, &mut state);
}

/// How many rows `line` takes when wrapped to `width` cells.
pub fn wrapped_rows(line: &Line, width: u16) -> usize {
    line.width().div_ceil(usize::from(width.max(1))).max(1)
}

/// As many of `lines` as fit in `room` rows wrapped to `width`; when some
/// do not, the last row says how many more there are, so a short list is
/// never taken for the whole.
pub fn fit_rows(
    lines: Vec<Line<'static>>,
    room: usize,
    width: u16,
    what: (&str, &str),
    theme: Theme,
) -> Vec<Line<'static>> {
    let total: usize = lines.iter().map(|l| wrapped_rows(l, width)).sum();
    if total <= room {
        return lines;
    }
    if room == 0 {
        return Vec::new();
    }
    let count = lines.len();
    // The count takes one row.
    let mut used = 1;
    let mut kept = Vec::new();
    for line in lines {
        let rows = wrapped_rows(&line, width);
        if used + rows > room {
            break;
        }
        used += rows;
        kept.push(line);
    }
    kept.push(more_line(count - kept.len(), what, theme));
    kept
}

/// " … 3 more blockers".
pub fn more_line(hidden: usize, what: (&str, &str), theme: Theme) -> Line<'static> {
    Line::from(Span::styled(
        format!(
            " … {hidden} more {}",
            if hidden == 1 { what.0 } else { what.1 }
        ),
        theme.key(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_that_do_not_fit_end_in_how_many_more() {
        let lines: Vec<Line> = (0..10).map(|i| Line::from(format!("line {i}"))).collect();
        let theme = Theme { color: false };
        let fitted = fit_rows(lines.clone(), 4, 40, ("blocker", "blockers"), theme);
        assert_eq!(fitted.len(), 4);
        assert_eq!(fitted[3].to_string(), " … 7 more blockers");
        assert_eq!(
            fit_rows(lines.clone(), 10, 40, ("line", "lines"), theme).len(),
            10
        );
        // Lines of 6 cells in 3-cell rows take two rows each.
        let fitted = fit_rows(lines.clone(), 5, 3, ("line", "lines"), theme);
        assert_eq!(fitted.len(), 3);
        assert_eq!(fitted[2].to_string(), " … 8 more lines");
        let fitted = fit_rows(lines[..3].to_vec(), 2, 40, ("line", "lines"), theme);
        assert_eq!(fitted[1].to_string(), " … 2 more lines");
    }
}
