//! The presets: each a valid policy; HIPAA Safe Harbor identifier by
//! identifier; GDPR pseudonymisation's joinable hashes; the `detected` map
//! they are written with.

use pii_mask::presets::{preset, presets};
use pii_mask::{MaskOptions, Masker, Policy};

const KEY: &[u8] = b"a key of thirty-two bytes, fixed";

/// Rows whose every column holds one kind of identifier (header, values).
fn table() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        (
            "name",
            vec!["Maria Gonzalez", "James Smith", "Anna Müller", "John Brown"],
        ),
        (
            "email",
            vec![
                "maria.g@example.com",
                "jsmith@example.org",
                "anna.m@example.net",
                "jb@example.com",
            ],
        ),
        (
            "phone",
            vec![
                "(415) 555-0132",
                "(212) 555-0187",
                "(617) 555-0144",
                "(312) 555-0199",
            ],
        ),
        (
            "fax",
            vec![
                "+1 415 555 0100",
                "+1 212 555 0111",
                "+1 617 555 0122",
                "+1 312 555 0133",
            ],
        ),
        (
            "ssn",
            vec!["078-05-1123", "219-09-9998", "457-55-5463", "123-45-6789"],
        ),
        (
            "admitted",
            vec!["2023-03-14", "2023-07-02", "2024-01-19", "2024-11-30"],
        ),
        (
            "birth_date",
            vec!["1984-03-07", "1961-11-23", "1990-05-30", "1948-02-11"],
        ),
        ("city", vec!["Springfield", "Boston", "Chicago", "Denver"]),
        ("zip", vec!["62704", "02139", "60614", "80202"]),
        ("state", vec!["IL", "MA", "IL", "CO"]),
        (
            "card",
            vec![
                "4111 1111 1111 1111",
                "5555 5555 5555 4444",
                "4012 8888 8888 1881",
                "3782 822463 10005",
            ],
        ),
        (
            "iban",
            vec![
                "DE89370400440532013000",
                "GB82WEST12345698765432",
                "FR1420041010050500013M02606",
                "NL91ABNA0417164300",
            ],
        ),
        (
            "website",
            vec![
                "https://maria.example.com/profile",
                "https://example.org/u/jsmith",
                "https://anna.example.net",
                "https://example.com/jb",
            ],
        ),
        (
            "ip",
            vec![
                "203.0.113.7",
                "198.51.100.23",
                "192.0.2.144",
                "203.0.113.99",
            ],
        ),
        (
            "mac",
            vec![
                "00:1a:2b:3c:4d:5e",
                "a4:83:e7:12:34:56",
                "3c:22:fb:aa:bb:cc",
                "f0:18:98:01:02:03",
            ],
        ),
        ("diagnosis", vec!["asthma", "flu", "asthma", "diabetes"]),
    ]
}

fn csv() -> String {
    let t = table();
    let mut out = t.iter().map(|c| c.0).collect::<Vec<_>>().join(",") + "\n";
    for r in 0..4 {
        let row: Vec<String> = t.iter().map(|c| format!("\"{}\"", c.1[r])).collect();
        out += &(row.join(",") + "\n");
    }
    out
}

fn mask(policy: Policy) -> Vec<Vec<String>> {
    let opts = MaskOptions {
        key: Some(KEY.to_vec()),
        ..MaskOptions::default()
    };
    let mut m = Masker::new(policy, opts).unwrap();
    let mut out = Vec::new();
    m.push(csv().as_bytes(), &mut out).unwrap();
    m.finish(&mut out).unwrap();
    pii_mask::csv::read_all(&out, &Default::default())
        .unwrap()
        .into_iter()
        .map(|r| {
            r.into_iter()
                .map(|c| String::from_utf8(c).unwrap())
                .collect()
        })
        .collect()
}

fn column<'a>(rows: &'a [Vec<String>], name: &str) -> Vec<&'a str> {
    let i = rows[0]
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    rows[1..].iter().map(|r| r[i].as_str()).collect()
}

#[test]
fn every_preset_is_a_valid_policy_that_round_trips() {
    for p in presets() {
        let policy =
            Policy::from_value(p.policy.clone()).unwrap_or_else(|e| panic!("{}: {e}", p.name));
        assert_eq!(
            Policy::from_json(&policy.to_json()).unwrap(),
            policy,
            "{}",
            p.name
        );
        assert!(preset(p.name).is_some());
    }
    assert!(preset("nope").is_none());
}

