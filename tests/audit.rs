//! The audit record: digests that let an auditor check a run without the
//! data, the same however the input is cut, and never a value.

use pii_mask::{MaskOptions, Masker, Policy};
use sha2::{Digest, Sha256};

const POLICY: &str = r#"{"version": 1, "columns": {"email": {"op": "redact"}, "age": {"op": "generalize", "to": "band", "width": 10}}}"#;
const INPUT: &[u8] = b"name,email,age\nAnn Lee,ann@example.com,34\nBo Kim,bo@example.org,51\n";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn run(chunk: usize, audit: bool) -> (Vec<u8>, serde_json::Value) {
    let opts = MaskOptions {
        audit,
        ..MaskOptions::default()
    };
    let mut m = Masker::new(Policy::from_json(POLICY).unwrap(), opts).unwrap();
    let mut out = Vec::new();
    for c in INPUT.chunks(chunk) {
        m.push(c, &mut out).unwrap();
    }
    let report = m.finish(&mut out).unwrap();
    (out, serde_json::to_value(report).unwrap())
}

#[test]
fn digests_are_of_the_policy_the_input_and_the_output() {
    let (out, report) = run(INPUT.len(), true);
    let a = &report["audit"];
    assert_eq!(a["tool"], "pii-mask");
    assert_eq!(a["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(a["input"]["sha256"], hex(&Sha256::digest(INPUT)));
    assert_eq!(a["input"]["bytes"], INPUT.len());
    assert_eq!(a["output"]["sha256"], hex(&Sha256::digest(&out)));
    assert_eq!(a["output"]["bytes"], out.len());
    let policy = a["policy"].as_str().unwrap();
    assert_eq!(a["policySha256"], hex(&Sha256::digest(policy.as_bytes())));
    // The canonical policy reads back as the same policy.
    assert_eq!(
        Policy::from_json(policy).unwrap().to_json(),
        Policy::from_json(POLICY).unwrap().to_json()
    );
}

#[test]
fn the_record_does_not_depend_on_the_cuts_and_holds_no_value() {
    let (_, whole) = run(INPUT.len(), true);
    for chunk in [1, 2, 7, 16] {
        assert_eq!(run(chunk, true).1, whole, "chunks of {chunk}");
    }
    let text = whole.to_string();
    for value in ["Ann Lee", "ann@example.com", "Bo Kim", "bo@example.org"] {
        assert!(!text.contains(value), "{value} in {text}");
    }
}

#[test]
fn without_the_option_there_is_no_audit() {
    let (out, report) = run(5, false);
    assert!(report.get("audit").is_none());
    assert_eq!(out, run(5, true).0, "auditing changes no output");
}
