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

/// Whether a run of digits written without separators has the shape of a
/// national number with its trunk 0 in the supported countries: 0, then a
/// digit other than 0 (00 dials abroad), 10 or 11 digits in all (UK
/// 01xx/02x/03/07 numbers have 11; French, Dutch, Belgian mobile and many
/// German, Austrian and Italian numbers 10 or 11).
pub fn trunk_national(d: &[u8]) -> bool {
    (10..=11).contains(&d.len()) && d[0] == b'0' && d[1] != b'0' && d.iter().all(u8::is_ascii_digit)
}

/// Whether a run of digits is a national number of one of the supported
/// countries by its plan: a trunk 0 and 9 to 11 digits (Belgian and Italian
/// fixed lines have 9), an Italian mobile (3, 9 to 11 digits), a Spanish
/// number (6 to 9, 9 digits) or a North American one (10 digits, area code
/// and exchange from 2).
pub fn valid_bare(d: &[u8]) -> bool {
    if !d.iter().all(u8::is_ascii_digit) {
        return false;
    }
    match (d.first(), d.len()) {
        (Some(b'0'), 9..=11) => d[1] != b'0',
        (Some(b'3'), 9..=11) => true,
        (Some(b'6'..=b'9'), 9) => true,
        (Some(b'2'..=b'9'), 10) => d[3] >= b'2',
        _ => false,
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

    fn phones(text: &str) -> Vec<&str> {
        crate::detect::find(text)
            .into_iter()
            .filter(|f| f.entity == crate::detect::Entity::PhoneNumber)
            .map(|f| &text[f.start..f.end])
            .collect()
    }

    #[test]
    fn bare_numbers_by_their_national_plans() {
        // A contact's name, a comma, a number a national plan allows.
        for (text, want) in [
            (
                "Next of kin: Ann Lee, 01174960590. DOB 16/09/1988.",
                "01174960590",
            ),
            (
                "Contatto di emergenza: Dina Neri, 3779488371, nata il 22/08/1999.",
                "3779488371",
            ),
            (
                "Notfallkontakt: Ismail Hofmann, 0212270357, geboren 1981.",
                "0212270357",
            ),
            ("Emergency contact: Ann Lee, 4155550132.", "4155550132"),
        ] {
            assert_eq!(phones(text), [want], "{text}");
        }
        // A trunk 0 and a national length need no word.
        assert_eq!(phones("Rückruf 06583121188 bis Freitag"), ["06583121188"]);
        assert_eq!(phones("ring 07846867366 after six"), ["07846867366"]);
        // Alone, a value of a column (of account numbers, maybe).
        assert!(phones("0123456789").is_empty());
        // Not an order, account or customer number, not without the 0,
        // not 00 (dialling abroad), not after a name that no contact word
        // introduces.
        for text in [
            "Order 0123456789 shipped",
            "Kundennr. 01234567890 geprüft",
            "Konto 0123456789 belastet",
            "Old reference 3653844994 is not an NHS number",
            "Batch 1497017973 processed",
            "Code 0012345678 used",
            "Invoice for Ann Lee, 4155550132 units",
            "Facture 0962869 de Allain",
            "!#$%&'()*+-./0123456789:;<=>?@ABC",
            "see /files/0123456789/report",
        ] {
            assert!(phones(text).is_empty(), "{text}: {:?}", phones(text));
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
