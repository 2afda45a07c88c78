//! What to do with a value: the operators a policy names, ready to run.

pub(crate) mod date;
pub(crate) mod decimal;
mod generalize;
mod hash;
mod mask;
pub(crate) mod mentions;
pub mod noise;
pub mod shift;
pub(crate) mod surrogate;

pub use hash::{column_key, Hasher, MIN_KEY_BYTES};
pub use mask::{mask_cell, mask_chars, mask_value};

pub(crate) use generalize::year_of;
pub use generalize::{BadParam, Bands, Generalizer};

use crate::custom::CustomEntities;
use crate::detect::Entity;
use crate::policy::{Op, ScrubReplace, TokenStyle};
use crate::vault::Vault;
use crate::{Error, ErrorKind};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// `tokenize`'s state: the masking key, the vault the tokens go to, the
/// style and (for surrogates) the key's date shift.
#[derive(Clone)]
pub(crate) struct Tokenizer {
    mac: Hmac<Sha256>,
    vault: Vault,
    style: TokenStyle,
    shift: i64,
}

impl Tokenizer {
    fn new(key: Option<&[u8]>, vault: &Vault, style: TokenStyle) -> Result<Tokenizer, Error> {
        let key = key.ok_or_else(|| Error::new(ErrorKind::MissingKey, "no key was given"))?;
        if key.len() < MIN_KEY_BYTES {
            return Err(Error::new(
                ErrorKind::KeyTooShort,
                format!(
                    "the key is {} bytes; at least {MIN_KEY_BYTES} bytes (128 bits) are required",
                    key.len()
                ),
            ));
        }
        vault.bind_key(key)?;
        let mac: Hmac<Sha256> = Hmac::new_from_slice(key)
            .map_err(|e| Error::new(ErrorKind::KeyTooShort, e.to_string()))?;
        // One shift for every date under the key, so intervals survive.
        let mut seed = [0u8; 32];
        seed.copy_from_slice(
            &mac.clone()
                .chain_update(b"pii-mask date shift")
                .finalize()
                .into_bytes(),
        );
        let shift = surrogate::date_shift(&mut surrogate::Draw::new(seed));
        Ok(Tokenizer {
            mac,
            vault: vault.clone(),
            style,
            shift,
        })
    }

    /// Writes the token or surrogate of `value`; says whether it is a
    /// surrogate (which the residual check must not report).
    fn token_into(&self, entity: &str, value: &str, out: &mut Vec<u8>) -> bool {
        let made = match self.style {
            TokenStyle::Token => self.vault.token(&self.mac, entity, value),
            TokenStyle::Surrogate => {
                let s = self.vault.surrogate(&self.mac, entity, value, self.shift);
                out.extend_from_slice(s.as_bytes());
                return self.vault.is_surrogate(&s);
            }
        };
        out.extend_from_slice(made.as_bytes());
        false
    }
}

/// An operator compiled for one column: key applied, texts chosen.
#[derive(Clone)]
pub(crate) enum Action {
    Keep,
    Drop,
    Redact(Vec<u8>),
    Mask {
        ch: char,
        chars: Option<usize>,
        from_end: bool,
        entity: Option<Entity>,
    },
    Hash(Hasher),
    /// The tokenizer and the entity name its tokens carry.
    Tokenize(Tokenizer, String),
    Generalize(Box<Generalizer>),
    Noise(Box<noise::Noise>),
    /// The shift, and the index of its subject column once bound to the
    /// file ([`Action::bind`]).
    DateShift(Box<shift::DateShift>, usize),
    /// Characters kept.
    Truncate(usize),
    Scrub {
        only: Option<Vec<Entity>>,
        custom: CustomEntities,
        /// With `"replace": "tokenize"`.
        tokens: Option<Tokenizer>,
    },
}

/// What an operator may read of its row besides its own cell.
#[derive(Clone, Copy, Default)]
pub(crate) struct RowView<'a> {
    /// The value of the row's [`Action::subject`] column (empty for the
    /// others).
    pub subject: &'a [u8],
    /// The row's values in masked columns, which `scrub` removes from the
    /// text too (empty for the others).
    pub known: &'a [mentions::Known<'a>],
    /// The operator's own column, whose value is not searched for in itself.
    pub column: usize,
}

/// The cell must be text for this operator, and it is not valid UTF-8.
pub(crate) struct NotText;

