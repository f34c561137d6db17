//! The gateway sign-off in words, a line each: who signed and when, who is
//! awaited, and whether it is sealed. Shared by the report, `gateway show`
//! and the app.

use crate::domain::{SignoffStanding, day_of};

/// "signed by Jo Reid, employer, on 2026-11-21", "awaiting the assessor's
/// signature", then "sealed on 2026-11-21, seal 3f9a…" or "not sealed".
pub fn signoff_lines(signoff: &SignoffStanding) -> Vec<String> {
    let mut lines: Vec<String> = signoff
        .signed
        .iter()
        .map(|signature| {
            format!(
                "signed by {}, {}, on {}",
                signature.name,
                signature.party.as_str(),
                day_of(&signature.at)
            )
        })
        .collect();
    lines.extend(
        signoff
            .awaiting
            .iter()
            .map(|party| format!("awaiting the {}'s signature", party.as_str())),
    );
    lines.push(match &signoff.sealed {
        Some(seal) => format!("sealed on {}, seal {}", day_of(&seal.at), seal.hash),
        None => "not sealed".to_string(),
    });
    lines
}

/// One phrase for where it stands: "sealed on 2026-11-21" or "awaiting
/// employer and apprentice signatures".
pub fn signoff_state(signoff: &SignoffStanding) -> String {
    match signoff.sealed_on() {
        Some(day) => format!("sealed on {day}"),
        None => format!(
            "awaiting {}",
            crate::domain::signature_words(&signoff.awaiting)
        ),
    }
}
