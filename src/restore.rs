//! Putting originals back: text that quotes tokens (an AI's answer, in
//! Markdown, JSON or CSV) in, the same text with each token the vault knows
//! replaced by its original value out.
//!
//! A token is found whatever was done to it on the way: a changed case
//! (`person_048213`), Markdown or HTML wrapping (`**PERSON_048213**`),
//! quotes, a possessive or plural (`PERSON_048213's`), a Markdown escape
//! (`PERSON\_048213`), or a `-`, Unicode hyphen, space, line break or
//! non-breaking space in place of the `_` (or inside the number). Text that
//! only looks like a token is left as it is and counted; nothing is guessed.
//!
//! ```
//! use pii_mask::{restore, Masker, MaskOptions, Policy};
//! let policy = Policy::from_json(r#"{"version": 1, "columns": {"name": {"op": "tokenize", "entity": "PERSON"}}}"#).unwrap();
//! let opts = MaskOptions { key: Some(b"a key of 16+ bytes".to_vec()), ..MaskOptions::default() };
//! let mut m = Masker::new(policy, opts).unwrap();
//! let mut out = Vec::new();
//! m.push(b"name\nAnn Lee\n", &mut out).unwrap();
//! m.finish(&mut out).unwrap();
//! let token = String::from_utf8(out).unwrap().lines().nth(1).unwrap().to_string();
//! let answer = format!("**{}**'s invoices are overdue.", token.to_lowercase());
//! let (text, report) = restore(&answer, &m.vault());
//! assert_eq!(text, "**Ann Lee**'s invoices are overdue.");
//! assert_eq!(report.restored["PERSON"], 1);
//! ```

use crate::detect::Entity;
use crate::vault::Vault;
use serde::Serialize;
use std::collections::BTreeMap;

/// What a restore did: counts, never a value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct RestoreReport {
    /// Tokens put back, by the entity they name.
    pub restored: BTreeMap<String, u64>,
    /// Text shaped like a token of a known entity (`PERSON_123456`) that
    /// the vault does not hold: left as it is.
    pub unknown: u64,
}

/// Restores text pushed in chunks; the output does not depend on where the
/// chunks are cut (a token split across two chunks is found).
pub struct Restorer {
    vault: Vault,
    /// Entity names tokens may carry, upper case, longest first.
    names: Vec<String>,
    /// Text not yet decided: it may start a token that the next chunk ends.
    pending: String,
    /// The last character decided (a token starts after a non-alphanumeric).
    prev: Option<char>,
    report: RestoreReport,
}

/// Most separator characters accepted where the token has `_`.
const MAX_SEP: usize = 3;
/// Most digits a token's number has.
const MAX_DIGITS: usize = 12;

/// What may stand where a token has `_`: `_`, `-`, Unicode hyphens and
/// dashes, spaces (plain, non-breaking, thin, narrow, zero-width), line
/// breaks, and a Markdown escape's backslash.
fn is_sep(c: char) -> bool {
    matches!(
        c,
        '_' | '-' | ' ' | '\\' | '\n' | '\r' | '\t' | '\u{00A0}' | '\u{00AD}' | '\u{2010}'
            ..='\u{2015}'
                | '\u{2009}'
                | '\u{200A}'
                | '\u{200B}'
                | '\u{202F}'
                | '\u{2212}'
                | '\u{FE63}'
                | '\u{FF0D}'
    )
}

enum Outcome {
    /// Needs more text to decide.
    More,
    /// Not a token here.
    No,
    /// A token the vault knows: its length in bytes, the original, the entity.
    Known(usize, zeroize::Zeroizing<String>, String),
    /// Shaped like a token, not in the vault: its length in bytes.
    Unknown(usize),
}

/// Where `name` (upper case, `_` between words) matches at the start of `s`:
/// the bytes it takes, `Err(true)` when `s` ends first.
fn match_name(s: &str, name: &str) -> Result<usize, bool> {
    let mut chars = s.char_indices().peekable();
    for want in name.chars() {
        if want == '_' {
            let mut n = 0;
            while let Some(&(_, c)) = chars.peek() {
                if !is_sep(c) || n == MAX_SEP {
                    break;
                }
                chars.next();
                n += 1;
            }
            if chars.peek().is_none() {
                return Err(true);
            }
            continue;
        }
        match chars.next() {
            None => return Err(true),
            Some((_, c)) if c.to_ascii_uppercase() == want => {}
            Some(_) => return Err(false),
        }
    }
    Ok(chars.peek().map_or(s.len(), |&(i, _)| i))
}

