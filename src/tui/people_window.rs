//! The list of people as far as it is on screen: how many there are, and
//! the rows around the ones shown, read from the store a window at a time.
//! Moving the selection reads only when the rows to show are not held.

use crate::domain::{PersonId, PersonSummary};
use crate::store::{CheckinIntervals, NameAnchor, PeopleFilter, Store, StoreError};
use std::ops::Range;
use std::rc::Rc;

#[derive(Debug, Default)]
pub struct PeopleWindow {
    /// How many people the list holds, as filtered.
    pub total: usize,
    /// The list position of `rows[0]`.
    pub start: usize,
    pub rows: Vec<PersonSummary>,
    /// In next-check-in order, every listed id in that order: the order is
    /// worked out from check-ins, so no index can serve it a window at a time.
    due_order: Option<Rc<[PersonId]>>,
    /// The unfiltered next-check-in order, kept until the records change:
    /// switching the order back and forth costs one ordering.
    whole_due_order: Option<Rc<[PersonId]>>,
    /// How many the unfiltered list holds, kept until the records change.
    whole_total: Option<usize>,
}

/// How the list is ordered and narrowed.
#[derive(Debug, Clone, Copy)]
pub struct ListQuery<'a> {
    pub filter: PeopleFilter<'a>,
    /// Next check-in due first when set, else by name.
    pub by_due: Option<CheckinIntervals<'a>>,
}

impl PeopleWindow {
    /// Counts the list afresh (and orders it, by next check-in) and drops
    /// the rows held: after a change, or a new filter or order.
    pub fn reset(&mut self, store: &Store, query: ListQuery) -> Result<(), StoreError> {
        self.rows.clear();
        self.start = 0;
        self.due_order = match query.by_due {
            Some(intervals) => Some(self.due_order(store, query.filter, intervals)?),
            None => None,
        };
        let whole = query.filter.name_contains.is_empty();
        self.total = match (&self.due_order, self.whole_total) {
            (Some(ids), _) => ids.len(),
            (None, Some(total)) if whole => total,
            (None, _) => store.count_listed(query.filter)?,
        };
        if whole {
            self.whole_total = Some(self.total);
        }
        Ok(())
    }

    /// Forgets everything read, for records that have changed.
    pub fn forget(&mut self) {
        *self = PeopleWindow::default();
    }

    fn due_order(
        &mut self,
        store: &Store,
        filter: PeopleFilter,
        intervals: CheckinIntervals,
    ) -> Result<Rc<[PersonId]>, StoreError> {
        let whole = filter.name_contains.is_empty();
        if let Some(ids) = self.whole_due_order.as_ref().filter(|_| whole) {
            return Ok(Rc::clone(ids));
        }
        let ids: Rc<[PersonId]> = store.listed_ids_by_next_checkin(filter, intervals)?.into();
        if whole {
            self.whole_due_order = Some(Rc::clone(&ids));
        }
        Ok(ids)
    }

    /// Holds the rows at `shown` (list positions), reading them with
    /// `margin` rows either side when they are not all held already. Rows
    /// held that are still wanted are kept: only the others are read.
    pub fn show(
        &mut self,
        store: &Store,
        query: ListQuery,
        shown: Range<usize>,
        margin: usize,
    ) -> Result<(), StoreError> {
        let shown = shown.start.min(self.total)..shown.end.min(self.total);
        if self.holds(&shown) {
            return Ok(());
        }
        let wanted = shown.start.saturating_sub(margin)..(shown.end + margin).min(self.total);
        let held = self.start..self.start + self.rows.len();
        let missing = if held.contains(&wanted.start) {
            held.end..wanted.end
        } else if wanted.end > held.start && wanted.end <= held.end {
            wanted.start..held.start
        } else {
            wanted.clone()
        };
        let read = match &self.due_order {
            Some(ids) => store.listed_with_ids(&ids[missing.clone()])?,
            None => self.read_by_name(store, query.filter, &missing)?,
        };
        let mut rows = std::mem::take(&mut self.rows);
        if missing.start == held.end && missing != wanted {
            rows.drain(..wanted.start - held.start);
            rows.extend(read);
        } else if missing.end == held.start && missing != wanted {
            rows.truncate(wanted.end - held.start);
            rows.splice(0..0, read);
        } else {
            rows = read;
        }
        self.start = wanted.start;
        self.rows = rows;
        Ok(())
    }

    fn holds(&self, shown: &Range<usize>) -> bool {
        shown.is_empty() || (shown.start >= self.start && shown.end <= self.start + self.rows.len())
    }

    /// Reads `wanted` from the nearest place whose position is known: the
    /// ends of the list or a row held now, so a move costs what it moves.
    fn read_by_name(
        &self,
        store: &Store,
        filter: PeopleFilter,
        wanted: &Range<usize>,
    ) -> Result<Vec<PersonSummary>, StoreError> {
        let take = wanted.len();
        let held = self.start..self.start + self.rows.len();
        let mut best = (NameAnchor::First, wanted.start);
        let mut consider = |anchor, skip: usize| {
            if skip < best.1 {
                best = (anchor, skip);
            }
        };
        consider(NameAnchor::Last, self.total - wanted.end);
        // The held row nearest before the window, or nearest after it.
        if !held.is_empty() && held.start < wanted.start {
            let at = (wanted.start - 1).min(held.end - 1);
            consider(
                NameAnchor::After(&self.rows[at - self.start]),
                wanted.start - at - 1,
            );
        }
        if !held.is_empty() && held.end > wanted.end {
            let at = wanted.end.max(held.start);
            consider(
                NameAnchor::Before(&self.rows[at - self.start]),
                at - wanted.end,
            );
        }
        store.listed_by_name(filter, best.0, best.1, take)
    }

    /// The person at list position `position`, when held.
    pub fn at(&self, position: usize) -> Option<&PersonSummary> {
        self.rows.get(position.checked_sub(self.start)?)
    }

    /// The rows held of `positions`.
    pub fn slice(&self, positions: Range<usize>) -> &[PersonSummary] {
        let from = positions
            .start
            .saturating_sub(self.start)
            .min(self.rows.len());
        let to = positions
            .end
            .saturating_sub(self.start)
            .clamp(from, self.rows.len());
        &self.rows[from..to]
    }
}
