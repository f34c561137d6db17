//! Where things are on screen, computed the same way by the view (to draw)
//! and by `update` (to know what a mouse click hit).

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this size a message asks for a larger window.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub struct Areas {
    pub tabs: Rect,
    pub body: Rect,
    pub footer: Rect,
}

pub fn areas(size: (u16, u16)) -> Areas {
    let screen = Rect::new(0, 0, size.0, size.1);
    let [tabs, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(screen);
    Areas { tabs, body, footer }
}

/// How many rows of the list of people a screen of `size` shows: the
/// body less its border and header row.
pub fn people_rows_visible(size: (u16, u16)) -> usize {
    areas(size).body.height.saturating_sub(3) as usize
}

pub fn too_small(size: (u16, u16)) -> bool {
    size.0 < MIN_WIDTH || size.1 < MIN_HEIGHT
}

/// The first row shown of a list of `len` rows with `visible` rows of room,
/// so that `selected` is on screen: the list scrolls only once the
/// selection would leave the bottom.
pub fn first_row(selected: usize, visible: usize, len: usize) -> usize {
    if visible == 0 || len <= visible {
        return 0;
    }
    selected.saturating_sub(visible - 1).min(len - visible)
}

/// The tab under column `x` of the tab bar, given its titles as drawn
/// (" 1 Dashboard " separated by "│").
pub fn tab_at(x: u16, titles: &[String]) -> Option<usize> {
    let mut left = 0u16;
    for (index, title) in titles.iter().enumerate() {
        let width = super::text::width(title) as u16 + 2;
        if x >= left && x < left + width {
            return Some(index);
        }
        left += width + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_scrolls_only_when_the_selection_would_leave_it() {
        assert_eq!(first_row(3, 10, 50), 0);
        assert_eq!(first_row(12, 10, 50), 3);
        assert_eq!(first_row(49, 10, 50), 40);
        assert_eq!(first_row(5, 10, 8), 0);
    }

    #[test]
    fn a_click_finds_its_tab() {
        let titles = vec!["1 One".to_string(), "2 Two".to_string()];
        assert_eq!(tab_at(0, &titles), Some(0));
        assert_eq!(tab_at(6, &titles), Some(0));
        assert_eq!(tab_at(8, &titles), Some(1));
        assert_eq!(tab_at(40, &titles), None);
    }
}
