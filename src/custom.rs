//! The user's own entities, declared in the policy: what no generic
//! detector knows (employee numbers, customer ids, project code names).
//!
//! ```
//! use pii_mask::Policy;
//! let policy = Policy::from_json(r#"{"version": 1,
//!     "entities": {"EMPLOYEE_ID": {"pattern": "EMP-[0-9]{6}", "context": ["employee"]},
//!                  "PROJECT": {"terms": ["Bluebird", "Night Owl"]}},
//!     "columns": {"notes": {"op": "scrub"}}}"#).unwrap();
//! let found: Vec<_> = policy.entities.find("employee EMP-004211 on night owl")
//!     .into_iter().map(|f| f.entity.as_str()).collect();
//! assert_eq!(found, ["EMPLOYEE_ID", "PROJECT"]);
//! ```

use crate::detect::{
    checksum, find, find_each, intern_custom, to_utf16, Entity, Finding, TextSpan,
};
use regex_automata::hybrid::{dfa, regex};
use regex_automata::{util::syntax, Input};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashSet;
use std::sync::Mutex;

/// The entities a policy declares. Cheap to clone (shared definitions).
#[derive(Clone, Debug, Default)]
pub struct CustomEntities {
    defs: std::sync::Arc<Vec<Def>>,
}

impl PartialEq for CustomEntities {
    fn eq(&self, other: &CustomEntities) -> bool {
        self.defs.len() == other.defs.len()
            && self
                .defs
                .iter()
                .zip(other.defs.iter())
                .all(|(a, b)| a.source == b.source)
    }
}

impl Eq for CustomEntities {}

#[derive(Debug)]
struct Def {
    entity: Entity,
    /// As written in the policy, for equality and for writing it back.
    source: Value,
    matcher: Matcher,
    check: Option<Check>,
    /// Lower-cased words; in free text one must stand among the words just
    /// before a match.
    context: Vec<String>,
    /// Lower-cased, trimmed values never flagged.
    deny: HashSet<String>,
}

#[derive(Debug)]
enum Matcher {
    Pattern {
        regex: Box<regex::Regex>,
        /// The lazy DFA's cache; a lock, so that a policy can cross
        /// threads (uncontended, it costs next to nothing).
        cache: Mutex<Option<Box<regex::Cache>>>,
    },
    Terms {
        /// Lower-cased terms, their words joined by one space.
        terms: HashSet<Box<str>>,
        /// The most words in one term.
        longest: usize,
    },
}

/// A checksum a declared pattern's matches must pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Check {
    /// The Luhn check digit of card numbers.
    Luhn,
    /// ISO 7064 mod 97-10, as IBANs use.
    Mod97,
}

/// What a declared entity's name must match (2 to 64 capital letters,
/// digits and `_`, starting with a letter; not a built-in name).
pub const NAME_PATTERN: &str = "^[A-Z][A-Z0-9_]{1,63}$";

// The source of the declaration's JSON Schema and TypeScript type; the
// policy reader checks declarations itself (`CustomEntities::from_value`)
// to say in words what is wrong.
/// An entity of the user's own: a `pattern` (optionally with a `check`) or
/// a list of `terms`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(
    not(target_arch = "wasm32"),
    schemars(
        rename = "CustomEntity",
        extend(
            "oneOf" = [{ "required": ["pattern"] }, { "required": ["terms"] }],
            "dependencies" = { "check": ["pattern"] }
        )
    )
)]
#[serde(deny_unknown_fields)]
pub struct EntityDecl {
    /// A regular expression for the value (give `pattern` or `terms`):
    /// linear-time, with ASCII classes (spell out other scripts' letters in
    /// a class); a match glued to a letter or digit does not count. At most
    /// 1000 bytes; must not match empty text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 1000)))]
    pub pattern: Option<String>,
    /// Words or phrases (give `pattern` or `terms`), matched as whole words
    /// in any case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1)))]
    pub terms: Option<Vec<String>>,
    /// A checksum a `pattern`'s matches must pass.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<Check>,
    /// In free text a match counts only with one of these words among the
    /// five words before it; a column whose header holds one is taken to
    /// hold the entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Vec<String>>,
    /// Values never flagged (any case, surrounding space aside).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deny: Option<Vec<String>>,
}

/// Words before a match that are read for `context`.
const CONTEXT_WORDS: usize = 5;
/// Longest pattern or term list accepted, and most terms.
const MAX_PATTERN: usize = 1000;
const MAX_TERMS: usize = 200_000;

