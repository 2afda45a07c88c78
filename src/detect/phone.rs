//! International phone numbers checked against national numbering plans:
//! the country code, the length of the national number and its first digit,
//! for the common countries (from the ITU's national numbering plans as
//! Google's libphonenumber summarises them). Country codes are prefix-free,
//! so a number starting with a listed code is that country's.

/// (country code, shortest and longest national number, allowed first digits
/// or "" for any).
#[rustfmt::skip]
const PLANS: &[(&str, u8, u8, &str)] = &[
    ("1", 10, 10, "23456789"), ("7", 10, 10, "3456789"), ("20", 8, 10, ""), ("27", 9, 9, "12345678"),
    ("30", 10, 10, "23456789"), ("31", 9, 9, "123456789"), ("32", 8, 9, "123456789"),
    ("33", 9, 9, "123456789"), ("34", 9, 9, "56789"), ("36", 8, 9, ""), ("39", 6, 11, "0123"),
    ("40", 9, 9, "234567"), ("41", 9, 9, "23456789"), ("43", 4, 13, ""), ("44", 9, 10, "123456789"),
    ("45", 8, 8, ""), ("46", 7, 10, "123456789"), ("47", 8, 8, "23456789"), ("48", 9, 9, ""),
    ("49", 6, 13, "123456789"), ("51", 8, 9, ""), ("52", 10, 10, ""), ("54", 10, 11, ""),
    ("55", 10, 11, "123456789"), ("56", 9, 9, ""), ("57", 10, 10, ""), ("58", 10, 10, ""),
    ("60", 8, 10, ""), ("61", 9, 9, "2345789"), ("62", 8, 12, ""), ("63", 8, 10, ""),
    ("64", 8, 10, ""), ("65", 8, 8, "3689"), ("66", 8, 9, ""), ("81", 9, 10, ""),
    ("82", 8, 10, "1234567"), ("84", 9, 10, ""), ("86", 10, 11, ""), ("90", 10, 10, ""),
    ("91", 10, 10, "123456789"), ("92", 9, 10, ""), ("94", 9, 9, ""), ("98", 10, 10, ""),
    ("212", 9, 9, ""), ("234", 8, 10, ""), ("254", 9, 9, ""), ("351", 9, 9, "23456789"),
    ("352", 4, 11, ""), ("353", 7, 9, ""), ("354", 7, 7, ""), ("358", 5, 12, ""),
    ("420", 9, 9, ""), ("421", 9, 9, ""), ("966", 9, 9, ""), ("971", 8, 9, ""), ("972", 8, 9, ""),
];

/// Whether `digits` (everything after the `+`, digits only; a `(0)` trunk
/// prefix already removed) is a possible number: for a listed country, its
/// plan's length and first digit; otherwise 8 to 15 digits in all.
pub fn valid_international(digits: &[u8]) -> bool {
    let plan = PLANS
        .iter()
        .find(|(cc, ..)| digits.starts_with(cc.as_bytes()));
    match plan {
        Some(&(cc, min, max, first)) => {
            let mut national = &digits[cc.len()..];
            // A trunk 0 written after the country code (`+49 030 ...`) is
            // wrong but common; where the plan has no leading 0, drop it.
            if !first.is_empty() && !first.contains('0') {
                national = national.strip_prefix(b"0").unwrap_or(national);
            }
            let len = national.len();
            let first_ok = first.is_empty()
                || national
                    .first()
                    .is_some_and(|d| first.as_bytes().contains(d));
            let nanp_ok = cc != "1" || national.get(3).is_some_and(|&d| d >= b'2');
            (usize::from(min)..=usize::from(max)).contains(&len) && first_ok && nanp_ok
        }
        None => (8..=15).contains(&digits.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans() {
        for ok in [
            "14155550132",
            "442071234567",
            "4930123456",
            "39066784343",
            "302101234567",
            "33142685300",
            "5511984565666",
            "914155550132",
            "6591234567",
        ] {
            assert!(valid_international(ok.as_bytes()), "{ok}");
        }
        for bad in [
            "1415555013",
            "44207123",
            "3301234567",
            "1415155013",
            "65123456789",
            "34123456789",
        ] {
            assert!(!valid_international(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn codes_are_prefix_free() {
        for (a, ..) in PLANS {
            for (b, ..) in PLANS {
                assert!(a == b || !b.starts_with(a), "{a} is a prefix of {b}");
            }
        }
    }
}
