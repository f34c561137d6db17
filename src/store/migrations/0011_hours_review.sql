-- 0011: an assessor's review of an hours entry: accepted, or queried with
-- a reason. One row per entry, changed as the review moves on (history
-- keeps every step); no row means the entry is not yet reviewed.

CREATE TABLE hours_review (
    hours_id    INTEGER PRIMARY KEY REFERENCES hours_entry (id),
    state       TEXT NOT NULL CHECK (state IN ('accepted', 'queried')),
    -- Why it was queried; only a query has one.
    reason      TEXT CHECK ((state = 'queried') = (reason IS NOT NULL)),
    reviewed_by INTEGER NOT NULL REFERENCES person (id),
    reviewed_at TEXT NOT NULL
) STRICT;