fn bad(name: &str, msg: impl std::fmt::Display) -> String {
    format!("entity \"{name}\": {msg}")
}

fn strings(name: &str, field: &str, v: Option<&Value>) -> Result<Vec<String>, String> {
    match v {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| match i {
                Value::String(s) => Ok(s.clone()),
                other => Err(bad(
                    name,
                    format!("\"{field}\" must list strings, not {other}"),
                )),
            })
            .collect(),
        Some(other) => Err(bad(
            name,
            format!("\"{field}\" must be a list of strings, not {other}"),
        )),
    }
}

/// Lower-cases and joins the words of a term by single spaces.
fn normalise(term: &str) -> String {
    words(term)
        .map(|(s, e)| term[s..e].to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of `text` (runs of letters and digits) as byte ranges.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while chars.next_if(|(_, c)| !c.is_alphanumeric()).is_some() {}
        let (start, _) = *chars.peek()?;
        let mut end = start;
        while let Some((i, c)) = chars.next_if(|(_, c)| c.is_alphanumeric()) {
            end = i + c.len_utf8();
        }
        Some((start, end))
    })
}

/// A header's word split at camelCase (`employeeNo` -> employee, No).
fn split_snake(word: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut prev_lower = false;
    for (i, c) in word.char_indices() {
        if c.is_uppercase() && prev_lower {
            parts.push(&word[start..i]);
            start = i;
        }
        prev_lower = c.is_lowercase();
    }
    parts.push(&word[start..]);
    parts
}

impl Def {
    fn parse(name: &str, v: &Value) -> Result<Def, String> {
        let valid_name = name.len() >= 2
            && name.len() <= 64
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && name
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        if !valid_name {
            return Err(bad(
                name,
                "a name is 2 to 64 capital letters, digits and _ (like EMPLOYEE_ID)",
            ));
        }
        if Entity::from_name(name).is_some() {
            return Err(bad(name, "is a built-in entity; choose another name"));
        }
        let Value::Object(obj) = v else {
            return Err(bad(name, "must be an object with \"pattern\" or \"terms\""));
        };
        if let Some(key) = obj
            .keys()
            .find(|k| !["pattern", "terms", "check", "context", "deny"].contains(&k.as_str()))
        {
            return Err(bad(
                name,
                format!("unknown field \"{key}\" (expected pattern, terms, check, context, deny)"),
            ));
        }
        let matcher = match (obj.get("pattern"), obj.get("terms")) {
            (Some(Value::String(p)), None) => Matcher::pattern(name, p)?,
            (Some(_), None) => return Err(bad(name, "\"pattern\" must be a string")),
            (None, Some(t)) => {
                let list = strings(name, "terms", Some(t))?;
                Matcher::terms(name, &list)?
            }
            (Some(_), Some(_)) => return Err(bad(name, "give \"pattern\" or \"terms\", not both")),
            (None, None) => return Err(bad(name, "needs \"pattern\" or \"terms\"")),
        };
        let check = match obj.get("check") {
            None | Some(Value::Null) => None,
            Some(Value::String(c)) if c == "luhn" => Some(Check::Luhn),
            Some(Value::String(c)) if c == "mod97" => Some(Check::Mod97),
            Some(other) => {
                return Err(bad(
                    name,
                    format!("\"check\" must be \"luhn\" or \"mod97\", not {other}"),
                ))
            }
        };
        if check.is_some() && matches!(matcher, Matcher::Terms { .. }) {
            return Err(bad(name, "\"check\" applies to a pattern, not to terms"));
        }
        Ok(Def {
            entity: Entity::Custom(intern_custom(name).map_err(|e| bad(name, e))?),
            source: v.clone(),
            matcher,
            check,
            context: strings(name, "context", obj.get("context"))?
                .iter()
                .map(|w| normalise(w))
                .filter(|w| !w.is_empty())
                .collect(),
            deny: strings(name, "deny", obj.get("deny"))?
                .iter()
                .map(|w| w.trim().to_lowercase())
                .collect(),
        })
    }