/// After a name: separators, then the number, whose runs of digits may be
/// split by separators. Each candidate: (end in bytes, digits, whether `_`
/// came before the number); `None` when `s` ends before it is known.
fn numbers(s: &str, at_end: bool) -> Option<Vec<(usize, String, bool)>> {
    let mut chars = s.char_indices().peekable();
    let mut underscore = false;
    let mut n = 0;
    while let Some(&(_, c)) = chars.peek() {
        if !is_sep(c) || n == MAX_SEP {
            break;
        }
        underscore |= c == '_';
        chars.next();
        n += 1;
    }
    let mut found = Vec::new();
    let mut digits = String::new();
    loop {
        // One run of digits.
        let mut run = 0;
        loop {
            match chars.peek() {
                None if !at_end => return None,
                Some(&(_, c)) if c.is_ascii_digit() && digits.len() < MAX_DIGITS => {
                    digits.push(c);
                    chars.next();
                    run += 1;
                }
                _ => break,
            }
        }
        if run == 0 {
            return Some(found);
        }
        let end = chars.peek().map_or(s.len(), |&(i, _)| i);
        found.push((end, digits.clone(), underscore));
        // Separators, then possibly another run.
        let mut seps = 0;
        while let Some(&(_, c)) = chars.peek() {
            if !is_sep(c) || seps == 2 {
                break;
            }
            chars.next();
            seps += 1;
        }
        match chars.peek() {
            None if !at_end => return None,
            Some(&(_, c)) if seps > 0 && c.is_ascii_digit() && digits.len() < MAX_DIGITS => {}
            _ => return Some(found),
        }
    }
}

impl Restorer {
    pub fn new(vault: &Vault) -> Restorer {
        let mut names: Vec<String> = Entity::ALL
            .iter()
            .map(|e| e.as_str().to_string())
            .chain(["VALUE".to_string()])
            .chain(vault.entity_names())
            .map(|n| n.to_ascii_uppercase())
            .collect();
        names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        names.dedup();
        Restorer {
            vault: vault.clone(),
            names,
            pending: String::new(),
            prev: None,
            report: RestoreReport::default(),
        }
    }

    /// Reads `chunk` and appends the restored text that is decided to `out`.
    pub fn push(&mut self, chunk: &str, out: &mut String) {
        self.pending.push_str(chunk);
        self.run(out, false);
    }

    /// Ends the text, appends the rest, returns the report.
    pub fn finish(&mut self, out: &mut String) -> RestoreReport {
        self.run(out, true);
        std::mem::take(&mut self.report)
    }

    /// Restores `text` as a whole of its own (a CSV cell): what was pushed
    /// before does not touch it; its counts add to the report.
    pub fn whole(&mut self, text: &str, out: &mut String) {
        self.run(out, true);
        self.prev = None;
        self.pending.push_str(text);
        self.run(out, true);
        self.prev = None;
    }

    fn run(&mut self, out: &mut String, at_end: bool) {
        let text = std::mem::take(&mut self.pending);
        let mut i = 0;
        while let Some(c) = text[i..].chars().next() {
            let starts = c.is_ascii_alphabetic() && !self.prev.is_some_and(|p| p.is_alphanumeric());
            if starts {
                match self.at(&text[i..], at_end) {
                    Outcome::More => break,
                    Outcome::Known(len, original, entity) => {
                        out.push_str(&original);
                        *self.report.restored.entry(entity).or_insert(0) += 1;
                        self.prev = text[i..i + len].chars().next_back();
                        i += len;
                        continue;
                    }
                    Outcome::Unknown(len) => {
                        out.push_str(&text[i..i + len]);
                        self.report.unknown += 1;
                        self.prev = text[i..i + len].chars().next_back();
                        i += len;
                        continue;
                    }
                    Outcome::No => {}
                }
            }
            out.push(c);
            self.prev = Some(c);
            i += c.len_utf8();
        }
        self.pending = text[i..].to_string();
    }

    /// Whether a token starts `s`.
    fn at(&self, s: &str, at_end: bool) -> Outcome {
        let first = s.chars().next().map(|c| c.to_ascii_uppercase());
        let mut best: Option<(usize, zeroize::Zeroizing<String>, String)> = None;
        let mut unknown: Option<usize> = None;
        for name in &self.names {
            if name.chars().next() != first {
                continue;
            }
            let after = match match_name(s, name) {
                Ok(n) => n,
                Err(true) if !at_end => return Outcome::More,
                Err(_) => continue,
            };
            let Some(found) = numbers(&s[after..], at_end) else {
                return Outcome::More;
            };
            for (end, digits, underscore) in found.iter() {
                let token = format!("{name}_{digits}");
                match self.vault.get(&token) {
                    Some(original) if best.as_ref().is_none_or(|b| after + end > b.0) => {
                        best = Some((after + end, original, name.clone()));
                    }
                    Some(_) => {}
                    // `person 2` is prose; `PERSON_2` or `person 123456`
                    // look like tokens.
                    None if *underscore || digits.len() >= 4 => {
                        unknown = Some(unknown.map_or(after + end, |u| u.max(after + end)));
                    }
                    None => {}
                }
            }
        }
        match (best, unknown) {
            (Some((len, original, entity)), _) => Outcome::Known(len, original, entity),
            (None, Some(len)) => Outcome::Unknown(len),
            (None, None) => Outcome::No,
        }
    }
}

/// Restores a whole text at once.
pub fn restore(text: &str, vault: &Vault) -> (String, RestoreReport) {
    let mut r = Restorer::new(vault);
    let mut out = String::with_capacity(text.len());
    r.push(text, &mut out);
    let report = r.finish(&mut out);
    (out, report)
}
