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
//! Surrogates (`"style": "surrogate"`) are found whatever their case, with
//! any run of spaces, hyphens or line breaks where they have one; phone,
//! card and IBAN surrogates by their letters and digits alone (regrouped,
//! and a phone number in its national or international form). A part of a
//! surrogate name used alone (`Mr. Lindqvist` for `Anna Lindqvist`), written
//! capitalised as names are, becomes the original's part when every
//! surrogate with that part stands for the same original part; otherwise it
//! is left as it is and counted as `ambiguous`. A capitalised common word
//! that is also a surrogate's name part ("Hunter", "Rose") is restored: the
//! name lists leave out stopwords, days and months, but not every word.
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
    /// Tokens and surrogates put back, by the entity they name.
    pub restored: BTreeMap<String, u64>,
    /// Text shaped like a token of a known entity (`PERSON_123456`) that
    /// the vault does not hold: left as it is.
    pub unknown: u64,
    /// A part of a surrogate name used alone (`Lindqvist`) that stands for
    /// more than one original: left as it is, never guessed.
    pub ambiguous: u64,
}

/// Where an original was put back in a restored text: byte offsets into
/// the output, and the entity (no value: the caller holds the text).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RestoredSpan {
    pub start: usize,
    pub end: usize,
    pub entity: String,
}

/// What a surrogate (or a part of a surrogate name) stands for.
#[derive(Clone)]
enum Hit {
    /// The original and its entity.
    Known(zeroize::Zeroizing<String>, String),
    /// A name part of several originals.
    Ambiguous,
}

/// Surrogates by their text, case folded; `compact` ones (numbers: phone,
/// card, IBAN) by their letters and digits alone, so that another
/// grouping (`4111-1178-...` for `4111 1178 ...`) is found too; `loose`
/// ones with any run of spaces, hyphens or line breaks as one space. A
/// sorted list searched by prefix (a map per trie node took several
/// hundred bytes per character of the vault).
#[derive(Default)]
struct Trie {
    /// Read keys and the index of their hit, sorted by key.
    keys: Vec<(String, u32)>,
    hits: Vec<Hit>,
    compact: bool,
    /// Entries not yet sorted in ([`Trie::build`]).
    pending: Vec<(String, Hit)>,
    /// The keys' first characters, and the range of the keys that start
    /// with each first two: most words of a text are rejected by these
    /// lookups, without a search (restoring took 20 times as long as for
    /// tokens without them).
    first: std::collections::HashSet<char>,
    two: std::collections::HashMap<[char; 2], (usize, usize)>,
    /// Keys of one character (a surrogate of a one-letter value).
    one: std::collections::HashMap<char, u32>,
}

/// Where a walk through a trie ended.
enum Walk {
    More,
    No,
    /// Bytes taken and the hit.
    Hit(usize, u32),
}

impl Trie {
    fn new(compact: bool) -> Trie {
        Trie {
            compact,
            ..Trie::default()
        }
    }

    /// How `c` is read: `None` is skipped, `' '` a gap.
    fn key(&self, c: char) -> Option<char> {
        if c.is_alphanumeric() {
            Some(c.to_lowercase().next().unwrap_or(c))
        } else if self.compact {
            // Grouping a number may have; anything else ends it.
            (!(is_sep(c) || c.is_whitespace() || matches!(c, '+' | '(' | ')' | '.' | '/')))
                .then_some('\0')
        } else if is_sep(c) || c.is_whitespace() {
            Some(' ')
        } else {
            Some(c)
        }
    }

    fn insert(&mut self, text: &str, hit: Hit) {
        let mut key = String::with_capacity(text.len());
        for k in text.chars().filter_map(|c| self.key(c)) {
            if !(k == ' ' && key.ends_with(' ')) {
                key.push(k);
            }
        }
        if !key.is_empty() {
            self.pending.push((key, hit));
        }
    }

    /// Sorts the entries in; one key of two originals is ambiguous (a
    /// name part of two people; `Lee` and `LEE` are one).
    fn build(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        pending.sort_by(|a, b| a.0.cmp(&b.0));
        for (key, hit) in pending {
            if let Some((last, h)) = self.keys.last() {
                if *last == key {
                    let h = *h as usize;
                    let same = matches!((&self.hits[h], &hit),
                        (Hit::Known(a, _), Hit::Known(b, _)) if a.to_lowercase() == b.to_lowercase());
                    if !same {
                        self.hits[h] = Hit::Ambiguous;
                    }
                    continue;
                }
            }
            self.keys.push((key, self.hits.len() as u32));
            self.hits.push(hit);
        }
        for (i, (key, h)) in self.keys.iter().enumerate() {
            let mut c = key.chars();
            match (c.next(), c.next()) {
                (Some(a), Some(b)) => {
                    self.first.insert(a);
                    self.two.entry([a, b]).or_insert((i, i)).1 = i + 1;
                }
                (Some(a), None) => {
                    self.one.insert(a, *h);
                }
                _ => {}
            }
        }
    }

