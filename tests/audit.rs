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

const PEOPLE: &[u8] = b"name,birth,zip,dx\nAnn Lee,1984-03-02,10115,flu\nBo Kim,1984-11-20,10117,flu\nCy Diaz,1990-01-05,10115,cold\nDee Park,1990-07-30,10119,cold\nEve Ng,not a date,10117,flu\n";
const PEOPLE_POLICY: &str = r#"{"version": 1, "columns": {"name": {"op": "drop"}, "birth": {"op": "generalize", "to": "year"}, "zip": {"op": "drop"}},
    "validate": {"mode": "drop", "columns": {"birth": {"type": "date", "format": "%Y-%m-%d"}}}}"#;

fn audited(chunk: usize, opts: MaskOptions) -> (Vec<u8>, pii_mask::Report) {
    let mut m = Masker::new(Policy::from_json(PEOPLE_POLICY).unwrap(), opts).unwrap();
    let mut out = Vec::new();
    for c in PEOPLE.chunks(chunk) {
        m.push(c, &mut out).unwrap();
    }
    let report = m.finish(&mut out).unwrap();
    assert_eq!(
        m.risk().cloned(),
        report.audit.as_ref().and_then(|a| a.risk.clone())
    );
    (out, report)
}

fn with_risk(sensitive: Option<&str>) -> MaskOptions {
    MaskOptions {
        audit: true,
        risk: Some(pii_mask::risk::RiskOptions {
            quasi: vec!["birth".into(), "zip".into()],
            sensitive: sensitive.map(String::from),
            ..pii_mask::risk::RiskOptions::default()
        }),
        ..MaskOptions::default()
    }
}

/// Rows read and written: validation's `drop` leaves one row out.
#[test]
fn the_record_counts_rows_read_and_written() {
    let (_, report) = audited(
        PEOPLE.len(),
        MaskOptions {
            audit: true,
            ..MaskOptions::default()
        },
    );
    let a = report.audit.unwrap();
    assert_eq!((a.rows_read, a.rows_written, report.rows), (5, 4, 4));
    assert!(a.risk.is_none(), "no quasi-identifiers, no risk");
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(
        (json["rowsRead"].as_u64(), json["rowsWritten"].as_u64()),
        (Some(5), Some(4))
    );
    assert!(json.get("risk").is_none());
}

/// The quasi-identifiers' risk, measured in the mask run: the input's
/// under `before` (every row read), the output's as written (the rows
/// validation kept; birth years only, zip dropped).
#[test]
fn the_record_holds_the_risk_measured_with_the_mask_run() {
    let (out, report) = audited(PEOPLE.len(), with_risk(Some("dx")));
    let risk = report.audit.as_ref().unwrap().risk.clone().unwrap();
    assert_eq!(
        (risk.before.records, risk.before.k, risk.before.classes),
        (5, 1, 5)
    );
    assert_eq!(
        (risk.after.records, risk.after.k, risk.after.classes),
        (4, 2, 2)
    );
    assert_eq!(risk.after.l, Some(1), "1984: flu and flu");
    // Measuring changes nothing written, and the figures are those of
    // the output read back by a risk run of its own.
    let (plain, _) = audited(
        PEOPLE.len(),
        MaskOptions {
            audit: true,
            ..MaskOptions::default()
        },
    );
    assert_eq!(out, plain);
    let o = pii_mask::risk::RiskOptions {
        quasi: vec!["birth".into()],
        sensitive: Some("dx".into()),
        header: pii_mask::Header::Present,
        ..pii_mask::risk::RiskOptions::default()
    };
    let direct = pii_mask::risk::risk(&out, o).unwrap();
    assert_eq!(
        (direct.k, direct.classes, direct.l),
        (risk.after.k, risk.after.classes, risk.after.l)
    );
    let text = serde_json::to_string(&report).unwrap();
    for value in ["Ann Lee", "1984-03-02", "10115"] {
        assert!(!text.contains(value), "{value}");
    }
}

#[test]
fn the_risk_in_the_record_does_not_depend_on_the_cuts() {
    let (out, whole) = audited(PEOPLE.len(), with_risk(None));
    for chunk in [1, 3, 8, 29] {
        let (o, r) = audited(chunk, with_risk(None));
        assert_eq!(o, out, "chunks of {chunk}");
        assert_eq!(
            r.audit.unwrap().risk,
            whole.audit.clone().unwrap().risk,
            "chunks of {chunk}"
        );
    }
}

/// With another output delimiter, the output is still read back right.
#[test]
fn the_risk_reads_the_output_in_its_own_delimiter() {
    let opts = MaskOptions {
        write: pii_mask::WriteOptions {
            delimiter: Some(b';'),
            bom: true,
            escape_formulas: false,
        },
        ..with_risk(None)
    };
    let (_, report) = audited(7, opts);
    let risk = report.audit.unwrap().risk.unwrap();
    assert_eq!((risk.after.k, risk.after.classes), (2, 2));
}

#[test]
fn an_unknown_quasi_identifier_is_named() {
    let opts = MaskOptions {
        risk: Some(pii_mask::risk::RiskOptions {
            quasi: vec!["postcode".into()],
            ..pii_mask::risk::RiskOptions::default()
        }),
        ..with_risk(None)
    };
    let mut m = Masker::new(Policy::from_json(PEOPLE_POLICY).unwrap(), opts).unwrap();
    let mut out = Vec::new();
    let err = m
        .push(PEOPLE, &mut out)
        .and_then(|_| m.finish(&mut out))
        .unwrap_err();
    assert_eq!(err.code(), "invalid_option");
    assert!(err.to_string().contains("no column \"postcode\""), "{err}");
}