    /// Every match in `text`, before context and deny rules.
    fn matches(&self, text: &str, on: &mut impl FnMut(usize, usize)) {
        match &self.matcher {
            Matcher::Pattern { regex, cache } => {
                let mut fresh = None;
                let mut guard = cache.lock().ok();
                let cache = match guard.as_deref_mut() {
                    Some(slot) => slot.get_or_insert_with(|| Box::new(regex.create_cache())),
                    None => fresh.insert(Box::new(regex.create_cache())),
                };
                let mut at = 0;
                while at < text.len() {
                    let input = Input::new(text).range(at..);
                    let Ok(Some(m)) = regex.try_search(cache, &input) else {
                        return;
                    };
                    let (s, e) = (m.start(), m.end());
                    if e == s {
                        at = s + 1;
                        while !text.is_char_boundary(at.min(text.len())) {
                            at += 1;
                        }
                        continue;
                    }
                    // Whole words only: not glued to a letter or digit.
                    let glued = text[..s]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
                        || text[e..].chars().next().is_some_and(char::is_alphanumeric);
                    if text.is_char_boundary(s)
                        && text.is_char_boundary(e)
                        && !glued
                        && self.passes(&text[s..e])
                    {
                        on(s, e);
                    }
                    at = e;
                }
            }
            Matcher::Terms { terms, longest } => {
                let spans: Vec<(usize, usize)> = words(text).collect();
                let lower: Vec<String> = spans
                    .iter()
                    .map(|&(s, e)| text[s..e].to_lowercase())
                    .collect();
                let mut i = 0;
                while i < spans.len() {
                    let hit = (1..=(*longest).min(spans.len() - i))
                        .rev()
                        .find(|&n| terms.contains(lower[i..i + n].join(" ").as_str()));
                    match hit {
                        Some(n) => {
                            on(spans[i].0, spans[i + n - 1].1);
                            i += n;
                        }
                        None => i += 1,
                    }
                }
            }
        }
    }

    fn passes(&self, value: &str) -> bool {
        match self.check {
            None => true,
            Some(Check::Luhn) => checksum::luhn(&checksum::digits(value.as_bytes())),
            Some(Check::Mod97) => {
                let alnum: Vec<u8> = value
                    .bytes()
                    .filter(u8::is_ascii_alphanumeric)
                    .map(|b| b.to_ascii_uppercase())
                    .collect();
                checksum::iban_mod97(&alnum)
            }
        }
    }

    fn denied(&self, value: &str) -> bool {
        !self.deny.is_empty() && self.deny.contains(&value.trim().to_lowercase())
    }

    /// Whether one of the context words stands just before `start`.
    fn has_context(&self, text: &str, start: usize) -> bool {
        if self.context.is_empty() {
            return true;
        }
        let before: Vec<String> = words(&text[..start])
            .map(|(s, e)| text[s..e].to_lowercase())
            .collect();
        let from = before.len().saturating_sub(CONTEXT_WORDS);
        let window = &before[from..];
        self.context.iter().any(|c| {
            let cw: Vec<&str> = c.split(' ').collect();
            window
                .windows(cw.len())
                .any(|w| w.iter().map(String::as_str).eq(cw.iter().copied()))
        })
    }
}

impl Matcher {
    fn pattern(name: &str, p: &str) -> Result<Matcher, String> {
        if p.len() > MAX_PATTERN {
            return Err(bad(
                name,
                format!("pattern longer than {MAX_PATTERN} bytes"),
            ));
        }
        // The same engine as the built-in recognizers: linear time, ASCII
        // classes (spell out other scripts' letters in a class).
        let regex = regex::Regex::builder()
            .syntax(syntax::Config::new().unicode(false).utf8(false))
            .dfa(dfa::Config::new().cache_capacity(2 << 20))
            .build(p)
            .map_err(|e| {
                // The syntax error underneath says what is wrong and where.
                let mut msg = e.to_string();
                let mut cause = std::error::Error::source(&e);
                while let Some(c) = cause {
                    msg = c.to_string();
                    cause = c.source();
                }
                bad(name, format!("pattern does not compile: {msg}"))
            })?;
        if regex.is_match(&mut regex.create_cache(), "") {
            return Err(bad(name, "pattern matches empty text"));
        }
        Ok(Matcher::Pattern {
            regex: Box::new(regex),
            cache: Mutex::new(None),
        })
    }

    fn terms(name: &str, list: &[String]) -> Result<Matcher, String> {
        if list.len() > MAX_TERMS {
            return Err(bad(name, format!("more than {MAX_TERMS} terms")));
        }
        let terms: HashSet<Box<str>> = list
            .iter()
            .map(|t| normalise(t))
            .filter(|t| !t.is_empty())
            .map(String::into_boxed_str)
            .collect();
        if terms.is_empty() {
            return Err(bad(name, "\"terms\" lists no word"));
        }
        let longest = terms
            .iter()
            .map(|t| t.split(' ').count())
            .max()
            .unwrap_or(1);
        Ok(Matcher::Terms { terms, longest })
    }
}