    /// The longest entry at the start of `s` that ends before a character
    /// that is no letter or digit.
    fn walk(&self, s: &str, at_end: bool) -> Walk {
        // The keys that start with `prefix` are keys[lo..hi].
        let (mut lo, mut hi) = (0, self.keys.len());
        let mut prefix = String::new();
        let mut best = None;
        let mut gap = 0;
        let mut skipped = 0;
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let Some(k) = self.key(c) else {
                skipped += 1;
                if skipped > MAX_SEP {
                    break;
                }
                if chars.peek().is_none() && !at_end {
                    return Walk::More;
                }
                continue;
            };
            skipped = 0;
            if k == ' ' {
                gap += 1;
                if gap > MAX_SEP {
                    break;
                }
                if gap > 1 {
                    if chars.peek().is_none() && !at_end {
                        return Walk::More;
                    }
                    continue;
                }
            } else {
                gap = 0;
            }
            let first = prefix.chars().next();
            prefix.push(k);
            match first {
                None => {
                    if let Some(&h) = self.one.get(&k) {
                        let end = i + c.len_utf8();
                        match s[end..].chars().next() {
                            None if !at_end => return Walk::More,
                            Some(n) if n.is_alphanumeric() => {}
                            _ => best = Some((end, h)),
                        }
                    }
                    if !self.first.contains(&k) {
                        break;
                    }
                    if chars.peek().is_none() && !at_end {
                        return Walk::More;
                    }
                    continue;
                }
                Some(a) if prefix.len() == a.len_utf8() + k.len_utf8() => {
                    match self.two.get(&[a, k]) {
                        Some(&(l, h)) => (lo, hi) = (l, h),
                        None => break,
                    }
                }
                Some(_) => {
                    let p = prefix.as_str();
                    lo += self.keys[lo..hi].partition_point(|(key, _)| key.as_str() < p);
                    hi = lo + self.keys[lo..hi].partition_point(|(key, _)| key.starts_with(p));
                }
            }
            if lo == hi {
                break;
            }
            let whole = self.keys[lo].0 == prefix;
            if whole {
                let end = i + c.len_utf8();
                match s[end..].chars().next() {
                    None if !at_end => return Walk::More,
                    Some(n) if n.is_alphanumeric() => {}
                    _ => best = Some((end, self.keys[lo].1)),
                }
            }
            let longer = hi - lo > usize::from(whole);
            if chars.peek().is_none() && !at_end && longer {
                return Walk::More;
            }
        }
        match best {
            Some((end, h)) => Walk::Hit(end, h),
            None => Walk::No,
        }
    }
}

/// A UK or NANP phone number's digits in the other form: with the
/// country code for a national number, with the trunk prefix for an
/// international one.
fn other_form(phone: &str) -> Option<String> {
    let d: String = phone.chars().filter(char::is_ascii_digit).collect();
    let intl = phone.trim_start().starts_with('+');
    match d.len() {
        12 if intl && d.starts_with("44") => Some(format!("0{}", &d[2..])),
        11 if !intl && d.starts_with('0') => Some(format!("44{}", &d[1..])),
        11 if d.starts_with('1') => Some(d[1..].to_string()),
        10 if !intl => Some(format!("1{d}")),
        _ => None,
    }
}