/// Safe Harbor, identifier by identifier (45 CFR 164.514(b)(2)(i)(A)-(R)).
#[test]
fn hipaa_safe_harbor_removes_each_identifier_it_can_see() {
    let rows = mask(preset("hipaa-safe-harbor").unwrap());
    let original = table();
    let gone = |name: &str| {
        let values = &original.iter().find(|c| c.0 == name).unwrap().1;
        for (got, was) in column(&rows, name).iter().zip(values) {
            assert!(!got.contains(was), "{name}: {was} kept as {got}");
            assert!(got.starts_with('['), "{name}: {got} is not redacted");
        }
    };
    // (A) names, (D) phones, (E) fax, (F) email, (G) SSN, (J) accounts,
    // (N) URLs, (O) IPs, (M) device ids: redacted, not hashed.
    for name in [
        "name", "phone", "fax", "email", "ssn", "card", "iban", "website", "ip", "mac",
    ] {
        gone(name);
    }
    // (B) places smaller than a state: towns redacted, ZIPs to three digits; states kept.
    gone("city");
    assert_eq!(column(&rows, "zip"), ["627**", "021**", "606**", "802**"]);
    assert_eq!(column(&rows, "state"), ["IL", "MA", "IL", "CO"]);
    // (C) every date to its year, event dates too.
    assert_eq!(
        column(&rows, "birth_date"),
        ["1984", "1961", "1990", "1948"]
    );
    assert_eq!(column(&rows, "admitted"), ["2023", "2023", "2024", "2024"]);
    assert_eq!(
        column(&rows, "diagnosis"),
        ["asthma", "flu", "asthma", "diabetes"]
    );
}

#[test]
fn hipaa_coverage_names_all_eighteen_identifiers_and_what_is_not_detected() {
    let p = presets()
        .into_iter()
        .find(|p| p.name == "hipaa-safe-harbor")
        .unwrap();
    let items: Vec<String> = p.coverage.iter().map(|c| c.item[..3].to_string()).collect();
    let want: Vec<String> = ('A'..='R').map(|c| format!("({c})")).collect();
    assert_eq!(items, want);
    for c in p.coverage.iter().filter(|c| c.entities.is_empty()) {
        assert!(c.note.contains("not"), "{}: {}", c.item, c.note);
    }
}

#[test]
fn gdpr_pseudonymisation_hashes_direct_identifiers_so_tables_still_join() {
    let rows = mask(preset("gdpr-pseudonymisation").unwrap());
    for name in ["name", "email", "ssn", "iban"] {
        let got = column(&rows, name);
        assert!(
            got.iter()
                .all(|v| v.len() == 16 && v.chars().all(|c| c.is_ascii_hexdigit())),
            "{name}: {got:?}"
        );
    }
    // The same key and value give the same pseudonym in another file.
    let again = mask(preset("gdpr-pseudonymisation").unwrap());
    assert_eq!(column(&rows, "email"), column(&again, "email"));
    assert_eq!(
        column(&rows, "birth_date"),
        ["1984", "1961", "1990", "1948"]
    );
    assert_eq!(
        column(&rows, "admitted")[0],
        "2023-03-14",
        "event dates kept"
    );
}

#[test]
fn detected_needs_auto_and_known_entities() {
    let err =
        Policy::from_json(r#"{"version": 1, "detected": {"PERSON": {"op": "drop"}}}"#).unwrap_err();
    assert_eq!(err.field(), Some("/detected"));
    let err = Policy::from_json(
        r#"{"version": 1, "auto": true, "detected": {"PERSONS": {"op": "drop"}}}"#,
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("/detected/PERSONS"));
    let err = Policy::from_json(
        r#"{"version": 1, "auto": true, "detected": {"PERSON": {"op": "blur"}}}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("detected PERSON"), "{err}");
    // A declared entity may be named.
    let p = Policy::from_json(
        r#"{"version": 1, "auto": true, "entities": {"EMPLOYEE_ID": {"pattern": "E-[0-9]{6}"}},
            "detected": {"EMPLOYEE_ID": {"op": "redact"}}}"#,
    )
    .unwrap();
    let mut m = Masker::new(p, MaskOptions::default()).unwrap();
    let mut out = Vec::new();
    m.push(
        b"staff,notes\nE-123456,Call E-654321 today\nE-222222,ok\n",
        &mut out,
    )
    .unwrap();
    m.finish(&mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("staff,notes\n[EMPLOYEE_ID],"), "{text}");
    assert!(!text.contains("E-654321"), "text is still scrubbed: {text}");
}
