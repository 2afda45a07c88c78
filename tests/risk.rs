//! Re-identification risk: each figure against a brute-force computation of
//! its definition (ARX's, after El Emam 2013, as named in `src/risk.rs`).

use pii_mask::risk::{risk, RiskAnalyzer, RiskAssessor, RiskOptions};
use pii_mask::{Header, MaskOptions, Policy};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn opts(quasi: &[&str], sensitive: Option<&str>) -> RiskOptions {
    RiskOptions {
        quasi: quasi.iter().map(|s| s.to_string()).collect(),
        sensitive: sensitive.map(String::from),
        header: Header::Present,
        ..RiskOptions::default()
    }
}

/// The definitions, computed the slow way from the rows.
struct Brute {
    k: u64,
    classes: u64,
    below: [u64; 3],
    l: u64,
    at_risk: f64,
    average: f64,
}

fn brute(rows: &[(String, String, String)], threshold: f64) -> Brute {
    let mut classes: BTreeMap<(&str, &str), (u64, BTreeSet<&str>)> = BTreeMap::new();
    for (a, b, s) in rows {
        let c = classes.entry((a, b)).or_default();
        c.0 += 1;
        c.1.insert(s);
    }
    let n = rows.len() as f64;
    // Each record's prosecutor risk is 1/f of its class.
    let record_risks: Vec<f64> = classes
        .values()
        .flat_map(|(f, _)| std::iter::repeat_n(1.0 / *f as f64, *f as usize))
        .collect();
    Brute {
        k: classes.values().map(|c| c.0).min().unwrap_or(0),
        classes: classes.len() as u64,
        below: [2, 5, 10].map(|t| classes.values().filter(|c| c.0 < t).map(|c| c.0).sum()),
        l: classes
            .values()
            .map(|c| c.1.len() as u64)
            .min()
            .unwrap_or(0),
        at_risk: record_risks.iter().filter(|&&r| r > threshold).count() as f64 / n,
        // The mean of the records' risks: Σ f·(1/f) / n = classes / n.
        average: record_risks.iter().sum::<f64>() / n,
    }
}

fn csv(rows: &[(String, String, String)]) -> Vec<u8> {
    let mut out = b"age,zip,dx\n".to_vec();
    for (a, b, s) in rows {
        out.extend_from_slice(format!("{a},{b},{s}\n").as_bytes());
    }
    out
}

proptest! {
    #[test]
    fn figures_match_brute_force_whatever_the_chunks(
        rows in prop::collection::vec(("[1-4]", "[a-c]", "[x-z]"), 1..80),
        cut in 1usize..64,
    ) {
        let rows: Vec<(String, String, String)> = rows;
        let want = brute(&rows, 0.2);
        let input = csv(&rows);
        let mut r = RiskAnalyzer::new(opts(&["age", "zip"], Some("dx"))).unwrap();
        for chunk in input.chunks(cut) {
            r.push(chunk).unwrap();
        }
        let got = r.finish().unwrap();
        prop_assert_eq!(got.records, rows.len() as u64);
        prop_assert_eq!(got.k, want.k);
        prop_assert_eq!(got.classes, want.classes);
        prop_assert_eq!([got.records_below.two, got.records_below.five, got.records_below.ten], want.below);
        prop_assert_eq!(got.l, Some(want.l));
        prop_assert!((got.risk.prosecutor.at_risk - want.at_risk).abs() < 1e-12);
        prop_assert!((got.risk.prosecutor.average - want.average).abs() < 1e-12);
        prop_assert!((got.risk.prosecutor.highest - 1.0 / want.k as f64).abs() < 1e-12);
        prop_assert!(got.exact);
        prop_assert_eq!(got.risk.journalist, None);
    }
}

#[test]
fn a_small_table_by_hand() {
    // Classes (34,10115) x3, (51,10117) x1: k = 1; the lone record is at risk.
    let input = b"age,zip,dx\n34,10115,flu\n34,10115,cold\n34,10115,flu\n51,10117,flu\n";
    let r = risk(input, opts(&["age", "zip"], Some("dx"))).unwrap();
    assert_eq!((r.records, r.classes, r.k, r.l), (4, 2, 1, Some(1)));
    assert_eq!(
        (
            r.records_below.two,
            r.records_below.five,
            r.records_below.ten
        ),
        (1, 4, 4)
    );
    // 1/3 and 1/1 are both above 0.2: every record is at risk.
    assert_eq!(r.risk.prosecutor.at_risk, 1.0);
    assert_eq!(r.risk.prosecutor.highest, 1.0);
    assert_eq!(r.risk.prosecutor.average, 0.5);
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["records_below"]["5"], 4);
    assert_eq!(json["risk"]["journalist"], serde_json::Value::Null);
}

