//! No leak (DESIGN promises 2 and 4): a column the policy masks, hashes,
//! redacts or drops contains no original value afterwards (nor, for emails,
//! the whole local part); PII inside scrubbed free text is replaced; keyed
//! hashes are lowercase hex of the requested length, stable for one key
//! across files (so tables still join) and different under another key.

mod common;

use std::collections::BTreeMap;

use common::*;
use pii_mask::csv::{read_all, CsvOptions};
use proptest::prelude::*;

const KEY: &[u8] = b"an example key of 32 bytes......";
const OTHER_KEY: &[u8] = b"another key, also long enough!!!";

// ---------------------------------------------------------------- generators

/// A name-like word: a capital and lower-case letters outside a-f, so it can
/// never be read inside hex output by accident.
fn word() -> impl Strategy<Value = String> {
    ("[G-Z]", "[g-z]{3,8}").prop_map(|(a, b)| format!("{a}{b}"))
}

fn email() -> impl Strategy<Value = String> {
    (
        "[g-z]{4,10}",
        prop::option::of("[g-z0-9]{1,4}"),
        prop::sample::select(vec!["example.com", "mail.example.org", "corp.example.net"]),
    )
        .prop_map(|(a, b, d)| match b {
            Some(b) => format!("{a}.{b}@{d}"),
            None => format!("{a}@{d}"),
        })
}

fn luhn_digit(body: &[u8]) -> u8 {
    // Check digit for `body` (digits, without the check digit).
    let mut sum = 0u32;
    for (i, d) in body.iter().rev().enumerate() {
        let mut v = u32::from(*d);
        if i % 2 == 0 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    ((10 - sum % 10) % 10) as u8
}

/// A Luhn-valid 16-digit Visa/Mastercard-like number, grouped by 4 with ' ', '-' or nothing.
fn card() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![4u8, 5]),
        prop::collection::vec(0u8..10, 14),
        prop::sample::select(vec!["", " ", "-"]),
    )
        .prop_map(|(first, rest, sep)| {
            let mut d = vec![first];
            if first == 5 {
                d.push(1 + rest[0] % 5); // 51-55
                d.extend_from_slice(&rest[1..]);
            } else {
                d.extend_from_slice(&rest);
            }
            d.truncate(15);
            d.push(luhn_digit(&d));
            let s: String = d.iter().map(|x| char::from(b'0' + x)).collect();
            (0..4)
                .map(|i| &s[i * 4..i * 4 + 4])
                .collect::<Vec<_>>()
                .join(sep)
        })
}

/// A US SSN in a valid range (area 001-665/667-899, group 01-99, serial 0001-9999).
fn ssn() -> impl Strategy<Value = String> {
    (1u32..900, 1u32..100, 1u32..10000)
        .prop_filter("valid area", |(a, _, _)| *a != 666)
        .prop_map(|(a, g, s)| format!("{a:03}-{g:02}-{s:04}"))
}

/// A US phone number with a real area code and a 2-9 exchange.
fn phone() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![212u32, 312, 415, 617, 646, 202, 305]),
        200u32..1000,
        0u32..10000,
        0u8..3,
    )
        .prop_map(|(a, x, n, style)| match style {
            0 => format!("({a}) {x}-{n:04}"),
            1 => format!("+1 {a} {x} {n:04}"),
            _ => format!("{a}-{x}-{n:04}"),
        })
}

/// A valid German IBAN (mod 97 == 1), compact or grouped by 4.
fn iban() -> impl Strategy<Value = String> {
    (prop::collection::vec(0u8..10, 18), any::<bool>()).prop_map(|(bban, grouped)| {
        let bban: String = bban.iter().map(|x| char::from(b'0' + x)).collect();
        // Check digits: 98 - (BBAN + "DE00" as digits) mod 97; D=13, E=14.
        let rearranged = format!("{bban}131400");
        let m = rearranged
            .bytes()
            .fold(0u64, |m, b| (m * 10 + u64::from(b - b'0')) % 97);
        let compact = format!("DE{:02}{bban}", 98 - m);
        if grouped {
            compact
                .as_bytes()
                .chunks(4)
                .map(|c| std::str::from_utf8(c).unwrap())
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            compact
        }
    })
}

