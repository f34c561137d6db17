//! Enums stored and typed as words: one declaration gives the stored word
//! (snake_case), the parser (which also takes kebab-case, as typed on the
//! command line) and the list of accepted words for error messages.

/// Declares `enum $name { $variant => "word", ... }` with `as_str`, `parse`,
/// `ALL` and `Display`.
#[macro_export]
macro_rules! text_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word stored in the database.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// Reads the stored word, or the same word with `-` for `_`.
            pub fn parse(text: &str) -> Option<$name> {
                let word = text.trim().replace('-', "_");
                $name::ALL.iter().copied().find(|value| value.as_str() == word)
            }

            /// The words a user may type, for error messages.
            pub fn choices() -> String {
                $name::ALL.iter().map(|value| value.as_str().replace('_', "-")).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.as_str().replace('_', " "))
            }
        }
    };
}