#[test]
fn journalist_and_marketer_from_a_population_table() {
    let input = b"age,zip\n34,10115\n34,10115\n51,10117\n";
    let population = b"zip,age,count\n10115,34,10\n10117,51,4\n99999,20,100\n".to_vec();
    let o = RiskOptions {
        population: Some(population),
        ..opts(&["age", "zip"], None)
    };
    let r = risk(input, o).unwrap();
    let j = r.risk.journalist.unwrap();
    // Records' risks 1/F: 1/10, 1/10, 1/4; threshold 0.2: one record above.
    assert!((j.at_risk - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(j.highest, 0.25);
    // max(classes/ΣF, Σ(f/F)/n) = max(2/14, (2/10 + 1/4)/3)
    let marketer = (2.0 / 10.0 + 1.0 / 4.0) / 3.0;
    assert!((j.average - (2.0f64 / 14.0).max(marketer)).abs() < 1e-12);
    assert!((r.risk.marketer.unwrap().average - marketer).abs() < 1e-12);
    assert_eq!(r.population_missing, Some(0));
}

#[test]
fn a_population_smaller_than_the_sample_counts_as_the_sample() {
    let input = b"age\n34\n34\n34\n";
    let o = RiskOptions {
        population: Some(b"age,count\n34,1\n".to_vec()),
        ..opts(&["age"], None)
    };
    let r = risk(input, o).unwrap();
    assert_eq!(r.risk.journalist.unwrap().highest, 1.0 / 3.0);
}

#[test]
fn beyond_the_bound_the_figures_are_estimated_and_say_so() {
    // 4,000 unique records and 2,000 pairs: 6,000 classes, 8,000 records.
    let mut input = b"id\n".to_vec();
    for i in 0..4000 {
        input.extend_from_slice(format!("u{i}\n").as_bytes());
    }
    for i in 0..2000 {
        input.extend_from_slice(format!("p{i}\np{i}\n").as_bytes());
    }
    let exact = risk(&input, opts(&["id"], None)).unwrap();
    assert!(exact.exact);
    assert_eq!((exact.classes, exact.records_below.two), (6000, 4000));
    let o = RiskOptions {
        max_classes: 500,
        ..opts(&["id"], None)
    };
    let est = risk(&input, o).unwrap();
    assert!(!est.exact);
    assert!(est.sampled <= 0.125, "{}", est.sampled);
    assert_eq!(est.records, 8000);
    let near = |got: f64, want: f64| (got - want).abs() / want < 0.25;
    assert!(near(est.classes as f64, 6000.0), "{}", est.classes);
    assert!(
        near(est.records_below.two as f64, 4000.0),
        "{}",
        est.records_below.two
    );
    assert_eq!(est.k, 1);
    assert!(
        near(est.risk.prosecutor.average, 0.75),
        "{}",
        est.risk.prosecutor.average
    );
}

#[test]
fn after_a_policy_generalising_and_dropping_raise_k() {
    let input = b"name,birth,zip,dx\nAnn Lee,1984-03-02,10115,flu\nBo Kim,1984-11-20,10117,flu\nCy Diaz,1990-01-05,10115,cold\nDee Park,1990-07-30,10119,cold\n";
    let policy = Policy::from_json(
        r#"{"version": 1, "columns": {"name": {"op": "drop"}, "birth": {"op": "generalize", "to": "year"}, "zip": {"op": "drop"}}}"#,
    )
    .unwrap();
    let mut a = RiskAssessor::new(
        opts(&["birth", "zip"], Some("dx")),
        policy,
        MaskOptions::default(),
    )
    .unwrap();
    for chunk in input.chunks(7) {
        a.push(chunk).unwrap();
    }
    let r = a.finish().unwrap();
    assert_eq!((r.before.k, r.before.classes), (1, 4));
    // After: birth year only (zip dropped): classes 1984 and 1990, two each.
    assert_eq!((r.after.k, r.after.classes, r.after.records), (2, 2, 4));
    assert_eq!(r.after.l, Some(1));
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["k"], 2);
    assert_eq!(json["before"]["k"], 1);
}

#[test]
fn columns_by_index_without_a_header() {
    let o = RiskOptions {
        header: Header::Absent,
        ..opts(&["#1"], None)
    };
    let r = risk(b"a,x\nb,x\nc,y\n", o).unwrap();
    assert_eq!((r.records, r.k, r.classes), (3, 1, 2));
}

#[test]
fn an_unknown_column_is_named_with_the_columns_there_are() {
    let e = risk(b"age,zip\n1,2\n", opts(&["postcode"], None)).unwrap_err();
    assert_eq!(e.code(), "invalid_option");
    assert_eq!(e.field(), Some("quasi"));
    assert!(
        e.to_string()
            .contains("\"postcode\" (the columns: age, zip)"),
        "{e}"
    );
    let e = RiskAnalyzer::new(opts(&[], None)).err().unwrap();
    assert_eq!(e.field(), Some("quasi"));
    let o = RiskOptions {
        population: Some(b"age,n\n1,2\n".to_vec()),
        ..opts(&["age"], None)
    };
    let e = RiskAnalyzer::new(o).err().unwrap();
    assert!(e.to_string().contains("no column \"count\""), "{e}");
}

#[test]
fn a_header_cell_that_is_personal_data_is_never_echoed() {
    let e = risk(b"age,ann@example.com\n1,2\n", opts(&["x"], None)).unwrap_err();
    assert!(!e.to_string().contains("ann@"), "{e}");
    assert!(e.to_string().contains("#1"), "{e}");
}

#[test]
fn the_scanner_suggests_the_quasi_identifiers() {
    let input = b"email,age,geslacht,zip,dob,created_at,country,job_title,amount\n\
        ann@example.com,34,v,10115,1984-03-02,2024-01-05 10:00,Germany,Nurse,12.50\n\
        bo@example.org,51,m,10117,1971-11-20,2024-02-07 11:30,France,Baker,7.00\n\
        cy@example.net,29,v,10119,1995-06-30,2024-03-09 09:15,Spain,Pilot,3.20\n";
    let scan = pii_mask::scan(input, pii_mask::ScanOptions::default()).unwrap();
    let quasi: Vec<&str> = scan
        .columns
        .iter()
        .filter(|c| c.quasi)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(quasi, ["age", "geslacht", "zip", "dob", "job_title"]);
}

/// A table of ages, postcodes and genders: distinct enough that k is 1.
fn people(n: u64) -> Vec<u8> {
    let mut out = b"age,zip,gender,dx\n".to_vec();
    for i in 0..n {
        let age = 18 + (i * 37 + i / 7) % 70;
        let zip = format!("0{}{:03}", 2 + i % 3, (i * 131) % 1000);
        let gender = ["F", "M"][(i % 2) as usize];
        out.extend_from_slice(format!("{age},{zip},{gender},x{}\n", i % 4).as_bytes());
    }
    out
}

fn suggest(input: &[u8], target: u64) -> pii_mask::risk::Suggestion {
    let o = RiskOptions {
        target: Some(target),
        ..opts(&["age", "zip", "gender"], None)
    };
    risk(input, o).unwrap().suggestion.unwrap()
}

/// The suggested operators, as a policy, reach the target when the table
/// is masked with them: measured again on the masked output.
#[test]
fn the_suggestion_reaches_the_target_when_applied() {
    let input = people(400);
    assert_eq!(
        risk(&input, opts(&["age", "zip", "gender"], None))
            .unwrap()
            .k,
        1
    );
    for target in [2, 5, 10] {
        let s = suggest(&input, target);
        assert!(s.reached && s.complete && s.k >= target, "{s:?}");
        let columns: BTreeMap<&str, &pii_mask::policy::Op> = s
            .columns
            .iter()
            .map(|c| (c.column.as_str(), &c.op))
            .collect();
        let policy = serde_json::json!({"version": 1, "columns": columns}).to_string();
        let policy = Policy::from_json(&policy).unwrap();
        let mut a = RiskAssessor::new(
            opts(&["age", "zip", "gender"], None),
            policy,
            MaskOptions::default(),
        )
        .unwrap();
        a.push(&input).unwrap();
        let after = a.finish().unwrap().after;
        assert_eq!(after.k, s.k, "target {target}");
        assert!(s.loss > 0.0 && s.loss < 1.0);
    }
}

/// Ages, postcodes, genders and birth dates (ISO): k is 1.
fn people_born(n: u64) -> Vec<u8> {
    let mut out = b"age,zip,gender,birth,dx\n".to_vec();
    for i in 0..n {
        let age = 18 + (i * 37 + i / 7) % 70;
        let zip = format!("0{}{:03}", 2 + i % 3, (i * 131) % 1000);
        let gender = ["F", "M"][(i % 2) as usize];
        let birth = format!(
            "{}-{:02}-{:02}",
            1950 + (i * 7) % 3,
            1 + (i * 5) % 12,
            1 + (i * 11) % 28
        );
        out.extend_from_slice(format!("{age},{zip},{gender},{birth},x{}\n", i % 4).as_bytes());
    }
    out
}

/// Sweeney's precision loss of the suggestion is the least of every
/// combination of rungs that reaches the target (checked by trying them all
/// through the masker), with a date column whose ladder climbs through
/// month and quarter before year.
#[test]
fn the_suggestion_is_the_least_lossy_that_reaches_the_target() {
    let input = people_born(120);
    let quasi = ["age", "zip", "gender", "birth"];
    let s = risk(
        &input,
        RiskOptions {
            target: Some(4),
            ..opts(&quasi, None)
        },
    )
    .unwrap()
    .suggestion
    .unwrap();
    assert!(s.reached);
    // Every combination of the same ladders, applied for real.
    let ladders: Vec<Vec<pii_mask::policy::Op>> = (0..quasi.len())
        .map(|i| {
            let one = suggest_ladder(&input, i);
            assert_eq!(one.len() as u32, s.columns[i].levels + 1);
            one
        })
        .collect();
    let month = serde_json::json!({"op": "generalize", "to": "month"});
    assert_eq!(serde_json::to_value(&ladders[3][1]).unwrap(), month);
    let mut best = f64::MAX;
    let mut levels = vec![0usize; quasi.len()];
    'all: loop {
        let cols: serde_json::Map<String, serde_json::Value> = quasi
            .iter()
            .zip(&levels)
            .zip(&ladders)
            .map(|((q, &l), ladder)| (q.to_string(), serde_json::to_value(&ladder[l]).unwrap()))
            .collect();
        let policy =
            Policy::from_json(&serde_json::json!({"version": 1, "columns": cols}).to_string())
                .unwrap();
        let mut r = RiskAssessor::new(opts(&quasi, None), policy, MaskOptions::default()).unwrap();
        r.push(&input).unwrap();
        if r.finish().unwrap().after.k >= 4 {
            let loss: f64 = levels
                .iter()
                .zip(&ladders)
                .map(|(&l, ladder)| l as f64 / (ladder.len() - 1) as f64)
                .sum::<f64>()
                / quasi.len() as f64;
            best = best.min(loss);
        }
        // The next combination, as an odometer.
        for (l, ladder) in levels.iter_mut().zip(&ladders) {
            *l += 1;
            if *l < ladder.len() {
                continue 'all;
            }
            *l = 0;
        }
        break;
    }
    assert!(
        (s.loss - best).abs() < 1e-12,
        "suggested {} best {best}",
        s.loss
    );
    // Here the least loss keeps the birth month: a rung the ladder only
    // has since it climbs through month and quarter.
    assert_eq!(s.columns[3].op, ladders[3][1]);
}