impl Action {
    /// `entity` is what the column holds, if known (from the policy or the
    /// scanner); it picks the redaction label and the mask shape. `column`
    /// is the column's name, for hashes with a key per column; `custom` the
    /// policy's own entities, which `scrub` finds too; `vault` where
    /// `tokenize` records its tokens.
    pub fn compile(
        op: &Op,
        entity: Option<Entity>,
        key: Option<&[u8]>,
        column: &str,
        custom: &CustomEntities,
        vault: &Vault,
    ) -> Result<Action, Error> {
        Ok(match op {
            Op::Keep => Action::Keep,
            Op::Drop => Action::Drop,
            Op::Redact { text, entity: e } => Action::Redact(
                text.clone()
                    .unwrap_or_else(|| match e.or(entity) {
                        Some(e) => format!("[{e}]"),
                        None => "[REDACTED]".to_string(),
                    })
                    .into_bytes(),
            ),
            Op::Mask {
                char,
                chars,
                from_end,
                entity: e,
            } => Action::Mask {
                ch: char.unwrap_or('*'),
                chars: *chars,
                from_end: *from_end,
                entity: e.or(entity),
            },
            Op::Hash {
                length,
                algorithm,
                per_column,
            } => {
                let key =
                    key.ok_or_else(|| Error::new(ErrorKind::MissingKey, "no key was given"))?;
                // The only way a hasher fails to build is a short key.
                let short = |e: String| Error::new(ErrorKind::KeyTooShort, e);
                let length = length.unwrap_or(16);
                if *per_column {
                    let derived = column_key(key, column).map_err(short)?;
                    Action::Hash(Hasher::new(&derived, *algorithm, length).map_err(short)?)
                } else {
                    Action::Hash(Hasher::new(key, *algorithm, length).map_err(short)?)
                }
            }
            Op::Generalize { .. } => {
                Action::Generalize(Box::new(Generalizer::new(op).map_err(|(field, e)| {
                    Error::new(ErrorKind::PolicyInvalid, e).at_field(field)
                })?))
            }
            Op::Noise {
                mechanism,
                epsilon,
                delta,
                sensitivity,
                step,
                min,
                max,
            } => {
                let key =
                    key.ok_or_else(|| Error::new(ErrorKind::MissingKey, "no key was given"))?;
                let bad = |field: &str, e: String| {
                    Error::new(ErrorKind::PolicyInvalid, format!("noise: {e}")).at_field(field)
                };
                let params = noise::NoiseParams::new(
                    *mechanism,
                    *sensitivity,
                    *epsilon,
                    *delta,
                    step.unwrap_or(1.0),
                    *min,
                    *max,
                )
                .map_err(|e| bad(e.0, e.1))?;
                let n = noise::Noise::new(key, column, params)
                    .map_err(|e| Error::new(ErrorKind::KeyTooShort, e))?;
                Action::Noise(Box::new(n))
            }
            Op::DateShift {
                by,
                days,
                allow_zero,
                format,
            } => {
                let key =
                    key.ok_or_else(|| Error::new(ErrorKind::MissingKey, "no key was given"))?;
                let shift = shift::DateShift::new(key, by, *days, *allow_zero, format.as_deref())
                    .map_err(|(field, e)| match field {
                    "" => Error::new(ErrorKind::KeyTooShort, e),
                    _ => Error::new(ErrorKind::PolicyInvalid, e).at_field(field),
                })?;
                // Bound to the file's columns once the header is known.
                Action::DateShift(Box::new(shift), usize::MAX)
            }
            Op::Truncate { max } => Action::Truncate(*max),
            Op::Tokenize { entity: e, style } => Action::Tokenize(
                Tokenizer::new(key, vault, *style)?,
                e.or(entity)
                    .map_or_else(|| "VALUE".to_string(), |e| e.as_str().to_string()),
            ),
            Op::Scrub {
                entities,
                replace,
                style,
            } => Action::Scrub {
                only: entities.clone(),
                custom: custom.clone(),
                tokens: match replace {
                    ScrubReplace::Label => None,
                    ScrubReplace::Tokenize => Some(Tokenizer::new(key, vault, *style)?),
                },
            },
        })
    }

