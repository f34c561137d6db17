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

    /// Starts a read-only transaction that sees the database as it stands.
    pub fn begin_snapshot(self) -> &'static str {
        match self {
            Dialect::Sqlite => "BEGIN",
            Dialect::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
        }
    }

    /// The names of the database's own tables.
    pub fn tables(self) -> &'static str {
        match self {
            Dialect::Sqlite => {
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
            }
            Dialect::Postgres => {
                "SELECT CAST(tablename AS text) FROM pg_tables WHERE schemaname = current_schema()"
            }
        }
    }

    /// The login, and whether it reads and writes every row: on a server,
    /// row-level security holds every login but the tables' owner (and
    /// superusers) to the rows of the people it reaches. A file has no
    /// logins.
    pub fn reaches_every_row(self) -> Option<&'static str> {
        match self {
            Dialect::Sqlite => None,
            Dialect::Postgres => Some(
                "SELECT CAST(current_user AS text),
                        (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user)
                        OR NOT EXISTS (
                            SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                            WHERE n.nspname = current_schema() AND c.relkind = 'r'
                              AND c.relrowsecurity
                              AND NOT pg_has_role(current_user, c.relowner, 'USAGE'))",
            ),
        }
    }

    /// What gathers the planner's statistics after a bulk load: a server's
    /// fresh tables have none until its autovacuum comes round, and its
    /// plans are guesses until then.
    pub fn statistics_after_load(self) -> Option<&'static str> {
        match self {
            Dialect::Sqlite => None,
            Dialect::Postgres => Some("ANALYZE"),
        }
    }

    /// Moves the identity of `table`'s `id` past the largest id in it, so
    /// new rows after rows written with their ids take new ones. SQLite
    /// gives a new row the largest id plus one by itself.
    pub fn identity_past_max(self, table: &str) -> Option<String> {
        match self {
            Dialect::Sqlite => None,
            Dialect::Postgres => Some(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table} HAVING count(*) > 0"
            )),
        }
    }
}
