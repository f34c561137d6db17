//! The caseload's columns and the order each sorts in. A column's first
//! order puts who needs attention first (red first, most hours behind
//! first, the oldest review first); reversed, the other way. Ties keep the
//! order given, by name. The app's list of people and `report --all --sort`
//! sort by the same keys.

use super::CaseloadLine;
use crate::domain::standing::Rag;
use std::cmp::Ordering;

/// A column of the caseload, in the order drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseloadColumn {
    Name,
    Framework,
    Month,
    Rag,
    NextCheckin,
    LastCheckin,
    HoursBehind,
    Warnings,
    OverdueActions,
    Gateway,
    Review,
}

impl CaseloadColumn {
    /// Every column, left to right, the name first.
    pub const ALL: [CaseloadColumn; 11] = [
        CaseloadColumn::Name,
        CaseloadColumn::Framework,
        CaseloadColumn::Month,
        CaseloadColumn::Rag,
        CaseloadColumn::NextCheckin,
        CaseloadColumn::LastCheckin,
        CaseloadColumn::HoursBehind,
        CaseloadColumn::Warnings,
        CaseloadColumn::OverdueActions,
        CaseloadColumn::Gateway,
        CaseloadColumn::Review,
    ];

    pub fn header(self) -> &'static str {
        match self {
            CaseloadColumn::Name => "Name",
            CaseloadColumn::Framework => "Framework",
            CaseloadColumn::Month => "Month",
            CaseloadColumn::Rag => "RAG",
            CaseloadColumn::NextCheckin => "Next check-in",
            CaseloadColumn::LastCheckin => "Last check-in",
            CaseloadColumn::HoursBehind => "Hours behind",
            CaseloadColumn::Warnings => "Warnings",
            CaseloadColumn::OverdueActions => "Overdue actions",
            CaseloadColumn::Gateway => "Gateway",
            CaseloadColumn::Review => "Review",
        }
    }

    /// As typed on the command line: `rag`, `hours-behind`.
    pub fn key(self) -> &'static str {
        match self {
            CaseloadColumn::Name => "name",
            CaseloadColumn::Framework => "framework",
            CaseloadColumn::Month => "month",
            CaseloadColumn::Rag => "rag",
            CaseloadColumn::NextCheckin => "next-checkin",
            CaseloadColumn::LastCheckin => "last-checkin",
            CaseloadColumn::HoursBehind => "hours-behind",
            CaseloadColumn::Warnings => "warnings",
            CaseloadColumn::OverdueActions => "overdue-actions",
            CaseloadColumn::Gateway => "gateway",
            CaseloadColumn::Review => "review",
        }
    }

    /// The column typed as `key`.
    pub fn from_key(key: &str) -> Option<CaseloadColumn> {
        Self::ALL.into_iter().find(|column| column.key() == key)
    }

    /// The column after this one of `columns` (those shown, in order),
    /// back to the first after the last or when this one is not among them.
    pub fn next_among(self, columns: &[CaseloadColumn]) -> CaseloadColumn {
        let next = columns
            .iter()
            .position(|c| *c == self)
            .map_or(0, |at| at + 1);
        columns
            .get(next)
            .or(columns.first())
            .copied()
            .unwrap_or(self)
    }

    /// Who comes first, in the first order and reversed.
    fn first(self) -> (&'static str, &'static str) {
        match self {
            CaseloadColumn::Name | CaseloadColumn::Framework => ("A to Z", "Z to A"),
            CaseloadColumn::Month => ("latest month first", "earliest month first"),
            CaseloadColumn::Rag => ("red first", "green first"),
            CaseloadColumn::NextCheckin => ("soonest first", "latest first"),
            CaseloadColumn::LastCheckin => ("oldest first", "newest first"),
            CaseloadColumn::HoursBehind
            | CaseloadColumn::Warnings
            | CaseloadColumn::OverdueActions => ("most first", "fewest first"),
            CaseloadColumn::Gateway => ("ready first", "most blockers first"),
            CaseloadColumn::Review => ("unsigned first", "settled first"),
        }
    }

    /// Whether the store orders by this column itself; any other is sorted
    /// from each person's standing.
    pub fn stored(self) -> bool {
        matches!(self, CaseloadColumn::Name | CaseloadColumn::NextCheckin)
    }
}