/// Sorted by start, overlaps removed: the one that starts first wins, and
/// at the same start the one listed first (a stable sort).
fn first_wins(mut all: Vec<Finding>) -> Vec<Finding> {
    crate::detect::sort_by_start(&mut all);
    let mut end = 0;
    all.retain(|f| {
        let keep = f.start >= end;
        if keep {
            end = f.end;
        }
        keep
    });
    all
}

impl CustomEntities {
    /// Reads a policy's `entities` object.
    pub fn from_value(v: &Value) -> Result<CustomEntities, String> {
        let Value::Object(map) = v else {
            return Err(format!("\"entities\" must be an object, not {v}"));
        };
        let defs = map
            .iter()
            .map(|(name, def)| Def::parse(name, def))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(CustomEntities {
            defs: std::sync::Arc::new(defs),
        })
    }

    /// The `entities` object as written.
    pub fn to_value(&self) -> Value {
        Value::Object(
            self.defs
                .iter()
                .map(|d| (d.entity.as_str().to_string(), d.source.clone()))
                .collect(),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.defs.is_empty()
    }

    pub fn len(&self) -> usize {
        self.defs.len()
    }

    /// The declared entity a column header names by one of its context
    /// words (`employee_no` for the context word "employee").
    pub fn named_by(&self, header: &str) -> Option<Entity> {
        let header: Vec<String> = words(header)
            .flat_map(|(s, e)| split_snake(&header[s..e]))
            .map(|w| w.to_lowercase())
            .collect();
        self.defs.iter().find_map(|d| {
            d.context
                .iter()
                .any(|c| {
                    let cw: Vec<&str> = c.split(' ').collect();
                    header
                        .windows(cw.len())
                        .any(|w| w.iter().map(String::as_str).eq(cw.iter().copied()))
                })
                .then_some(d.entity)
        })
    }

    /// The entities declared, in the policy's order.
    pub fn entities(&self) -> impl Iterator<Item = Entity> + '_ {
        self.defs.iter().map(|d| d.entity)
    }

    /// Whether `name` is declared here.
    pub fn get(&self, name: &str) -> Option<Entity> {
        self.entities().find(|e| e.as_str() == name)
    }

    /// The declared entity the whole cell is (surrounding white space
    /// aside): the column is its context, so context words are not needed.
    pub fn judge(&self, cell: &str) -> Option<Entity> {
        let trimmed = cell.trim();
        if trimmed.is_empty() {
            return None;
        }
        self.defs.iter().find_map(|d| {
            let mut whole = false;
            d.matches(trimmed, &mut |s, e| whole |= s == 0 && e == trimmed.len());
            (whole && !d.denied(trimmed)).then_some(d.entity)
        })
    }

    /// The declared entities in free text, sorted and not overlapping.
    pub fn find(&self, text: &str) -> Vec<Finding> {
        let mut found = Vec::new();
        for d in self.defs.iter() {
            d.matches(text, &mut |s, e| {
                if !d.denied(&text[s..e]) && d.has_context(text, s) {
                    found.push(Finding {
                        entity: d.entity,
                        start: s,
                        end: e,
                        score: 0.85,
                    });
                }
            });
        }
        crate::detect::sort_by_start_longest(&mut found);
        first_wins(found)
    }

    /// [`crate::detect::find_utf16`] with the declared entities too.
    pub fn find_utf16(&self, text: &str) -> Vec<TextSpan> {
        let mut all = self.find(text);
        if all.is_empty() {
            return to_utf16(text, &find(text));
        }
        all.extend(find(text));
        to_utf16(text, &first_wins(all))
    }

    /// The built-in findings and the declared ones, in order and not
    /// overlapping; where two overlap, the one that starts first wins, and
    /// at the same start the declared one (the user knows their data).
    pub fn find_each(&self, text: &str, mut on_finding: impl FnMut(Finding)) {
        self.find_each_dyn(text, &mut on_finding);
    }

    /// Not generic: the built-in detector's loop is large, and one copy of
    /// it in the .wasm is enough.
    fn find_each_dyn(&self, text: &str, on_finding: &mut dyn FnMut(Finding)) {
        let mine = if self.defs.is_empty() {
            Vec::new()
        } else {
            self.find(text)
        };
        if mine.is_empty() {
            return find_each(text, on_finding);
        }
        let mut all = mine;
        let collect: &mut dyn FnMut(Finding) = &mut |f| all.push(f);
        find_each(text, collect);
        first_wins(all).into_iter().for_each(on_finding);
    }
}
