//! What truly differs between the engines' SQL, in one place: matching and
//! ordering names ignoring case, case-blind `LIKE`, a list of ids bound as
//! one value, date arithmetic, and the order rows were written in.
//! Everything else is written once in SQL both engines read alike.

/// The engine a statement is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// A name as names are ordered and compared: ignoring ASCII case, then
    /// byte by byte. PostgreSQL's form is the one its name indexes hold.
    pub fn nocase(self, column: &str) -> String {
        match self {
            Dialect::Sqlite => format!("{column} COLLATE NOCASE"),
            Dialect::Postgres => format!("lower({column}) COLLATE \"C\""),
        }
    }

    /// A value compared with a `nocase` column.
    pub fn nocase_value(self, value: &str) -> String {
        match self {
            Dialect::Sqlite => value.to_string(),
            Dialect::Postgres => format!("lower({value})"),
        }
    }

    /// `column` matches `pattern` (escaped with `\`), ignoring ASCII case.
    pub fn like(self, column: &str, pattern: &str) -> String {
        match self {
            Dialect::Sqlite => format!("{column} LIKE {pattern} ESCAPE '\\'"),
            Dialect::Postgres => format!("lower({column}) LIKE lower({pattern}) ESCAPE '\\'"),
        }
    }

    /// `column` contains `part`, ignoring ASCII case.
    pub fn contains(self, column: &str, part: &str) -> String {
        match self {
            Dialect::Sqlite => format!("instr(lower({column}), lower({part})) > 0"),
            Dialect::Postgres => format!("strpos(lower({column}), lower({part})) > 0"),
        }
    }

    /// `column` is one of the ids in `list`, a JSON array bound as text.
    pub fn in_id_list(self, column: &str, list: &str) -> String {
        match self {
            Dialect::Sqlite => format!("{column} IN (SELECT value FROM json_each({list}))"),
            Dialect::Postgres => format!(
                "{column} IN (SELECT CAST(value AS bigint) FROM json_array_elements_text(CAST(CAST({list} AS text) AS json)))"
            ),
        }
    }

    /// The date `days` (an integer expression) after `date`.
    pub fn add_days(self, date: &str, days: &str) -> String {
        match self {
            Dialect::Sqlite => format!("date({date}, '+' || ({days}) || ' days')"),
            Dialect::Postgres => format!("({date} + CAST(({days}) AS integer))"),
        }
    }

    /// Rows of append-only table `alias` in the order they were written,
    /// for ties between rows written at the same moment.
    pub fn written_order(self, alias: &str) -> String {
        match self {
            Dialect::Sqlite => format!("{alias}.rowid"),
            Dialect::Postgres => format!("{alias}.ctid"),
        }
    }
}
