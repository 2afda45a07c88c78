//! Coarser values that keep some use: a date to its year, a postcode to its
//! leading characters (what HIPAA's Safe Harbor allows for both).

use crate::policy::Generalization;

/// Appends what `generalize` writes for `text`: the year of a date (a value
/// without exactly one year becomes `[DATE_TIME]`), or the first `chars`
/// letters and digits of a postcode (default 3) with the rest masked.
///
/// ```
/// use pii_mask::{ops::generalize, policy::Generalization};
/// let mut out = Vec::new();
/// generalize("SW1A 2AA", Generalization::Prefix, None, &mut out);
/// assert_eq!(out, b"SW1* ***");
/// ```
pub fn generalize(text: &str, to: Generalization, chars: Option<usize>, out: &mut Vec<u8>) {
    match to {
        Generalization::Year => to_year(text, out),
        Generalization::Prefix => to_prefix(text, chars.unwrap_or(3), out),
    }
}

/// The one year (1000 to 2999) written in a date, if there is exactly one
/// four-digit number of that kind in it. Two-digit years are ambiguous and
/// give `None`.
pub(crate) fn year_of(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut found = None;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - start == 4 && matches!(bytes[start], b'1' | b'2') {
            if found.is_some() {
                return None;
            }
            found = Some(&text[start..i]);
        }
    }
    found
}

/// A date as its year; a value without one year is redacted whole.
fn to_year(text: &str, out: &mut Vec<u8>) {
    match year_of(text) {
        Some(year) => out.extend_from_slice(year.as_bytes()),
        None => out.extend_from_slice(b"[DATE_TIME]"),
    }
}

/// The first `keep` letters and digits stay; the others become `*`
/// (separators stay, so "SW1A 2AA" becomes "SW1* ***").
fn to_prefix(text: &str, keep: usize, out: &mut Vec<u8>) {
    let mut seen = 0;
    for c in text.chars() {
        if c.is_alphanumeric() {
            seen += 1;
            if seen > keep {
                out.push(b'*');
                continue;
            }
        }
        let mut buf = [0; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(s: &str) -> String {
        let mut out = Vec::new();
        to_year(s, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn dates_become_their_year() {
        assert_eq!(year("1984-03-07"), "1984");
        assert_eq!(year("07/03/1984"), "1984");
        assert_eq!(year("7. März 1984"), "1984");
        assert_eq!(year("March 7, 1984"), "1984");
        assert_eq!(year("07/03/84"), "[DATE_TIME]");
        assert_eq!(year("1984 to 1990"), "[DATE_TIME]");
        assert_eq!(year("19840307"), "[DATE_TIME]");
    }

    #[test]
    fn postcodes_keep_their_lead() {
        let prefix = |s: &str, n| {
            let mut out = Vec::new();
            to_prefix(s, n, &mut out);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(prefix("94103", 3), "941**");
        assert_eq!(prefix("SW1A 2AA", 3), "SW1* ***");
        assert_eq!(prefix("1017 GC", 3), "101* **");
        assert_eq!(prefix("", 3), "");
    }
}