#[derive(Clone, Debug)]
struct Person {
    first: String,
    last: String,
    email: String,
    phone: String,
    card: String,
    ssn: String,
    iban: String,
}

fn person() -> impl Strategy<Value = Person> {
    (word(), word(), email(), phone(), card(), ssn(), iban()).prop_map(
        |(first, last, email, phone, card, ssn, iban)| Person {
            first,
            last,
            email,
            phone,
            card,
            ssn,
            iban,
        },
    )
}

fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

// ---------------------------------------------------------------- helpers

/// Every byte-string in `values` of length >= 4 that occurs in `out`.
fn leaked<'a>(out: &[u8], values: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let out = String::from_utf8_lossy(out);
    values
        .into_iter()
        .filter(|v| v.len() >= 4 && out.contains(v.as_str()))
        .cloned()
        .collect()
}

fn column(out: &[u8], name: &str) -> Vec<String> {
    let rows = read_all(
        out,
        &CsvOptions {
            delimiter: Some(b','),
            allow_ragged: false,
            ..Default::default()
        },
    )
    .expect("output is CSV");
    let idx = rows[0]
        .iter()
        .position(|h| h == name.as_bytes())
        .unwrap_or_else(|| panic!("no column {name}"));
    rows[1..]
        .iter()
        .map(|r| String::from_utf8(r[idx].clone()).unwrap())
        .collect()
}

const MASKING_POLICY: &str = r#"{"version":1,"default":{"op":"keep"},"auto":false,"columns":{
    "email":{"op":"mask"},"name":{"op":"hash"},"last_name":{"op":"hash","length":12},
    "ssn":{"op":"redact"},"phone":{"op":"mask"},"card":{"op":"mask"},"iban":{"op":"redact","text":"XX"},
    "card2":{"op":"drop"},"notes":{"op":"scrub"}}}"#;

fn people_csv(people: &[Person], notes: &[String]) -> String {
    let mut s = String::from("id,name,last_name,email,phone,card,ssn,iban,card2,notes\n");
    for (i, p) in people.iter().enumerate() {
        let row = [
            format!("row{i}"),
            p.first.clone(),
            p.last.clone(),
            p.email.clone(),
            p.phone.clone(),
            p.card.clone(),
            p.ssn.clone(),
            p.iban.clone(),
            p.card.clone(),
            notes.get(i).cloned().unwrap_or_default(),
        ];
        s.push_str(&row.iter().map(|c| quote(c)).collect::<Vec<_>>().join(","));
        s.push('\n');
    }
    s
}

