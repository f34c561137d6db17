//! The gateway sign-off in words, a line each: who signed and when, who is
//! awaited, and whether it is sealed. Shared by the report, `gateway show`
//! and the app.

use crate::domain::{SignoffStanding, day_of, signature_words};

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

/// One phrase for where it stands: "sealed on 2026-11-21", "awaiting
/// employer and apprentice signatures", or, while nobody may sign yet
/// (`ready`: every gateway rule is met), that it opens then.
pub fn signoff_state(signoff: &SignoffStanding, ready: bool) -> String {
    match signoff.sealed_on() {
        Some(day) => format!("sealed on {day}"),
        None if !ready && signoff.signed.is_empty() => {
            "opens once every gateway rule is met".to_string()
        }
        None => format!("awaiting {}", signature_words(&signoff.awaiting)),
    }
}

/// Whether signatures are being gathered or were: the sign-off's lines
/// say something beyond its state.
pub fn signoff_open(signoff: &SignoffStanding, ready: bool) -> bool {
    ready || !signoff.signed.is_empty() || signoff.sealed.is_some()
}
