//! The list of people as far as it is on screen: how many there are, and
//! the rows around the ones shown, read from the store a window at a time.
//! Moving the selection reads only when the rows to show are not held.

use crate::domain::{PersonId, PersonSummary};
use crate::framework::Registry;
use crate::ops::person_record;
use crate::report::{CaseloadColumn, CaseloadLine, CaseloadOrder, order_key, sort_by_order_key};
use crate::store::{CheckinIntervals, NameAnchor, PeopleFilter, Store, StoreError};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

#[derive(Debug, Default)]
pub struct PeopleWindow {
    /// How many people the list holds, as filtered.
    pub total: usize,
    /// The list position of `rows[0]`.
    pub start: usize,
    pub rows: Vec<PersonSummary>,
    /// In any order but by name, or narrowed by a name: every listed id in
    /// order. The next-check-in order is worked out from check-ins, the
    /// other columns from each person's standing, and a name is matched
    /// anywhere in it, so no index serves any of them a window at a time;
    /// the ids are worked out once, away from the keys.
    listed: Option<Rc<[PersonId]>>,
    /// Lists worked out, kept until the records change: switching the
    /// order back and forth, or the filter, costs one working out each.
    known: HashMap<ListKey, Rc<[PersonId]>>,
    /// How many the unfiltered list by name holds, kept until the records change.
    whole_total: Option<usize>,
    /// The list asked for and not yet worked out: until it is, the list
    /// shown is the one before.
    pub waiting_for: Option<ListKey>,
    /// The list shown.
    shown: Option<ListKey>,
}

/// Which list: whose, narrowed by what, in which order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListKey {
    pub assessor: Option<PersonId>,
    pub name_contains: String,
    pub order: CaseloadOrder,
}

impl ListKey {
    pub fn filter(&self) -> PeopleFilter<'_> {
        PeopleFilter {
            assessor: self.assessor,
            name_contains: &self.name_contains,
        }
    }

    /// The unfiltered list by name is read from the name index a window at
    /// a time; any other is a list of ids worked out first.
    fn read_by_window(&self) -> bool {
        self.order == CaseloadOrder::first(CaseloadColumn::Name) && self.name_contains.is_empty()
    }

    /// Works out the listed ids in order: what the list costs beyond the
    /// rows on screen. `intervals` gives each framework's check-in
    /// interval; a column the store cannot order by costs a standing per
    /// person listed, as of `today`.
    pub fn work_out(
        &self,
        store: &Store,
        registry: &Registry,
        intervals: CheckinIntervals,
        today: NaiveDate,
    ) -> Result<Vec<PersonId>, StoreError> {
        let column = self.order.column;
        let mut ids = match column {
            CaseloadColumn::NextCheckin => {
                store.listed_ids_by_next_checkin(self.filter(), intervals)?
            }
            _ => store.listed_ids_by_name(self.filter())?,
        };
        if column.stored() {
            if self.order.reversed {
                ids.reverse();
            }
            return Ok(ids);
        }
        // Kept small: each person's key, not their whole line.
        let mut keyed: Vec<_> = ids
            .into_iter()
            .map(|id| {
                let key = person_record(store, registry, id, today)
                    .ok()
                    .map(|record| {
                        order_key(&CaseloadLine::from_standing(&record.standing), column)
                    });
                (id, key)
            })
            .collect();
        sort_by_order_key(&mut keyed, |(_, key)| key.as_ref(), self.order.reversed);
        Ok(keyed.into_iter().map(|(id, _)| id).collect())
    }
}

impl PeopleWindow {
    /// Shows the list `key` from its top, dropping the rows held: after a
    /// change, or a new filter or order. Returns the key when its ids must
    /// be worked out first (`worked_out` brings them); until then the list
    /// before stays on screen.
    pub fn reset(&mut self, store: &Store, key: ListKey) -> Result<Option<ListKey>, StoreError> {
        if key.read_by_window() {
            let total = match self.whole_total {
                Some(total) => total,
                None => store.count_listed(key.filter())?,
            };
            self.whole_total = Some(total);
            self.waiting_for = None;
            self.install(key, None, total);
            return Ok(None);
        }
        if let Some(ids) = self.known.get(&key).cloned() {
            self.waiting_for = None;
            let total = ids.len();
            self.install(key, Some(ids), total);
            return Ok(None);
        }
        self.waiting_for = Some(key.clone());
        Ok(Some(key))
    }

    /// The ids of list `key`, worked out: shown when it is the list waited
    /// for (then true), kept for later otherwise.
    pub fn worked_out(&mut self, key: ListKey, ids: Vec<PersonId>) -> bool {
        let ids: Rc<[PersonId]> = ids.into();
        self.known.insert(key.clone(), Rc::clone(&ids));
        if self.waiting_for.as_ref() != Some(&key) {
            return false;
        }
        self.waiting_for = None;
        let total = ids.len();
        self.install(key, Some(ids), total);
        true
    }

    /// The list shown, once one is.
    pub fn shown(&self) -> Option<&ListKey> {
        self.shown.as_ref()
    }

    /// Whether list `key` is worked out already.
    pub fn knows(&self, key: &ListKey) -> bool {
        key.read_by_window() || self.known.contains_key(key)
    }

    fn install(&mut self, key: ListKey, listed: Option<Rc<[PersonId]>>, total: usize) {
        self.shown = Some(key);
        self.rows.clear();
        self.start = 0;
        self.listed = listed;
        self.total = total;
    }

    /// Forgets everything read, for records that have changed.
    pub fn forget(&mut self) {
        *self = PeopleWindow::default();
    }

    /// Holds the rows at `shown` (list positions), reading them with
    /// `margin` rows either side when they are not all held already. Rows
    /// held that are still wanted are kept: only the others are read.
    pub fn show(
        &mut self,
        store: &Store,
        shown: Range<usize>,
        margin: usize,
    ) -> Result<(), StoreError> {
        let shown = shown.start.min(self.total)..shown.end.min(self.total);
        if self.holds(&shown) {
            return Ok(());
        }
        let Some(key) = self.shown.clone() else {
            return Ok(());
        };
        let wanted = shown.start.saturating_sub(margin)..(shown.end + margin).min(self.total);
        let held = self.start..self.start + self.rows.len();
        let missing = if held.contains(&wanted.start) {
            held.end..wanted.end
        } else if wanted.end > held.start && wanted.end <= held.end {
            wanted.start..held.start
        } else {
            wanted.clone()
        };
        let read = match &self.listed {
            Some(ids) => store.listed_with_ids(&ids[missing.clone()])?,
            None => self.read_by_name(store, key.filter(), &missing)?,
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
