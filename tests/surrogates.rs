use pii_mask::{MaskOptions, Masker, Policy};
const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";
#[test]
fn smoke() {
    let policy = r#"{"version": 1, "columns": {
        "name": {"op": "tokenize", "entity": "PERSON", "style": "surrogate"},
        "email": {"op": "tokenize", "entity": "EMAIL_ADDRESS", "style": "surrogate"},
        "phone": {"op": "tokenize", "entity": "PHONE_NUMBER", "style": "surrogate"},
        "card": {"op": "tokenize", "entity": "CREDIT_CARD", "style": "surrogate"},
        "iban": {"op": "tokenize", "entity": "IBAN_CODE", "style": "surrogate"},
        "born": {"op": "tokenize", "entity": "DATE_TIME", "style": "surrogate"},
        "notes": {"op": "scrub", "replace": "tokenize", "style": "surrogate"}}}"#;
    let csv = "name,email,phone,card,iban,born,notes\n\
Ann Lee,ann.lee@gmail.com,+44 7911 123456,4556 7375 8689 9855,GB82 WEST 1234 5698 7654 32,1980-02-29,call Ann Lee on 415-555-0132 or mail ann@x.io\n\
\"Lindqvist, Anna\",bo99@corp.de,(212) 867-5309,378282246310005,DE89370400440532013000,31/12/1975,Dr. Bo Chan at 10.0.0.1 https://corp.de/x/y\n";
    let opts = MaskOptions {
        key: Some(KEY.to_vec()),
        ..MaskOptions::default()
    };
    let mut m = Masker::new(Policy::from_json(policy).unwrap(), opts).unwrap();
    let mut out = Vec::new();
    m.push(csv.as_bytes(), &mut out).unwrap();
    let r = m.finish(&mut out).unwrap();
    println!("{}", String::from_utf8(out).unwrap());
    println!("{}", serde_json::to_string(&r).unwrap());
}