/// A column and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CaseloadOrder {
    pub column: CaseloadColumn,
    pub reversed: bool,
}

impl CaseloadOrder {
    pub fn first(column: CaseloadColumn) -> Self {
        CaseloadOrder {
            column,
            reversed: false,
        }
    }

    /// The next column of `columns`, in its first order.
    pub fn next_column(self, columns: &[CaseloadColumn]) -> Self {
        Self::first(self.column.next_among(columns))
    }

    pub fn reverse(self) -> Self {
        CaseloadOrder {
            reversed: !self.reversed,
            ..self
        }
    }

    /// In words: "by name", "RAG, red first".
    pub fn describe(self) -> String {
        let (first, reversed) = self.column.first();
        match (self.column, self.reversed) {
            (CaseloadColumn::Name, false) => "by name".to_string(),
            (CaseloadColumn::NextCheckin, false) => "next check-in first".to_string(),
            (CaseloadColumn::Rag, _) => {
                format!("RAG, {}", if self.reversed { reversed } else { first })
            }
            (column, _) => format!(
                "{}, {}",
                column.header().to_lowercase(),
                if self.reversed { reversed } else { first }
            ),
        }
    }

    /// The mark beside the column's header: ▲ while the smaller value
    /// (earlier date, fewer hours, A) comes first, ▼ while the larger does.
    pub fn arrow(self) -> &'static str {
        let larger_first = matches!(
            self.column,
            CaseloadColumn::Month
                | CaseloadColumn::Rag
                | CaseloadColumn::HoursBehind
                | CaseloadColumn::Warnings
                | CaseloadColumn::OverdueActions
                | CaseloadColumn::Review
        );
        if larger_first != self.reversed {
            "▼"
        } else {
            "▲"
        }
    }
}

/// What a line sorts by in its column's first order: the smaller first.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum OrderKey {
    Number(i64),
    Text(String),
}

/// The key of `line` in `column`.
pub fn order_key(line: &CaseloadLine, column: CaseloadColumn) -> OrderKey {
    let days = |day: chrono::NaiveDate| i64::from(chrono::Datelike::num_days_from_ce(&day));
    let number = match column {
        CaseloadColumn::Name => return OrderKey::Text(line.name.to_lowercase()),
        CaseloadColumn::Framework => return OrderKey::Text(line.framework.to_lowercase()),
        CaseloadColumn::Month => -i64::from(line.month_of_programme),
        CaseloadColumn::Rag => match line.rag {
            Rag::Red => 0,
            Rag::Amber => 1,
            Rag::Green => 2,
        },
        CaseloadColumn::NextCheckin => days(line.next_checkin_due),
        // Never reviewed is the oldest of all.
        CaseloadColumn::LastCheckin => line.last_checkin.map_or(i64::MIN, days),
        // Tenths of an hour, as shown.
        CaseloadColumn::HoursBehind => -((line.hours_behind * 10.0).round() as i64),
        CaseloadColumn::Warnings => -(line.warnings as i64),
        CaseloadColumn::OverdueActions => -(line.overdue_actions as i64),
        // Ready, then the fewest blockers; a framework without a gateway last.
        CaseloadColumn::Gateway => match line.gateway_ready {
            Some(true) => 0,
            Some(false) => 1 + line.gateway_blockers as i64,
            None => i64::MAX,
        },
        CaseloadColumn::Review => {
            if !line.awaiting_signatures.is_empty() {
                0
            } else if line.drafts > 0 {
                1
            } else {
                2
            }
        }
    };
    OrderKey::Number(number)
}

/// Sorts `items` by their keys, stable: the first order, or reversed. An
/// item without a key (records that could not be judged) comes first
/// either way, to be looked at.
pub fn sort_by_order_key<T>(
    items: &mut [T],
    key: impl Fn(&T) -> Option<&OrderKey>,
    reversed: bool,
) {
    items.sort_by(|a, b| match (key(a), key(b)) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(a), Some(b)) if reversed => b.cmp(a),
        (Some(a), Some(b)) => a.cmp(b),
    });
}

