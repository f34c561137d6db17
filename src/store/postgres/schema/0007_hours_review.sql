-- 0007: an assessor's review of an hours entry, as SQLite's migration 0011:
-- accepted, or queried with a reason. One row per entry; no row means the
-- entry is not yet reviewed.

CREATE TABLE hours_review (
    hours_id    bigint PRIMARY KEY REFERENCES hours_entry (id),
    state       text NOT NULL CHECK (state IN ('accepted', 'queried')),
    reason      text CHECK ((state = 'queried') = (reason IS NOT NULL)),
    reviewed_by bigint NOT NULL REFERENCES person (id),
    reviewed_at timestamptz NOT NULL
);
