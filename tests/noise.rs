//! The `noise` operator through the masker: numbers on the grid, the budget
//! in the report, the same noise however the input is cut, refused
//! parameters named by field.

use pii_mask::{policy::validate, MaskOptions, Masker, Policy};

const KEY: &[u8] = b"a key of sixteen+ bytes";

fn mask(policy: &str, input: &[u8], cut: usize) -> (String, serde_json::Value) {
    let opts = MaskOptions {
        key: Some(KEY.to_vec()),
        ..MaskOptions::default()
    };
    let mut m = Masker::new(Policy::from_json(policy).unwrap(), opts).unwrap();
    let mut out = Vec::new();
    for chunk in input.chunks(cut) {
        m.push(chunk, &mut out).unwrap();
    }
    let report = m.finish(&mut out).unwrap();
    (
        String::from_utf8(out).unwrap(),
        serde_json::to_value(report).unwrap(),
    )
}

const INCOMES: &str = r#"{"version": 1, "columns": {"income": {"op": "noise", "mechanism": "laplace", "epsilon": 0.5, "sensitivity": 1000, "step": 100, "min": 0}}}"#;

fn incomes() -> Vec<u8> {
    let mut input = b"id,income\n".to_vec();
    for i in 0..300 {
        input.extend_from_slice(format!("{i},{}.37\n", 30_000 + i * 17).as_bytes());
    }
    input.extend_from_slice(b"300,unknown\n301,\n");
    input
}

#[test]
fn noisy_numbers_are_on_the_grid_and_the_report_states_the_budget() {
    let (out, report) = mask(INCOMES, &incomes(), 1 << 20);
    let mut moved = 0.0;
    for (i, line) in out.lines().skip(1).take(300).enumerate() {
        let v = line.split(',').nth(1).unwrap();
        assert!(
            !v.contains('.'),
            "{v}: whole hundreds, so no input digits survive"
        );
        let x: i64 = v.parse().unwrap();
        assert_eq!(x % 100, 0, "{v} on the grid of 100");
        assert!(x >= 0, "clamped at min");
        moved += ((x - (30_000 + i as i64 * 17)) as f64).abs();
    }
    // Laplace scale 1000/0.5 = 2000: a mean absolute change near 2000.
    let mean = moved / 300.0;
    assert!((1400.0..2700.0).contains(&mean), "mean |noise| {mean}");
    assert!(
        out.ends_with("300,\n301,\n"),
        "a cell that is no number is emptied, an empty one stays"
    );
    let col = &report["columns"][1];
    assert_eq!(col["op"], "noise");
    assert_eq!(col["noise"]["mechanism"], "laplace");
    assert_eq!(col["noise"]["epsilon"], 0.5);
    assert_eq!(col["noise"]["sensitivity"], 1000.0);
    assert_eq!(col["notNumbers"], 1);
    assert!(report["columns"][0].get("noise").is_none());
}

#[test]
fn the_same_input_policy_and_key_give_the_same_noise_however_cut() {
    let input = incomes();
    let whole = mask(INCOMES, &input, 1 << 20);
    for cut in [1, 7, 64, 1000] {
        assert_eq!(mask(INCOMES, &input, cut), whole, "cut {cut}");
    }
}

#[test]
fn noise_needs_the_key_and_sound_parameters() {
    let p = Policy::from_json(INCOMES).unwrap();
    let run = Masker::new(p, MaskOptions::default()).and_then(|mut m| {
        let mut out = Vec::new();
        m.push(b"income\n1\n", &mut out)?;
        m.finish(&mut out)
    });
    assert_eq!(run.err().map(|e| e.code()), Some("missing_key"));
    // Said before any input, as for hash (the page asks for a key from it).
    let p = Policy::from_json(INCOMES).unwrap();
    assert!(p.needs_key());
    let early = Masker::new(p, MaskOptions::default()).err().unwrap();
    assert_eq!(early.code(), "missing_key");
    assert!(early.message().contains("income"), "{}", early.message());
    let bad = [
        (
            r#"{"op": "noise", "mechanism": "laplace", "epsilon": 0, "sensitivity": 1}"#,
            "/columns/x/epsilon",
        ),
        (
            r#"{"op": "noise", "mechanism": "gaussian", "epsilon": 0.5, "sensitivity": 1}"#,
            "/columns/x/delta",
        ),
        (
            r#"{"op": "noise", "mechanism": "laplace", "epsilon": 1, "sensitivity": 1, "step": 0.0000001}"#,
            "/columns/x/step",
        ),
        (
            r#"{"op": "noise", "mechanism": "laplace", "epsilon": 1}"#,
            "/columns/x",
        ),
        (
            r#"{"op": "noise", "mechanism": "uniform", "epsilon": 1, "sensitivity": 1}"#,
            "/columns/x",
        ),
    ];
    for (op, field) in bad {
        let json: serde_json::Value =
            serde_json::from_str(&format!(r#"{{"version": 1, "columns": {{"x": {op}}}}}"#))
                .unwrap();
        let problems = validate(&json);
        assert_eq!(problems.len(), 1, "{op}: {problems:?}");
        assert_eq!(problems[0].field, field, "{op}: {}", problems[0].message);
    }
}

/// The number generalisations on a whole file: bands, rounding, and the
/// cells that are not numbers counted like noise's.
#[test]
fn bands_and_rounding_through_the_masker() {
    let policy = Policy::from_json(
        r#"{"version": 1, "columns": {
            "age": {"op": "generalize", "to": "band", "width": 10, "max": 90},
            "income": {"op": "generalize", "to": "round", "step": 1000}}}"#,
    )
    .unwrap();
    let input = b"age,income\n34,52499\n95,n/a\n,\nunknown,1200.5\n";
    let mut masker = Masker::new(policy, MaskOptions::default()).unwrap();
    let mut out = Vec::new();
    masker.push(input, &mut out).unwrap();
    masker.finish(&mut out).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "age,income\n30-39,52000\n90+,\n,\n,1000\n"
    );
    let report = serde_json::to_value(masker.report()).unwrap();
    assert_eq!(report["columns"][0]["notNumbers"], 1);
    assert_eq!(report["columns"][1]["notNumbers"], 1);
    assert_eq!(report["columns"][0]["changed"], 3);
}
