//! People the tracker knows: apprentices (or other learners) and assessors.

use chrono::NaiveDate;
use serde::Serialize;

/// A person's row id in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PersonId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Apprentice,
    Assessor,
}

impl Role {
    /// The word stored in the database and shown to people.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Apprentice => "apprentice",
            Role::Assessor => "assessor",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "apprentice" => Some(Role::Apprentice),
            "assessor" => Some(Role::Assessor),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub role: Role,
    pub date_of_birth: Option<NaiveDate>,
    pub employer: Option<String>,
    pub assessor_id: Option<PersonId>,
}

/// Why a typed name cannot be stored as it is.
pub fn check_name(name: &str) -> Result<&str, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("a name cannot be empty".into());
    }
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Err(format!(
            "a name cannot contain control characters (found U+{:04X})",
            c as u32
        ));
    }
    if name.chars().count() > 100 {
        return Err("a name can be at most 100 characters".into());
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_control_characters_refused() {
        assert_eq!(check_name("  Amy Clark "), Ok("Amy Clark"));
        assert!(check_name("   ").is_err());
        assert!(check_name("Amy\u{1b}[31m").unwrap_err().contains("U+001B"));
    }
}
