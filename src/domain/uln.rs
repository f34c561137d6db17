//! The unique learner number (ULN): ten digits, the first not zero, the last
//! a check digit. The check, as HESA's data standard describes it (Student
//! record, field "Unique Learner Number"): the digits weighted 10 down to 1
//! sum to a remainder of 10 when divided by 11.

/// The ULN as stored, or why the text is not one.
pub fn check_uln(text: &str) -> Result<String, String> {
    let uln: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if uln.len() != 10 || !uln.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("`{}` is not ten digits", text.trim()));
    }
    if uln.starts_with('0') {
        return Err(format!("{uln} begins with 0; a ULN never does"));
    }
    let weighted: u32 = uln
        .bytes()
        .zip((1..=10).rev())
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    if weighted % 11 != 10 {
        return Err(format!(
            "{uln} fails the ULN check digit: check it was copied correctly"
        ));
    }
    Ok(uln)
}

#[cfg(test)]
mod tests {
    use super::check_uln;

    #[test]
    fn the_published_example_is_accepted() {
        assert_eq!(check_uln("9276308686").as_deref(), Ok("9276308686"));
        assert_eq!(check_uln(" 92763 08686 ").as_deref(), Ok("9276308686"));
    }

    #[test]
    fn a_mistyped_digit_fails_the_check() {
        let error = check_uln("9276308687").unwrap_err();
        assert!(error.contains("check digit"), "{error}");
        // Two neighbouring digits swapped.
        assert!(check_uln("2976308686").is_err());
    }

    #[test]
    fn wrong_shapes_are_refused_with_the_reason() {
        assert!(check_uln("927630868").unwrap_err().contains("ten digits"));
        assert!(check_uln("92763O8686").unwrap_err().contains("ten digits"));
        assert!(
            check_uln("0276308686")
                .unwrap_err()
                .contains("begins with 0")
        );
    }
}
