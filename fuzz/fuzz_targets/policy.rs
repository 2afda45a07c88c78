//! Policy parsing on arbitrary JSON text.
//!
//! Invariants: no panic; an accepted policy round-trips through `to_json`;
//! a refused one gets a message that starts with `policy:`; resolving an
//! accepted policy against a header made from its own column names, and
//! building a masker from it, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pii_mask::policy::ColumnRef;
use pii_mask::{MaskOptions, Masker, Policy};

fuzz_target!(|data: &[u8]| {
    let json = String::from_utf8_lossy(data);
    let policy = match Policy::from_json(&json) {
        Ok(p) => p,
        Err(e) => {
            assert!(
                e.to_string().starts_with("policy: "),
                "unexpected error kind: {e}"
            );
            return;
        }
    };
    let again = Policy::from_json(&policy.to_json()).expect("to_json output parses");
    assert_eq!(again, policy, "policy does not round-trip");

    let names: Vec<String> = policy
        .columns
        .keys()
        .filter_map(|k| match k {
            ColumnRef::Name(n) => Some(n.clone()),
            ColumnRef::Index(_) => None,
        })
        .collect();
    let width = names.len().max(3);
    let _ = policy.resolve(Some(&names), width, None);
    let _ = policy.resolve(None, width, None);
    for key in [None, Some(b"a key of sixteen bytes".to_vec())] {
        let opts = MaskOptions {
            key,
            ..MaskOptions::default()
        };
        if let Ok(mut m) = Masker::new(policy.clone(), opts) {
            let mut out = Vec::new();
            let _ = m.push(b"a,b,c\n1,2,3\n", &mut out);
            let _ = m.finish(&mut out);
        }
    }
});
