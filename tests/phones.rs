//! Phone numbers in text in the national formats of the supported countries
//! (their numbering plans' usual groupings, as libphonenumber formats them),
//! and numbers that only look alike.

use pii_mask::detect::{find, Entity};

fn phones(text: &str) -> Vec<&str> {
    find(text)
        .into_iter()
        .filter(|f| f.entity == Entity::PhoneNumber)
        .map(|f| &text[f.start..f.end])
        .collect()
}

#[test]
fn national_formats() {
    for (country, number) in [
        ("US", "(201) 555-0123"),
        ("CA", "(506) 234-5678"),
        ("UK", "0121 234 5678"),
        ("UK", "07400 123456"),
        ("UK", "(020) 7946 0958"),
        ("DE", "030 123456"),
        ("DE", "030 51042"),
        ("DE", "(030) 12345678"),
        ("DE", "01512 3456789"),
        ("FR", "01 23 45 67 89"),
        ("ES", "612 34 56 78"),
        ("ES", "91 123 45 67"),
        ("ES", "933 78 22 00"),
        ("NL", "010 123 4567"),
        ("NL", "06 12345678"),
        ("IT", "02 1234 5678"),
        ("IT", "03 82 75 34"),
        ("IT", "359 700 146"),
        ("IT", "370 7591 7832"),
        ("IN", "081234 56789"),
        ("IN", "98765 43210"),
        ("AU", "(02) 1234 5678"),
        ("AU", "0412 345 678"),
        ("AU", "1800 123 456"),
        ("SG", "6123 4567"),
        ("SG", "8123 4567"),
    ] {
        let text = format!("Contact: {number}, thanks");
        assert_eq!(phones(&text), [number], "{country}: {text:?}");
    }
}

#[test]
fn bare_digits_only_after_a_phone_word() {
    assert_eq!(phones("Tel. 3432449089"), ["3432449089"]);
    assert_eq!(phones("Handy 015123456789 erreichbar"), ["015123456789"]);
    assert_eq!(phones("cellulare: 3432449089"), ["3432449089"]);
    assert_eq!(phones("order 3432449089 shipped"), Vec::<&str>::new());
    assert_eq!(phones("ref 20240101 and 1700000000"), Vec::<&str>::new());
}

#[test]
fn amounts_dates_and_codes_are_not_phones() {
    for text in [
        "budget 300 000 000 approved",
        "due 01 12 2024",
        "between 3000 and 4000 units",
        "SKU-3000-4000 restocked",
        "IDs 6123 4567 8901 2345 issued",
    ] {
        assert_eq!(phones(text), Vec::<&str>::new(), "{text:?}");
    }
}