/// A column's ladder, from its distinct values.
fn suggest_ladder(input: &[u8], column: usize) -> Vec<pii_mask::policy::Op> {
    let text = std::str::from_utf8(input).unwrap();
    let values: BTreeSet<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(column).unwrap())
        .collect();
    pii_mask::risk::ladder(&values.into_iter().collect::<Vec<_>>())
}

#[test]
fn a_target_above_the_records_is_not_reached() {
    let input = people(7);
    let s = suggest(&input, 8);
    assert!(!s.reached && s.complete);
    assert_eq!(s.k, 7, "every quasi-identifier dropped: one class");
    assert!(s.columns.iter().all(|c| c.op == pii_mask::policy::Op::Drop));
    let o = RiskOptions {
        target: Some(0),
        ..opts(&["age"], None)
    };
    assert_eq!(RiskAnalyzer::new(o).err().unwrap().field(), Some("target"));
}

/// A risk run measures every row: the policy's `validate` section, which
/// would stop a mask run (`reject`), leave rows out (`drop`) or add a
/// column (`flag`), is ignored.
#[test]
fn a_risk_run_ignores_the_policys_validation_rules() {
    let input = b"name,birth,zip\nAnn Lee,1984-03-02,10115\nBo Kim,not a date,10117\nCy Diaz,1990-01-05,10115\n";
    let plain = r#"{"version": 1, "columns": {"name": {"op": "drop"}}}"#;
    let measure = |policy: &str| {
        let mut a = RiskAssessor::new(
            opts(&["birth", "zip"], None),
            Policy::from_json(policy).unwrap(),
            MaskOptions::default(),
        )
        .unwrap();
        a.push(input).unwrap();
        a.finish()
    };
    let want = measure(plain).unwrap();
    assert_eq!(want.after.records, 3);
    for mode in ["reject", "drop", "flag"] {
        let policy = format!(
            r#"{{"version": 1, "columns": {{"name": {{"op": "drop"}}}},
                "validate": {{"mode": "{mode}", "columns": {{"birth": {{"type": "date", "format": "%Y-%m-%d"}}}}}}}}"#
        );
        // The same policy stops a mask run in reject mode.
        if mode == "reject" {
            let mut m =
                pii_mask::Masker::new(Policy::from_json(&policy).unwrap(), MaskOptions::default())
                    .unwrap();
            let mut out = Vec::new();
            let failed = m.push(input, &mut out).and_then(|_| m.finish(&mut out));
            assert!(failed.is_err(), "{mode}");
        }
        assert_eq!(measure(&policy).unwrap(), want, "{mode}");
    }
}