/// A sentence with PII embedded in free text, with accents and CJK around it.
fn sentence(p: &Person, style: u8) -> String {
    match style % 6 {
        0 => format!(
            "Call me at {} or mail {} — merci, café à 5pm",
            p.phone, p.email
        ),
        1 => format!(
            "Card {} was charged twice; refund to IBAN {}.",
            p.card, p.iban
        ),
        2 => format!("SSN {} on file (verified). 日本語のメモ", p.ssn),
        3 => format!("{},{} and {}", p.email, p.phone, p.card),
        4 => format!(
            "naïve client wrote from <{}>: \"phone me: {}\"",
            p.email, p.phone
        ),
        _ => format!("IBAN:{} / SSN:{} / card:{}", p.iban, p.ssn, p.card),
    }
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    /// Masked, hashed, redacted and dropped columns leak no original value;
    /// scrubbed notes leak none of the emails, phones, cards, IBANs and SSNs
    /// written into them. Also at a random chunk size.
    #[test]
    fn masked_columns_and_scrubbed_text_leak_nothing(
        people in prop::collection::vec(person(), 1..12),
        styles in prop::collection::vec(any::<u8>(), 12),
        chunk in 1usize..64,
    ) {
        let notes: Vec<String> = people.iter().zip(&styles).map(|(p, s)| sentence(p, *s)).collect();
        let input = people_csv(&people, &notes);
        let opts = Opts { key: Some(KEY.to_vec()), ..Opts::default() };
        let (out, report) = mask_chunked(MASKING_POLICY, &opts, input.as_bytes(), chunk)
            .map_err(|e| TestCaseError::fail(format!("masker refused valid input: {e}")))?;

        let mut secrets: Vec<String> = Vec::new();
        for p in &people {
            secrets.extend([p.first.clone(), p.last.clone(), p.email.clone(), p.phone.clone(),
                            p.card.clone(), p.ssn.clone(), p.iban.clone()]);
            // The whole local part of an email must not survive a mask either.
            secrets.push(p.email.split('@').next().unwrap().to_string());
            // Nor the card's digits without separators, nor the compact IBAN.
            secrets.push(p.card.replace([' ', '-'], ""));
            secrets.push(p.iban.replace(' ', ""));
        }
        let leaks = leaked(&out, &secrets);
        prop_assert!(leaks.is_empty(), "leaked {:?}\ninput:\n{}\noutput:\n{}", leaks, input, String::from_utf8_lossy(&out));

        // The dropped column is gone, the kept one is intact.
        let header = String::from_utf8_lossy(out.split(|&b| b == b'\n').next().unwrap()).into_owned();
        prop_assert!(!header.split(',').any(|h| h == "card2"), "dropped column still in header {}", header);
        prop_assert_eq!(column(&out, "id"), (0..people.len()).map(|i| format!("row{i}")).collect::<Vec<_>>());
        // The report counts rows and never holds a raw value.
        prop_assert_eq!(report["rows"].as_u64(), Some(people.len() as u64));
        let report_text = report.to_string();
        let in_report = leaked(report_text.as_bytes(), &secrets);
        prop_assert!(in_report.is_empty(), "report holds raw values {:?}: {}", in_report, report_text);
    }

    /// Keyed hashes: lowercase hex of the requested length; one value, one
    /// hash, in any file under the same key; another key, another hash.
    #[test]
    fn keyed_hash_is_stable_per_key_and_differs_across_keys(
        people in prop::collection::vec(person(), 2..8),
        length in prop::sample::select(vec![8u32, 12, 16, 32, 64]),
    ) {
        let policy = format!(
            r#"{{"version":1,"default":{{"op":"keep"}},"auto":false,"columns":{{"name":{{"op":"hash","length":{length}}}}}}}"#
        );
        let file_a = people_csv(&people, &[]);
        // File B: the same people in reverse order, with other data beside them.
        let mut rev = people.clone();
        rev.reverse();
        for p in &mut rev { p.phone = "n/a".into(); }
        let file_b = people_csv(&rev, &["other text".to_string()]);
        let hash_with = |key: &[u8], file: &str| -> Vec<String> {
            let opts = Opts { key: Some(key.to_vec()), ..Opts::default() };
            let (out, _) = mask_once(&policy, &opts, file.as_bytes()).expect("masks");
            column(&out, "name")
        };
        let a = hash_with(KEY, &file_a);
        let b = hash_with(KEY, &file_b);
        let other = hash_with(OTHER_KEY, &file_a);
        let mut by_name: BTreeMap<&str, &str> = BTreeMap::new();
        for (p, h) in people.iter().zip(&a).chain(rev.iter().zip(&b)) {
            prop_assert_eq!(h.len(), length as usize, "hash {} is not {} chars", h, length);
            prop_assert!(h.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)), "not lowercase hex: {}", h);
            if let Some(prev) = by_name.insert(&p.first, h) {
                prop_assert_eq!(prev, h.as_str(), "same name, same key, different hash");
            }
        }
        for ((p, h1), h2) in people.iter().zip(&a).zip(&other) {
            prop_assert_ne!(h1, h2, "{} hashes the same under two keys", p.first);
        }
    }
}

// ---------------------------------------------------------------- fixed cases