/// The words of a name: runs of letters (and `'`), with where they start.
fn name_words(s: &str) -> Vec<&str> {
    s.split(|c: char| !(c.is_alphabetic() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect()
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
    /// Where originals went, when asked ([`restore_marked`]): offsets into
    /// one output that starts empty.
    spans: Option<Vec<RestoredSpan>>,
    /// The vault's surrogates, and the parts of surrogate names.
    loose: Trie,
    compact: Trie,
    parts: Trie,
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
    /// A part of several surrogate names: its length in bytes.
    Ambiguous(usize),
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
        let (mut loose, mut compact, mut parts) =
            (Trie::new(false), Trie::new(true), Trie::new(false));
        let mut surrogates = vault.surrogates();
        // Sorted, so that the tries do not depend on the map's order.
        surrogates.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (surrogate, original, entity) in &surrogates {
            if matches!(
                entity.as_str(),
                "PHONE_NUMBER" | "CREDIT_CARD" | "IBAN_CODE"
            ) {
                compact.insert(surrogate, Hit::Known(original.clone(), entity.clone()));
                if entity == "PHONE_NUMBER" {
                    // The same number written nationally or internationally
                    // (`+44 7700 900123`, `07700 900123`; `+1 ...`).
                    if let Some(other) = other_form(surrogate) {
                        compact.insert(&other, Hit::Known(original.clone(), entity.clone()));
                    }
                }
                continue;
            }
            loose.insert(surrogate, Hit::Known(original.clone(), entity.clone()));
            if entity == "PERSON" {
                // Word for word: the surrogate keeps the original's shape.
                let (s, o) = (name_words(surrogate), name_words(original));
                if s.len() == o.len() && s.len() > 1 {
                    for (sw, ow) in s.iter().zip(&o) {
                        if sw.chars().count() > 1 && sw != ow {
                            let hit =
                                Hit::Known(zeroize::Zeroizing::new(ow.to_string()), entity.clone());
                            parts.insert(sw, hit);
                        }
                    }
                }
            }
        }
        for trie in [&mut loose, &mut compact, &mut parts] {
            trie.build();
        }
        Restorer {
            vault: vault.clone(),
            names,
            pending: String::new(),
            prev: None,
            report: RestoreReport::default(),
            spans: None,
            loose,
            compact,
            parts,
        }
    }

    /// Whether a surrogate (or a part of a surrogate name, capitalised as
    /// names are) starts `s`: its length, and what it stands for.
    fn surrogate_at(&self, s: &str, at_end: bool) -> Result<Option<(usize, Hit)>, ()> {
        let mut best: Option<(usize, Hit)> = None;
        let capital = s.chars().next().is_some_and(char::is_uppercase);
        for (trie, ok) in [
            (&self.loose, true),
            (&self.compact, true),
            (&self.parts, capital),
        ] {
            if !ok || trie.hits.is_empty() {
                continue;
            }
            match trie.walk(s, at_end) {
                Walk::More => return Err(()),
                Walk::No => {}
                Walk::Hit(len, h) => {
                    if best.as_ref().is_none_or(|b| len > b.0) {
                        best = Some((len, trie.hits[h as usize].clone()));
                    }
                }
            }
        }
        Ok(best)
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
            let starts = (c.is_alphanumeric() || matches!(c, '+' | '('))
                && !self.prev.is_some_and(|p| p.is_alphanumeric());
            if starts {
                match self.at(&text[i..], at_end) {
                    Outcome::More => break,
                    Outcome::Known(len, original, entity) => {
                        let start = out.len();
                        out.push_str(&original);
                        if let Some(spans) = &mut self.spans {
                            spans.push(RestoredSpan {
                                start,
                                end: out.len(),
                                entity: entity.clone(),
                            });
                        }
                        *self.report.restored.entry(entity).or_insert(0) += 1;
                        self.prev = text[i..i + len].chars().next_back();
                        i += len;
                        continue;
                    }
                    Outcome::Ambiguous(len) => {
                        out.push_str(&text[i..i + len]);
                        self.report.ambiguous += 1;
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

    /// Whether a token or a surrogate starts `s` (the longer wins).
    fn at(&self, s: &str, at_end: bool) -> Outcome {
        let token = self.token_at(s, at_end);
        let Ok(surrogate) = self.surrogate_at(s, at_end) else {
            return Outcome::More;
        };
        let token_len = match token {
            Outcome::More => return Outcome::More,
            Outcome::Known(n, ..) | Outcome::Unknown(n) | Outcome::Ambiguous(n) => n,
            Outcome::No => 0,
        };
        match surrogate {
            Some((n, Hit::Known(original, entity))) if n > token_len => {
                Outcome::Known(n, original, entity)
            }
            Some((n, Hit::Ambiguous)) if n > token_len => Outcome::Ambiguous(n),
            _ => token,
        }
    }

    /// Whether a token starts `s`.
    fn token_at(&self, s: &str, at_end: bool) -> Outcome {
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
    let (out, report, _) = restore_marked(text, vault);
    (out, report)
}

/// [`restore`], with where each original was put back (to show them).
pub fn restore_marked(text: &str, vault: &Vault) -> (String, RestoreReport, Vec<RestoredSpan>) {
    let mut r = Restorer::new(vault);
    r.spans = Some(Vec::new());
    let mut out = String::with_capacity(text.len());
    r.push(text, &mut out);
    let report = r.finish(&mut out);
    (out, report, r.spans.take().unwrap_or_default())
}

/// Turns the byte offsets of `spans` (in order, into `text`) into UTF-16
/// offsets, JavaScript's string indices.
pub fn spans_to_utf16(text: &str, spans: &mut [RestoredSpan]) {
    let (mut byte, mut unit) = (0, 0);
    let mut advance = |to: usize| {
        unit += text.get(byte..to).map_or(0, |s| s.encode_utf16().count());
        byte = to.max(byte);
        unit
    };
    for s in spans {
        s.start = advance(s.start);
        s.end = advance(s.end);
    }
}
