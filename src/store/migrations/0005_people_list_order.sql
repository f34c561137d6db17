-- 0005: the list of people is read a screenful at a time, in order of name
-- (ignoring case, then id), for everyone or for one assessor's caseload:
-- these indexes let each screenful be found without sorting everyone.

CREATE INDEX person_by_name ON person (name COLLATE NOCASE, id);
CREATE INDEX person_by_assessor_and_name ON person (assessor_id, name COLLATE NOCASE, id);