    /// Finds the column an operator reads besides its own (`date_shift`'s
    /// subject) among the file's: `names` is the header, `width` its
    /// columns. The error says what is missing.
    pub fn bind(&mut self, names: Option<&[String]>, width: usize) -> Result<(), String> {
        let Action::DateShift(shift, index) = self else {
            return Ok(());
        };
        let found = match crate::policy::ColumnRef::parse(&shift.by) {
            crate::policy::ColumnRef::Index(i) => (i < width).then_some(i),
            crate::policy::ColumnRef::Name(n) => {
                names.and_then(|ns| ns.iter().position(|x| *x == n))
            }
        };
        *index = found.ok_or_else(|| {
            let known = match names {
                Some(ns) => ns.join(", "),
                None => format!("no header: #0 to #{}", width.saturating_sub(1)),
            };
            format!(
                "date_shift by {:?}: the file has no such column (columns: {known})",
                shift.by
            )
        })?;
        Ok(())
    }

    /// The column whose value `apply` needs as `subject`, if any.
    pub fn subject(&self) -> Option<usize> {
        match self {
            Action::DateShift(_, i) => Some(*i),
            _ => None,
        }
    }

    /// Writes the new value of `cell` (on input line `line`) into `out`
    /// (cleared first). Calls `found` for each piece of personal data the
    /// operator recognised; sets `made` to the byte ranges of `out` that
    /// are surrogates (cleared first). `noise` writes nothing for a cell
    /// that is not a number. `row` is what the operator may read of the
    /// rest of its row.
    pub fn apply(
        &self,
        cell: &[u8],
        line: u64,
        row: RowView<'_>,
        out: &mut Vec<u8>,
        made: &mut Vec<std::ops::Range<usize>>,
        found: &mut impl FnMut(Entity),
    ) -> Result<(), NotText> {
        out.clear();
        made.clear();
        if cell.is_empty() {
            return Ok(());
        }
        match self {
            Action::Keep | Action::Drop => out.extend_from_slice(cell),
            Action::Redact(text) => out.extend_from_slice(text),
            Action::Hash(h) => h.hash_into(cell, out),
            Action::Tokenize(t, entity) => {
                if t.token_into(entity, std::str::from_utf8(cell).map_err(|_| NotText)?, out) {
                    made.push(0..out.len());
                }
            }
            Action::Noise(n) => {
                let _ = n.apply(std::str::from_utf8(cell).map_err(|_| NotText)?, line, out);
            }
            Action::Generalize(g) => {
                let _ = g.apply(std::str::from_utf8(cell).map_err(|_| NotText)?, out);
            }
            Action::Truncate(max) => {
                let text = std::str::from_utf8(cell).map_err(|_| NotText)?;
                // The byte where the character after the first `max` starts.
                let end = text.char_indices().nth(*max).map_or(cell.len(), |(i, _)| i);
                out.extend_from_slice(&cell[..end]);
            }
            Action::DateShift(shift, _) => {
                let _ = shift.apply(
                    std::str::from_utf8(cell).map_err(|_| NotText)?,
                    row.subject,
                    out,
                );
            }
            Action::Mask {
                ch,
                chars,
                from_end,
                entity,
            } => {
                let text = std::str::from_utf8(cell).map_err(|_| NotText)?;
                let (masked, fits) = mask_cell(text, *ch, *chars, *from_end, *entity);
                if let Some(e) = fits {
                    found(e);
                }
                out.extend_from_slice(masked.as_bytes());
            }
            Action::Scrub {
                only,
                custom,
                tokens,
            } => {
                let text = std::str::from_utf8(cell).map_err(|_| NotText)?;
                let wanted = |e: &Entity| only.as_ref().is_none_or(|o| o.contains(e));
                let mut last = 0;
                let mut emit = |f: crate::detect::Finding| {
                    if !wanted(&f.entity) {
                        return;
                    }
                    found(f.entity);
                    out.extend_from_slice(&cell[last..f.start]);
                    match tokens {
                        Some(t) => {
                            let start = out.len();
                            if t.token_into(f.entity.as_str(), &text[f.start..f.end], out) {
                                made.push(start..out.len());
                            }
                        }
                        None => {
                            out.push(b'[');
                            out.extend_from_slice(f.entity.as_str().as_bytes());
                            out.push(b']');
                        }
                    }
                    last = f.end;
                };
                if row.known.is_empty() {
                    custom.find_each(text, emit);
                } else {
                    let mut all = Vec::new();
                    custom.find_each(text, |f| all.push(f));
                    mentions::find(text, row.known, row.column, &mut all);
                    mentions::join(&mut all);
                    all.into_iter().for_each(&mut emit);
                }
                out.extend_from_slice(&cell[last..]);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(op: &str, cell: &str) -> String {
        let op: Op = serde_json::from_str(op).unwrap();
        let action = Action::compile(
            &op,
            None,
            Some(b"0123456789abcdef"),
            "c",
            &CustomEntities::default(),
            &Vault::new(),
        )
        .unwrap();
        let mut out = Vec::new();
        let mut seen = Vec::new();
        assert!(action
            .apply(
                cell.as_bytes(),
                1,
                RowView::default(),
                &mut out,
                &mut Vec::new(),
                &mut |e| { seen.push(e) }
            )
            .is_ok());
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn scrub_replaces_only_the_spans() {
        assert_eq!(
            run(
                r#"{"op":"scrub"}"#,
                "Call 415-555-0132 or mail a@b.io, thanks"
            ),
            "Call [PHONE_NUMBER] or mail [EMAIL_ADDRESS], thanks"
        );
        assert_eq!(
            run(
                r#"{"op":"scrub","entities":["EMAIL_ADDRESS"]}"#,
                "415-555-0132 a@b.io"
            ),
            "415-555-0132 [EMAIL_ADDRESS]"
        );
    }

    #[test]
    fn tokenize_names_the_entity_and_scrub_can_tokenize() {
        let t = run(r#"{"op":"tokenize","entity":"PERSON"}"#, "Ann Lee");
        assert!(t.starts_with("PERSON_") && t.len() == 13, "{t}");
        assert_eq!(run(r#"{"op":"tokenize","entity":"PERSON"}"#, "Ann Lee"), t);
        assert!(run(r#"{"op":"tokenize"}"#, "x").starts_with("VALUE_"));
        let s = run(r#"{"op":"scrub","replace":"tokenize"}"#, "mail a@b.io now");
        assert!(
            s.starts_with("mail EMAIL_ADDRESS_") && s.ends_with(" now"),
            "{s}"
        );
        // The key is needed.
        let op: Op = serde_json::from_str(r#"{"op":"scrub","replace":"tokenize"}"#).unwrap();
        let err = Action::compile(
            &op,
            None,
            None,
            "c",
            &CustomEntities::default(),
            &Vault::new(),
        );
        assert_eq!(err.err().map(|e| e.kind()), Some(ErrorKind::MissingKey));
    }

    #[test]
    fn truncate_counts_characters_and_never_cuts_one() {
        let t = |max: usize, cell: &str| run(&format!(r#"{{"op":"truncate","max":{max}}}"#), cell);
        assert_eq!(t(3, "abcdef"), "abc");
        assert_eq!(t(3, "abc"), "abc");
        assert_eq!(t(10, "short"), "short");
        // Characters, not bytes: é is 2 bytes, 日本 3 each, 😀 4.
        assert_eq!(t(2, "éé€x"), "éé");
        assert_eq!(t(1, "日本語"), "日");
        assert_eq!(t(2, "😀😀😀"), "😀😀");
        assert_eq!(t(1, ""), "");
    }

    #[test]
    fn redact_labels() {
        assert_eq!(run(r#"{"op":"redact"}"#, "x"), "[REDACTED]");
        assert_eq!(run(r#"{"op":"redact","entity":"US_SSN"}"#, "x"), "[US_SSN]");
        assert_eq!(run(r#"{"op":"redact","text":"-"}"#, "x"), "-");
        assert_eq!(run(r#"{"op":"redact"}"#, ""), "");
    }

    #[test]
    fn hash_needs_a_key() {
        let op: Op = serde_json::from_str(r#"{"op":"hash"}"#).unwrap();
        assert!(Action::compile(
            &op,
            None,
            None,
            "c",
            &CustomEntities::default(),
            &Vault::new()
        )
        .is_err());
        assert_eq!(run(r#"{"op":"hash","length":12}"#, "Ann").len(), 12);
    }

    #[test]
    fn text_operators_refuse_invalid_utf8() {
        let action = Action::Scrub {
            only: None,
            custom: CustomEntities::default(),
            tokens: None,
        };
        let apply = |a: &Action| {
            let (row, mut out, mut made) = (RowView::default(), Vec::new(), Vec::new());
            a.apply(b"\xff\xfe", 1, row, &mut out, &mut made, &mut |_| {})
        };
        assert!(apply(&action).is_err());
        assert!(apply(&Action::Keep).is_ok());
    }
}
