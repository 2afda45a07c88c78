//! Policies named after standards, for users to start from, save and edit.
//!
//! Each is an `auto` policy whose `detected` map says what happens to a
//! column found to hold each entity; the scanner decides the rest (text is
//! scrubbed, postcodes cut, states kept). What a standard asks that no
//! detector can see is listed in the preset's `coverage` so the user knows
//! to add a rule of their own.

use crate::detect::Entity;
use crate::policy::{Generalization, Op, Policy};
use serde::Serialize;
use serde_json::{json, Value};

/// A named starting policy.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Preset {
    /// What `--preset` takes, e.g. `hipaa-safe-harbor`.
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// The policy, as JSON (a version-1 policy).
    pub policy: Value,
    /// The standard's items and how the policy meets each.
    pub coverage: Vec<Coverage>,
}

/// One item of a standard and what the preset does for it.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Coverage {
    pub item: &'static str,
    /// The entities that stand for it (empty: no detector sees it).
    pub entities: Vec<&'static str>,
    /// What happens, or what the user must add.
    pub note: &'static str,
}

fn cover(item: &'static str, entities: &[Entity], note: &'static str) -> Coverage {
    Coverage {
        item,
        entities: entities.iter().map(|e| e.as_str()).collect(),
        note,
    }
}

/// `auto` with `op` for every built-in entity but those in `except`, which
/// get their own operator (`None`: the scanner's suggestion).
fn detected(op: Op, except: &[(Entity, Option<Op>)]) -> Value {
    let mut map = serde_json::Map::new();
    for e in Entity::ALL {
        let chosen = match except.iter().find(|(x, _)| *x == e) {
            Some((_, Some(o))) => o.clone(),
            Some((_, None)) => continue,
            None => op.clone(),
        };
        map.insert(
            e.as_str().into(),
            serde_json::to_value(chosen).unwrap_or_default(),
        );
    }
    json!({"version": 1, "auto": true, "default": {"op": "keep"}, "detected": map})
}

use Entity::*;

/// The presets, in the order interfaces list them.
pub fn presets() -> Vec<Preset> {
    let redact = Op::Redact {
        text: None,
        entity: None,
    };
    let hash = Op::Hash {
        length: None,
        algorithm: Default::default(),
        per_column: false,
    };
    let year = Some(Op::generalize(Generalization::Year));
    vec![
        Preset {
            name: "hipaa-safe-harbor",
            title: "HIPAA Safe Harbor",
            description: "Removes the 18 identifiers of 45 CFR 164.514(b)(2) that pii-mask can see: every detected identifier redacted (not hashed: a code derived from the identifier is not allowed), dates to their year, towns and streets redacted, postcodes cut to three characters, states kept, free text scrubbed.",
            policy: detected(redact.clone(), &[(DateTime, year.clone()), (Location, None)]),
            coverage: vec![
                cover("(A) names", &[Person], "redacted"),
                cover("(B) geographic subdivisions smaller than a state", &[Location], "towns, streets and addresses redacted; postcodes cut to their first three characters (HIPAA also asks for 000 where those three digits cover 20,000 people or fewer: check your file's ZIP3s against the Census list); states and countries kept"),
                cover("(C) dates except the year; ages over 89", &[DateTime], "dates to their year; ages are not detected: add a rule for an age column, e.g. {\"op\": \"generalize\", \"to\": \"band\", \"width\": 1, \"max\": 90}"),
                cover("(D) telephone numbers", &[PhoneNumber], "redacted"),
                cover("(E) fax numbers", &[PhoneNumber], "redacted (found as phone numbers)"),
                cover("(F) email addresses", &[EmailAddress], "redacted"),
                cover("(G) social security numbers", &[UsSsn], "redacted"),
                cover("(H) medical record numbers", &[UkNhs], "NHS numbers redacted; your own record numbers: declare them as an entity (a pattern) in the policy"),
                cover("(I) health plan beneficiary numbers", &[AuMedicare], "Medicare numbers redacted; others: declare them as an entity"),
                cover("(J) account numbers", &[UsBankNumber, IbanCode, CreditCard, AbaRoutingNumber], "redacted"),
                cover("(K) certificate and licence numbers", &[UsDriverLicense, UsPassport], "redacted"),
                cover("(L) vehicle identifiers and licence plates", &[], "not detected: declare them as an entity"),
                cover("(M) device identifiers and serial numbers", &[MacAddress], "MAC addresses redacted; serial numbers: declare them as an entity"),
                cover("(N) URLs", &[Url], "redacted"),
                cover("(O) IP addresses", &[IpAddress], "redacted"),
                cover("(P) biometric identifiers", &[], "not in a CSV's text: drop such columns"),
                cover("(Q) full-face photographs", &[], "not in a CSV's text: drop such columns"),
                cover("(R) any other unique identifying number or code", &[UkNino, UsItin, CaSin, NlBsn, DeTaxId, EsNif, EsNie, FrNir, ItFiscalCode, InAadhaar, AuTfn, SgNricFin, Crypto, ApiKey], "national numbers, wallets and secrets redacted; your own codes: declare them as an entity"),
            ],
        },
        Preset {
            name: "gdpr-pseudonymisation",
            title: "GDPR pseudonymisation",
            description: "Direct identifiers replaced by keyed hashes (Article 4(5): the key, kept apart, is the additional information), so records still join; secrets redacted; quasi-identifiers generalised as the scanner suggests (birth dates to their year, postcodes cut, towns and streets redacted). Needs a key. Pseudonymised data is still personal data under the GDPR.",
            policy: detected(hash, &[(DateTime, None), (Location, None), (ApiKey, Some(redact.clone()))]),
            coverage: vec![
                cover("direct identifiers", &[Person, EmailAddress, PhoneNumber, UsSsn, IbanCode, CreditCard, IpAddress], "keyed hash (HMAC-SHA256): equal values, equal pseudonyms"),
                cover("quasi-identifiers", &[DateTime, Location], "as the scanner suggests: birth dates to the year, postcodes cut, towns redacted; measure the rest with the risk view"),
                cover("secrets", &[ApiKey], "redacted"),
            ],
        },
        Preset {
            name: "analytics",
            title: "Analytics (k ≥ 5)",
            description: "For sharing a table to count and chart: every direct identifier dropped, dates to their year, places as the scanner suggests; then, on the page, the quasi-identifiers are generalised until every group has at least 5 records (the risk suggestion).",
            policy: detected(Op::Drop, &[(DateTime, year), (Location, None)]),
            coverage: vec![
                cover("direct identifiers", &[Person, EmailAddress, PhoneNumber, UsSsn, IbanCode, CreditCard], "column dropped"),
                cover("quasi-identifiers", &[DateTime, Location], "dates to the year, places as the scanner suggests; k ≥ 5 from the risk suggestion (page), or `pii-mask risk --k 5` then the suggested operators"),
            ],
        },
    ]
}

/// The preset called `name`, as a policy.
pub fn preset(name: &str) -> Option<Policy> {
    presets()
        .into_iter()
        .find(|p| p.name == name)
        .and_then(|p| Policy::from_value(p.policy).ok())
}
