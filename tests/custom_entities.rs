//! The user's own entities: declared in the policy, found in columns and in
//! free text like the built-in ones, named as the user named them.

use pii_mask::{scan, Header, MaskOptions, Masker, Policy, ScanOptions};

const POLICY: &str = r#"{"version": 1, "auto": true,
    "entities": {
        "EMPLOYEE_ID": {"pattern": "EMP-[0-9]{6}", "context": ["employee", "staff"], "deny": ["EMP-000000"]},
        "CARD_TOKEN": {"pattern": "CT[0-9]{16}", "check": "luhn"},
        "PROJECT": {"terms": ["Bluebird", "Night Owl", "Kestrel"]}
    }}"#;

fn mask(policy: &str, csv: &str) -> (String, pii_mask::Report) {
    let opts = MaskOptions {
        header: Header::Present,
        ..MaskOptions::default()
    };
    let mut m = Masker::new(Policy::from_json(policy).unwrap(), opts).unwrap();
    let mut out = Vec::new();
    for chunk in csv.as_bytes().chunks(5) {
        m.push(chunk, &mut out).unwrap();
    }
    let report = m.finish(&mut out).unwrap();
    (String::from_utf8(out).unwrap(), report)
}

fn csv() -> String {
    let mut csv = String::from("id,badge,notes,token\n");
    for i in 0..8 {
        csv.push_str(&format!(
            "{i},EMP-10{i:04},\"staff member EMP-20{i:04} joined night owl; order EMP-99{i:04}\",CT4111111111111111\n"
        ));
    }
    csv
}

#[test]
fn a_pattern_entity_is_found_in_columns_and_in_text() {
    let (out, report) = mask(POLICY, &csv());
    assert!(!out.contains("EMP-10"), "the column: {out}");
    assert!(
        !out.contains("EMP-20"),
        "in text after a context word: {out}"
    );
    assert!(out.contains("[EMPLOYEE_ID]"), "{out}");
    assert!(
        out.contains("order EMP-99"),
        "without a context word before it, a pattern match in text stays: {out}"
    );
    let badge = &report.columns[1];
    assert_eq!(
        (badge.op, badge.entity.map(|e| e.as_str())),
        ("redact", Some("EMPLOYEE_ID"))
    );
    let json = serde_json::to_value(&report).unwrap();
    assert!(json["entities"]["EMPLOYEE_ID"].as_u64().unwrap() >= 8);
}

#[test]
fn a_dictionary_entity_is_found_whole_word_in_any_case() {
    let (out, report) = mask(POLICY, &csv());
    assert!(!out.to_lowercase().contains("night owl"), "{out}");
    assert!(out.contains("[PROJECT]"), "{out}");
    assert!(report.entities.keys().any(|e| e.as_str() == "PROJECT"));
    let policy = Policy::from_json(POLICY).unwrap();
    let text = "Kestrels nest; the KESTREL team and bluebird-2";
    let found: Vec<(&str, &str)> = policy
        .entities
        .find(text)
        .iter()
        .map(|f| (f.entity.as_str(), &text[f.start..f.end]))
        .collect();
    assert_eq!(found, [("PROJECT", "KESTREL"), ("PROJECT", "bluebird")]);
}

#[test]
fn checks_and_deny_lists_hold() {
    let policy = Policy::from_json(POLICY).unwrap();
    let names = |text: &str| -> Vec<String> {
        policy
            .entities
            .find(text)
            .iter()
            .map(|f| text[f.start..f.end].to_string())
            .collect()
    };
    assert_eq!(
        names("staff EMP-000000 and staff EMP-123456"),
        ["EMP-123456"]
    );
    assert_eq!(
        names("CT4111111111111111 CT4111111111111112"),
        ["CT4111111111111111"]
    );
    assert!(
        names("XEMP-123456 staff").is_empty(),
        "not inside a longer word"
    );
}

#[test]
fn the_scanner_names_declared_entities() {
    let policy = Policy::from_json(POLICY).unwrap();
    let opts = ScanOptions {
        entities: policy.entities.clone(),
        ..ScanOptions::default()
    };
    let r = scan(csv().as_bytes(), opts).unwrap();
    let badge = &r.columns[1];
    assert_eq!(badge.entity.map(|e| e.as_str()), Some("EMPLOYEE_ID"));
    // Named, so the label survives being copied into a policy of its own.
    assert_eq!(
        serde_json::to_string(&badge.suggested).unwrap(),
        r#"{"op":"redact","entity":"EMPLOYEE_ID"}"#
    );
    assert_eq!(r.columns[2].suggested.name(), "scrub");
    let json = serde_json::to_string(&r).unwrap();
    assert!(
        json.contains("\"EMPLOYEE_ID\"") && json.contains("\"PROJECT\""),
        "{json}"
    );
}

#[test]
fn a_header_with_a_context_word_names_the_column() {
    let policy = r#"{"version":1,"auto":true,
        "entities":{"CUSTOMER_ID":{"pattern":"[0-9]{7}","context":["customer"]}}}"#;
    let csv = "customerNo,qty\n1234567,3\n2345678,4\n0001112,1\n";
    let (out, report) = mask(policy, csv);
    assert_eq!(
        report.columns[0].entity.map(|e| e.as_str()),
        Some("CUSTOMER_ID")
    );
    assert!(!out.contains("1234567"), "{out}");
}

#[test]
fn scrub_may_name_declared_entities_and_policies_round_trip() {
    let policy = r#"{"version":1,
        "entities":{"PROJECT":{"terms":["Bluebird"]}},
        "columns":{"notes":{"op":"scrub","entities":["PROJECT"]}}}"#;
    let (out, _) = mask(policy, "notes\n\"Bluebird, mail ann@example.com\"\n");
    assert_eq!(out, "notes\n\"[PROJECT], mail ann@example.com\"\n");
    let p = Policy::from_json(policy).unwrap();
    assert_eq!(Policy::from_json(&p.to_json()).unwrap(), p);
}

#[test]
fn bad_declarations_are_refused_with_the_entity_named() {
    let cases = [
        (r#"{"EMAIL_ADDRESS":{"pattern":"x"}}"#, "built-in"),
        (r#"{"lower":{"pattern":"x"}}"#, "capital letters"),
        (r#"{"A_B":{"pattern":"(("}}"#, "error: unclosed group"),
        (r#"{"A_B":{"pattern":"x*"}}"#, "matches empty text"),
        (r#"{"A_B":{"terms":[]}}"#, "lists no word"),
        (r#"{"A_B":{"pattern":"x","terms":["y"]}}"#, "not both"),
        (
            r#"{"A_B":{"pattern":"x","check":"crc"}}"#,
            "\"luhn\" or \"mod97\"",
        ),
        (r#"{"A_B":{"pattern":"x","colour":1}}"#, "unknown field"),
    ];
    for (entities, want) in cases {
        let json = format!(r#"{{"version":1,"entities":{entities}}}"#);
        let err = Policy::from_json(&json).unwrap_err().to_string();
        assert!(err.contains(want), "{entities}: {err}");
    }
    let err = Policy::from_json(
        r#"{"version":1,"columns":{"n":{"op":"scrub","entities":["NOT_DECLARED"]}}}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("unknown entity \"NOT_DECLARED\""), "{err}");
}
