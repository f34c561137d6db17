//! What the hours chart shows: bars by week or by month, or the running
//! total against what is expected; and how far back it is scrolled.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChartView {
    #[default]
    Weeks,
    Months,
    /// The running total of hours that count, against the expected line.
    Running,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct HoursChart {
    pub view: ChartView,
    /// Periods scrolled back from the latest (bar views only).
    pub back: usize,
}

impl HoursChart {
    /// Weeks, then months, then the running total, then weeks again.
    pub fn next_view(&mut self) {
        self.view = match self.view {
            ChartView::Weeks => ChartView::Months,
            ChartView::Months => ChartView::Running,
            ChartView::Running => ChartView::Weeks,
        };
        self.back = 0;
    }

    /// Earlier periods, as far as the start of the programme (`periods`
    /// is how many there are up to today; `shown` how many fit).
    pub fn earlier(&mut self, periods: usize, shown: usize) {
        self.back = (self.back + shown.max(1)).min(periods.saturating_sub(shown));
    }

    pub fn later(&mut self, shown: usize) {
        self.back = self.back.saturating_sub(shown.max(1));
    }

    pub fn by_month(self) -> bool {
        self.view == ChartView::Months
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_stops_at_the_start_and_at_today() {
        let mut chart = HoursChart::default();
        chart.earlier(30, 9);
        assert_eq!(chart.back, 9);
        chart.earlier(30, 9);
        chart.earlier(30, 9);
        assert_eq!(chart.back, 21, "no further back than the first week");
        chart.later(9);
        chart.later(9);
        chart.later(9);
        assert_eq!(chart.back, 0);
        chart.earlier(5, 9);
        assert_eq!(chart.back, 0, "everything fits: nothing to scroll");
    }
}