/// Sorts caseload lines in `order`; ties keep the order given.
pub fn sort_caseload(lines: &mut Vec<CaseloadLine>, order: CaseloadOrder) {
    let mut keyed: Vec<(OrderKey, CaseloadLine)> = std::mem::take(lines)
        .into_iter()
        .map(|line| (order_key(&line, order.column), line))
        .collect();
    sort_by_order_key(&mut keyed, |(key, _)| Some(key), order.reversed);
    *lines = keyed.into_iter().map(|(_, line)| line).collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn line(name: &str, rag: Rag, hours_behind: f64, last: Option<&str>) -> CaseloadLine {
        let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        CaseloadLine {
            id: 1,
            name: name.to_string(),
            framework: "f".to_string(),
            month_of_programme: 3,
            rag,
            next_checkin_due: day("2027-01-01").unwrap_or_default(),
            checkin_overdue: false,
            last_checkin: last.and_then(day),
            hours_behind,
            overdue_actions: 0,
            awaiting_signatures: Vec::new(),
            gateway_ready: Some(false),
            gateway_blockers: 2,
            warnings: 0,
            drafts: 0,
        }
    }

    fn names(lines: &[CaseloadLine]) -> Vec<&str> {
        lines.iter().map(|l| l.name.as_str()).collect()
    }

    #[test]
    fn red_comes_first_and_ties_keep_their_order() {
        let mut lines = vec![
            line("Amy", Rag::Green, 0.0, None),
            line("Ben", Rag::Red, 0.0, None),
            line("Cat", Rag::Amber, 0.0, None),
            line("Dev", Rag::Red, 0.0, None),
        ];
        sort_caseload(&mut lines, CaseloadOrder::first(CaseloadColumn::Rag));
        assert_eq!(names(&lines), ["Ben", "Dev", "Cat", "Amy"]);
        sort_caseload(
            &mut lines,
            CaseloadOrder::first(CaseloadColumn::Rag).reverse(),
        );
        assert_eq!(names(&lines), ["Amy", "Cat", "Ben", "Dev"]);
    }

    #[test]
    fn most_hours_behind_first_and_never_reviewed_is_oldest() {
        let mut lines = vec![
            line("Amy", Rag::Green, 2.5, Some("2026-10-01")),
            line("Ben", Rag::Green, 12.0, None),
            line("Cat", Rag::Green, 0.0, Some("2026-08-01")),
        ];
        sort_caseload(
            &mut lines,
            CaseloadOrder::first(CaseloadColumn::HoursBehind),
        );
        assert_eq!(names(&lines), ["Ben", "Amy", "Cat"]);
        sort_caseload(
            &mut lines,
            CaseloadOrder::first(CaseloadColumn::LastCheckin),
        );
        assert_eq!(names(&lines), ["Ben", "Cat", "Amy"]);
    }

    #[test]
    fn unjudged_records_come_first_either_way() {
        let mut items = vec![
            (Some(OrderKey::Number(2)), "b"),
            (None, "x"),
            (Some(OrderKey::Number(1)), "a"),
        ];
        sort_by_order_key(&mut items, |(key, _)| key.as_ref(), true);
        let order: Vec<&str> = items.iter().map(|(_, name)| *name).collect();
        assert_eq!(order, ["x", "b", "a"]);
    }

    #[test]
    fn orders_read_in_words_with_their_arrow() {
        let rag = CaseloadOrder::first(CaseloadColumn::Rag);
        assert_eq!(rag.describe(), "RAG, red first");
        assert_eq!(rag.arrow(), "▼");
        assert_eq!(rag.reverse().describe(), "RAG, green first");
        let last = CaseloadOrder::first(CaseloadColumn::LastCheckin);
        assert_eq!(last.describe(), "last check-in, oldest first");
        assert_eq!(last.arrow(), "▲");
        let shown = [
            CaseloadColumn::Name,
            CaseloadColumn::Rag,
            CaseloadColumn::Review,
        ];
        assert_eq!(
            CaseloadOrder::first(CaseloadColumn::Review).next_column(&shown),
            CaseloadOrder::first(CaseloadColumn::Name)
        );
        assert_eq!(
            CaseloadOrder::first(CaseloadColumn::Month).next_column(&shown),
            CaseloadOrder::first(CaseloadColumn::Name)
        );
        assert_eq!(
            CaseloadOrder::first(CaseloadColumn::Name).next_column(&shown),
            CaseloadOrder::first(CaseloadColumn::Rag)
        );
    }
}
