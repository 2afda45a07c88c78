//! Check digits that tell real identifiers from numbers that only look alike.

/// The ASCII digits of `m`, separators and anything else left out.
pub fn digits(m: &[u8]) -> Vec<u8> {
    m.iter().copied().filter(u8::is_ascii_digit).collect()
}

/// The values of the digits of `s`, or `None` if anything else is in it.
pub(crate) fn digit_values(s: &[u8]) -> Option<Vec<u32>> {
    s.iter()
        .map(|&b| b.is_ascii_digit().then(|| u32::from(b - b'0')))
        .collect()
}

/// `s` read as a decimal number.
pub(crate) fn number(s: &[u8]) -> Option<u64> {
    std::str::from_utf8(s).ok()?.parse().ok()
}

/// Luhn (mod 10) over ASCII digits, as used by payment cards.
///
/// ```
/// assert!(pii_mask::detect::checksum::luhn(b"4111111111111111"));
/// assert!(!pii_mask::detect::checksum::luhn(b"4111111111111112"));
/// ```
pub fn luhn(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, &d) in digits.iter().rev().enumerate() {
        if !d.is_ascii_digit() {
            return false;
        }
        let mut v = u32::from(d - b'0');
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    !digits.is_empty() && sum % 10 == 0
}

/// ISO 13616 IBAN check: move the first four characters to the end, read
/// letters as 10..35, and the number mod 97 must be 1. `iban` is compact
/// (no separators), upper-case ASCII.
pub fn iban_mod97(iban: &[u8]) -> bool {
    if iban.len() < 5 {
        return false;
    }
    let mut rem = 0u32;
    for &c in iban[4..].iter().chain(&iban[..4]) {
        rem = match c {
            b'0'..=b'9' => (rem * 10 + u32::from(c - b'0')) % 97,
            b'A'..=b'Z' => (rem * 100 + u32::from(c - b'A' + 10)) % 97,
            _ => return false,
        };
    }
    rem == 1
}

/// Sorted by country code (looked up by binary search).
#[rustfmt::skip]
const IBAN_LENGTHS: &[(&[u8; 2], usize)] = &[
    (b"AD", 24), (b"AE", 23), (b"AL", 28), (b"AO", 25), (b"AT", 20), (b"AZ", 28),
    (b"BA", 20), (b"BE", 16), (b"BF", 28), (b"BG", 22), (b"BH", 22), (b"BI", 27),
    (b"BJ", 28), (b"BR", 29), (b"BY", 28), (b"CF", 27), (b"CG", 27), (b"CH", 21),
    (b"CI", 28), (b"CM", 27), (b"CR", 22), (b"CV", 25), (b"CY", 28), (b"CZ", 24),
    (b"DE", 22), (b"DJ", 27), (b"DK", 18), (b"DO", 28), (b"DZ", 26), (b"EE", 20),
    (b"EG", 29), (b"ES", 24), (b"FI", 18), (b"FK", 18), (b"FO", 18), (b"FR", 27),
    (b"GA", 27), (b"GB", 22), (b"GE", 22), (b"GI", 23), (b"GL", 18), (b"GQ", 27),
    (b"GR", 27), (b"GT", 28), (b"GW", 25), (b"HN", 28), (b"HR", 21), (b"HU", 28),
    (b"IE", 22), (b"IL", 23), (b"IQ", 23), (b"IR", 26), (b"IS", 26), (b"IT", 27),
    (b"JO", 30), (b"KM", 27), (b"KW", 30), (b"KZ", 20), (b"LB", 28), (b"LC", 32),
    (b"LI", 21), (b"LT", 20), (b"LU", 20), (b"LV", 21), (b"LY", 25), (b"MA", 28),
    (b"MC", 27), (b"MD", 24), (b"ME", 22), (b"MG", 27), (b"MK", 19), (b"ML", 28),
    (b"MN", 20), (b"MR", 27), (b"MT", 31), (b"MU", 30), (b"MZ", 25), (b"NE", 28),
    (b"NI", 28), (b"NL", 18), (b"NO", 15), (b"OM", 23), (b"PK", 24), (b"PL", 28),
    (b"PS", 29), (b"PT", 25), (b"QA", 29), (b"RO", 24), (b"RS", 22), (b"RU", 33),
    (b"SA", 24), (b"SC", 31), (b"SD", 18), (b"SE", 24), (b"SI", 19), (b"SK", 24),
    (b"SM", 27), (b"SN", 28), (b"SO", 23), (b"ST", 25), (b"SV", 28), (b"TD", 27),
    (b"TG", 28), (b"TL", 23), (b"TN", 24), (b"TR", 26), (b"UA", 29), (b"VA", 22),
    (b"VG", 24), (b"XK", 20), (b"YE", 30),
];

/// The IBAN length of each country that issues them (SWIFT IBAN registry,
/// plus the partial members Presidio also accepts).
pub fn iban_length(country: &[u8]) -> Option<usize> {
    IBAN_LENGTHS
        .binary_search_by(|(c, _)| c.as_slice().cmp(country))
        .ok()
        .map(|i| IBAN_LENGTHS[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_test_cards_and_rejects_neighbours() {
        assert!(luhn(b"5555555555554444"));
        assert!(luhn(b"2221000000000009")); // Mastercard 2-series
        assert!(!luhn(b"5555555555554445"));
        assert!(!luhn(b""));
    }

    #[test]
    fn iban_examples() {
        assert!(iban_mod97(b"DE89370400440532013000"));
        assert!(iban_mod97(b"GB82WEST12345698765432"));
        assert!(!iban_mod97(b"DE89370400440532013001"));
        assert_eq!(iban_length(b"DE"), Some(22));
        assert_eq!(iban_length(b"NO"), Some(15));
        assert_eq!(iban_length(b"ZZ"), None);
    }

    #[test]
    fn iban_table_is_sorted_for_binary_search() {
        // binary_search on an unsorted table would silently miss countries.
        assert!(IBAN_LENGTHS.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