/// A short email's visible part never shows the local part (`ab@x.com` must
/// not reveal `ab`), and a mask never shows more than about half a value.
#[test]
fn short_values_are_masked_whole() {
    let input =
        "email,card,code\nab@x.com,4111111111111111,abcd\nq@example.com,4111 1111 1111 1111,x\n";
    let policy = r#"{"version":1,"default":{"op":"keep"},"auto":false,"columns":{
        "email":{"op":"mask"},"card":{"op":"mask"},"code":{"op":"mask"}}}"#;
    let (out, _) = mask_once(policy, &Opts::default(), input.as_bytes()).expect("masks");
    let emails = column(&out, "email");
    assert!(
        !emails[0].starts_with("ab") && !emails[0].contains("ab@"),
        "{:?} reveals 'ab'",
        emails[0]
    );
    assert!(
        !emails[1].starts_with("q@"),
        "{:?} reveals the local part",
        emails[1]
    );
    for (orig, masked) in ["4111111111111111", "4111 1111 1111 1111"]
        .iter()
        .zip(column(&out, "card"))
    {
        assert_ne!(&masked, orig);
        let shown = orig
            .chars()
            .zip(masked.chars())
            .filter(|(a, b)| a == b && a.is_ascii_digit())
            .count();
        assert!(
            shown <= 4,
            "card mask {masked:?} shows {shown} digits of {orig:?}"
        );
    }
    let codes = column(&out, "code");
    let shown = "abcd"
        .chars()
        .zip(codes[0].chars())
        .filter(|(a, b)| a == b)
        .count();
    assert!(
        shown <= 2,
        "mask of 'abcd' shows {shown} chars: {:?}",
        codes[0]
    );
    assert_ne!(codes[1], "x", "a one-char value is masked whole");
}

/// Hash without a key, or with a key under 16 bytes, is refused with a
/// message that says so (never a silent unkeyed hash).
#[test]
fn hash_without_a_usable_key_is_refused() {
    let policy =
        r#"{"version":1,"default":{"op":"keep"},"auto":false,"columns":{"name":{"op":"hash"}}}"#;
    for key in [None, Some(b"short".to_vec())] {
        let opts = Opts {
            key: key.clone(),
            ..Opts::default()
        };
        let res = mask_once(policy, &opts, b"name\nAnn\n");
        let err = res
            .err()
            .unwrap_or_else(|| panic!("hash with key {key:?} was accepted"));
        assert!(
            err.to_string().to_lowercase().contains("key"),
            "message should mention the key: {err}"
        );
    }
}

/// Redact writes `[ENTITY]` or the given text, and drop removes the column
/// from header and rows alike; kept columns are untouched.
#[test]
fn redact_and_drop_fixed() {
    let input = "id,ssn,card,city\n1,078-05-1124,4111111111111111,Zürich\n2,219-09-9999,5555555555554444,\"Paris, FR\"\n";
    let policy = r#"{"version":1,"default":{"op":"keep"},"auto":false,"columns":{
        "ssn":{"op":"redact","text":"[gone]"},"card":{"op":"drop"}}}"#;
    let (out, report) = mask_once(policy, &Opts::default(), input.as_bytes()).expect("masks");
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "id,ssn,city\n1,[gone],Zürich\n2,[gone],\"Paris, FR\"\n"
    );
    assert_eq!(report["rows"], 2);
}

/// Scrub on a fixed sentence: each PII span becomes `[ENTITY]`, the words
/// around it stay.
#[test]
fn scrub_fixed_sentence() {
    let input = "notes\n\"Mail ann.lee@example.com or call (415) 555-0132, card 4111 1111 1111 1111. Merci!\"\n";
    let policy =
        r#"{"version":1,"default":{"op":"keep"},"auto":false,"columns":{"notes":{"op":"scrub"}}}"#;
    let (out, report) = mask_once(policy, &Opts::default(), input.as_bytes()).expect("masks");
    let notes = column(&out, "notes");
    assert_eq!(
        notes[0],
        "Mail [EMAIL_ADDRESS] or call [PHONE_NUMBER], card [CREDIT_CARD]. Merci!"
    );
    assert_eq!(report["entities"]["EMAIL_ADDRESS"], 1);
    assert_eq!(report["entities"]["PHONE_NUMBER"], 1);
    assert_eq!(report["entities"]["CREDIT_CARD"], 1);
}
