//! The committed `js/types.gen.d.ts` and `js/policy.schema.json` are what
//! the Rust types generate (src/schema/generate.rs). When a type changes,
//! this fails until the files are regenerated:
//! `PII_MASK_REGENERATE=1 cargo test --test generated`.

use pii_mask::detect::find_utf16;
use pii_mask::schema::{policy_schema, typescript};
use std::path::PathBuf;

fn check(rel: &str, want: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel);
    if std::env::var_os("PII_MASK_REGENERATE").is_some() {
        std::fs::write(&path, want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have != want {
        let line = have
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .map_or(have.lines().count().min(want.lines().count()), |i| i);
        panic!(
            "{rel} is not what the Rust types generate (first difference at line {}): \
             run PII_MASK_REGENERATE=1 cargo test --test generated and commit it",
            line + 1
        );
    }
}

#[test]
fn typescript_types_are_generated_from_the_rust_types() {
    check("js/types.gen.d.ts", &typescript().unwrap());
}

#[test]
fn the_policy_schema_is_generated_from_the_rust_types() {
    let json = serde_json::to_string_pretty(&policy_schema()).unwrap() + "\n";
    check("js/policy.schema.json", &json);
}

/// `Finding`'s schema is written by hand (detect derives none): it must name
/// exactly the fields a span serialises.
#[test]
fn the_finding_schema_names_the_fields_a_span_has() {
    let spans = find_utf16("mail ann@example.com");
    let span = serde_json::to_value(&spans[0]).unwrap();
    let mut have: Vec<&str> = span
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    have.sort_unstable();
    let ts = typescript().unwrap();
    let from = ts.find("export interface Finding {").unwrap();
    let body = &ts[from..from + ts[from..].find("\n}").unwrap()];
    let mut declared: Vec<&str> = body
        .lines()
        .filter_map(|l| {
            l.trim()
                .split_once(": ")
                .map(|(k, _)| k.trim_end_matches('?'))
        })
        .filter(|k| !k.starts_with('*') && !k.starts_with('/'))
        .collect();
    declared.sort_unstable();
    assert_eq!(declared, have);
}

/// The policy reader checks declarations by hand (to say what is wrong in
/// words); it must take exactly the fields the schema's `CustomEntity` has.
#[test]
fn the_reader_takes_the_entity_fields_the_schema_declares() {
    let schema = policy_schema();
    let props = schema["definitions"]["CustomEntity"]["properties"]
        .as_object()
        .unwrap();
    let sample = |field: &str| match field {
        "pattern" => serde_json::json!("X-[0-9]{4}"),
        "check" => serde_json::json!("luhn"),
        "terms" | "context" | "deny" => serde_json::json!(["word"]),
        other => panic!("no sample value for the new field {other}: add one here"),
    };
    for field in props.keys() {
        let mut decl = serde_json::json!({ "pattern": "X-[0-9]{4}" });
        if field == "terms" {
            decl = serde_json::json!({});
        }
        decl[field.as_str()] = sample(field);
        let policy = serde_json::json!({ "version": 1, "entities": { "MINE": decl } });
        if let Err(e) = pii_mask::Policy::from_value(policy) {
            panic!("{field}: {e}");
        }
    }
    let policy = serde_json::json!({ "version": 1, "entities": { "MINE": { "pattern": "X", "colour": 1 } } });
    assert!(pii_mask::Policy::from_value(policy).is_err());
}
