//! The JavaScript boundary, run as wasm (`cargo test --target
//! wasm32-unknown-unknown --test wasm_binding`, in Node). Pins what crosses
//! the membrane: plain objects in and out, errors as JS `Error`s with the
//! core's message and code, UTF-16 offsets.
#![cfg(target_arch = "wasm32")]

use js_sys::{Reflect, JSON};
use pii_mask::wasm::{find, restore, scan, Masker, Scanner, Vault};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON parses")
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).expect("property")
}

fn message(err: JsValue) -> String {
    let err: js_sys::Error = err.dyn_into().expect("a JS Error");
    String::from(err.message())
}

fn code(err: &JsValue) -> String {
    get(err, "code")
        .as_string()
        .expect("every error has a code")
}

/// A masker with a vault of its own (the JS wrapper passes one when the
/// caller gives none).
fn masker(policy: JsValue, options: JsValue) -> Result<Masker, JsValue> {
    Masker::new(policy, options, &Vault::new())
}

const KEY: &str = r#"{"key": "0123456789abcdef0123"}"#;

#[wasm_bindgen_test]
fn masker_streams_and_reports_as_plain_objects() {
    let policy = js(
        r#"{"version": 1, "columns": {"email": {"op": "mask"}, "name": {"op": "hash", "length": 8}}}"#,
    );
    let mut m = masker(policy, js(KEY)).unwrap();
    let mut out = m.push(b"name,email\nAnn,ann@exa").unwrap();
    out.extend(m.push(b"mple.com\n").unwrap());
    out.extend(m.finish().unwrap());
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("name,email\n"), "{text}");
    assert!(text.ends_with(",***@example.com\n"), "{text}");
    assert!(!text.contains("Ann"));

    let report = m.report().unwrap();
    assert_eq!(get(&report, "rows").as_f64(), Some(1.0));
    let entities = get(&report, "entities");
    assert!(
        !entities.is_instance_of::<js_sys::Map>(),
        "maps cross as plain objects"
    );
    assert_eq!(get(&entities, "EMAIL_ADDRESS").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
fn policy_may_be_json_text() {
    let m = masker(JsValue::from_str(r#"{"version": 1}"#), JsValue::UNDEFINED);
    assert!(m.is_ok());
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_the_core_message() {
    let err = masker(
        js(r#"{"version": 1, "columns": {"a": {"op": "blur"}}}"#),
        JsValue::NULL,
    )
    .err()
    .unwrap();
    assert_eq!(code(&err), "policy_invalid");
    assert_eq!(
        get(&err, "field").as_string().as_deref(),
        Some("/columns/a")
    );
    assert!(message(err).contains("column \"a\": unknown variant `blur`"));

    let err = masker(
        js(r#"{"version": 1, "columns": {"a": {"op": "hash"}}}"#),
        JsValue::NULL,
    )
    .err()
    .unwrap();
    assert_eq!(code(&err), "missing_key");
    assert!(message(err).contains("no key was given"));

    let mut m = masker(js(r#"{"version": 1}"#), JsValue::NULL).unwrap();
    m.push(b"a,b\n1,2\n3\n")
        .map(drop)
        .unwrap_or_else(|e| panic!("{}", message(e)));
    let err = m
        .finish()
        .err()
        .unwrap_or_else(|| panic!("ragged row accepted"));
    assert_eq!(code(&err), "ragged_row");
    assert_eq!(get(&err, "line").as_f64(), Some(3.0));
    assert_eq!(
        message(err),
        "line 3: expected 2 fields, found 1 (allow ragged rows to accept this)"
    );

    let err = masker(js(r#"{"version": 1}"#), js(r#"{"delimiter": "::"}"#))
        .err()
        .unwrap();
    assert!(message(err).contains("one ASCII character"));
    let err = masker(js(r#"{"version": 1}"#), js(r#"{"colour": 1}"#))
        .err()
        .unwrap();
    assert_eq!(code(&err), "invalid_option");
    assert_eq!(get(&err, "field").as_string().as_deref(), Some("colour"));
    assert!(message(err).contains("unknown field `colour`"));
}

#[wasm_bindgen_test]
fn scan_and_scanner_agree() {
    let csv = b"id,email\n1,ann@example.com\n2,bo@example.org\n";
    let whole = scan(csv, JsValue::UNDEFINED).unwrap();
    let mut s = Scanner::new(JsValue::UNDEFINED).unwrap();
    for b in csv.chunks(3) {
        s.push(b).unwrap();
    }
    let streamed = s.finish(None).unwrap();
    assert_eq!(
        JSON::stringify(&whole).unwrap(),
        JSON::stringify(&streamed).unwrap()
    );
    let columns: js_sys::Array = get(&whole, "columns").dyn_into().unwrap();
    let email = columns.get(1);
    assert_eq!(
        get(&get(&email, "suggested"), "op").as_string().as_deref(),
        Some("mask")
    );
    assert!(
        s.finish(None).is_err(),
        "finish twice is refused, not a crash"
    );
}

#[wasm_bindgen_test]
fn find_returns_utf16_offsets_with_the_text() {
    let text = "😀 é ana@example.org";
    let spans: js_sys::Array = find(text, JsValue::UNDEFINED).unwrap().dyn_into().unwrap();
    assert_eq!(spans.length(), 1);
    let span = spans.get(0);
    let (start, end) = (
        get(&span, "start").as_f64().unwrap(),
        get(&span, "end").as_f64().unwrap(),
    );
    let js_text = js_sys::JsString::from(text);
    assert_eq!(
        String::from(js_text.slice(start as u32, end as u32)),
        "ana@example.org"
    );
    assert_eq!(
        get(&span, "type").as_string().as_deref(),
        Some("EMAIL_ADDRESS")
    );
    assert_eq!(
        get(&span, "text").as_string().as_deref(),
        Some("ana@example.org")
    );
}

#[wasm_bindgen_test]
fn find_takes_the_users_own_entities() {
    let entities = JSON::parse(r#"{"EMPLOYEE_ID":{"pattern":"EMP-[0-9]{6}"}}"#).unwrap();
    let spans: js_sys::Array = find("😀 badge EMP-123456", entities)
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(spans.length(), 1);
    let span = spans.get(0);
    assert_eq!(
        get(&span, "type").as_string().as_deref(),
        Some("EMPLOYEE_ID")
    );
    assert_eq!(get(&span, "start").as_f64(), Some(9.0));
    let bad = JSON::parse(r#"{"lower":{"pattern":"x"}}"#).unwrap();
    assert!(find("x", bad).is_err(), "a bad declaration is an error");
}

#[wasm_bindgen_test]
fn a_vault_is_shared_by_reference_exported_opened_and_restored_from() {
    let vault = Vault::new();
    let policy =
        js(r#"{"version": 1, "columns": {"name": {"op": "tokenize", "entity": "PERSON"}}}"#);
    let mut m = Masker::new(policy, js(KEY), &vault).unwrap();
    let mut out = m.push(b"name\nAnn Lee\n").unwrap();
    out.extend(m.finish().unwrap());
    let token = String::from_utf8(out)
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .to_string();
    // The masker filled the caller's vault, not a copy.
    assert_eq!(get(&vault.stats().unwrap(), "tokens").as_f64(), Some(1.0));
    let file = vault.export("a passphrase").unwrap();
    let opened = Vault::open(&file, "a passphrase").unwrap();
    let r = restore(&format!("Hi **{}**!", token.to_lowercase()), &opened).unwrap();
    assert_eq!(
        get(&r, "text").as_string().as_deref(),
        Some("Hi **Ann Lee**!")
    );
    assert_eq!(
        get(&get(&get(&r, "report"), "restored"), "PERSON").as_f64(),
        Some(1.0)
    );
    let err = Vault::open(&file, "another").err().unwrap();
    assert_eq!(code(&err), "vault_passphrase");
}
