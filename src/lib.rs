//! pii-mask masks, hashes and pseudonymises personal data in CSV files, on
//! the user's own machine: natively, in Node, or in a browser tab through
//! WebAssembly. Raw values never leave the process.
//!
//! ```
//! use pii_mask::{Masker, MaskOptions, Policy};
//!
//! let policy = Policy::from_json(r#"{"version": 1, "default": {"op": "keep"},
//!     "columns": {"email": {"op": "mask"}, "name": {"op": "hash"}, "notes": {"op": "scrub"}}}"#)?;
//! let opts = MaskOptions { key: Some(b"a key of 16+ bytes".to_vec()), ..MaskOptions::default() };
//! let mut masker = Masker::new(policy, opts)?;
//! let mut out = Vec::new();
//! masker.push(b"name,email,notes\nAnn Lee,ann@example.com,\"call 415-555-0132\"\n", &mut out)?;
//! let report = masker.finish(&mut out)?;
//! let out = String::from_utf8(out).unwrap();
//! assert!(out.ends_with(",***@example.com,call [PHONE_NUMBER]\n"));
//! assert!(!out.contains("Ann Lee"));
//! assert_eq!(report.rows, 1);
//! # Ok::<(), pii_mask::Error>(())
//! ```
//!
//! Data flows one way: bytes → [`csv::Reader`] → records → [`Masker`] (the
//! [`Policy`] picks an operator per column; operators and the free-text scrub
//! use [`detect`]) → [`csv::Writer`] → bytes. Scanning is the same road cut
//! short: bytes → reader → sample → [`classify`].
//!
//! | module | holds |
//! |---|---|
//! | [`csv`] | incremental reading (csv-core) and writing, dialect sniffing |
//! | [`detect`] | entity types, recognizers, checksums |
//! | [`classify`] | column → entities and a suggested operator |
//! | [`ops`] | keep, drop, redact, mask, hash, tokenize (tokens or surrogates), scrub |
//! | [`policy`] | the user's rules, validated on load |
//! | [`pipeline`] | the streaming masker |
//! | [`report`] | what was done, never raw values |
//! | [`vault`] | tokens and surrogates -> originals, exported encrypted (AES-256-GCM, Argon2id) |
//! | [`restore`] | originals put back into text that quotes tokens or surrogates, incrementally |
//! | [`restore_csv`] | the same cell by cell for a CSV, quoted again as the originals need |
//! | [`split`] | one file masked in parts by several workers, as one pass |
//! | [`validate`] | the policy's validation rules: reject, drop or flag bad rows |
//! | [`risk`] | re-identification risk: k-anonymity, l-diversity, ARX's attacker models |
//! | [`catalogue`] | operators, entities, encodings and errors described for interfaces; a policy resolved per column |
//!
//! `wasm.rs` (wasm32 only) is the thin JavaScript boundary.

pub mod catalogue;
pub mod classify;
pub mod cli_options;
pub mod csv;
pub mod custom;
pub mod detect;
mod error;
pub mod ops;
pub mod pipeline;
pub mod policy;
pub mod presets;
pub mod report;
pub mod restore;
pub mod restore_csv;
pub mod risk;
pub mod schema;
pub mod split;
pub mod validate;
pub mod vault;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use classify::{scan, Header, ScanOptions, ScanResult, Scanner};
pub use csv::CsvOptions;
pub use error::{Error, ErrorKind};
pub use pipeline::{MaskOptions, Masker, WriteOptions};
pub use policy::Policy;
pub use report::Report;
pub use restore::{restore, RestoreReport, Restorer};
pub use vault::{Vault, VaultParams};
