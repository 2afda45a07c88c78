//! What personal data looks like: entity types, recognizers, checksums.
//!
//! All recognizers run as one multi-pattern regex pass (regex-automata's
//! lazy DFA; linear time on any input), and every candidate goes through
//! a check (checksum, range, boundary) before it counts. When the check
//! rejects a candidate, the other recognizers get their turn at the same
//! place, so a failed card number can still be a phone number.

mod checks;
pub mod checksum;
mod context;
mod cues;
mod entity;
mod fold;
pub mod ids;
pub mod lists;
mod names;
mod phone;
mod places;
mod proper;
mod recognizers;
mod words;

pub(crate) use checks::national_passport;
pub use entity::Entity;
pub(crate) use entity::{intern_custom, with_declared};
pub use names::{is_given_name, is_name_cell, is_surname};
pub(crate) use names::{is_particle, surrogate_names};
pub use places::{is_place_cell, is_postcode_cell};
pub(crate) use proper::cell_words;

use regex_automata::hybrid::dfa;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, Match, PatternID};
use serde::Serialize;
use std::cell::RefCell;
use std::sync::OnceLock;

/// A span of personal data in a text: byte offsets into the `&str`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub entity: Entity,
    pub start: usize,
    pub end: usize,
    /// How sure: 0.05 to 1.00. A check digit and a naming word before it
    /// ("card 4111 ...") score high; a bare shape after "order" scores low.
    pub score: f64,
}

/// Sorts findings by start, keeping the order of those that start together
/// (a stable sort). Every caller shares this one: each closure given to
/// `sort_by_key` is a sort of its own in the .wasm (3-9 KB each).
pub(crate) fn sort_by_start(found: &mut [Finding]) {
    found.sort_by_key(|f| f.start);
}

/// Sorts findings by start, the longest first among those that start
/// together (stable); one copy for every caller, as [`sort_by_start`].
pub(crate) fn sort_by_start_longest(found: &mut [Finding]) {
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
}

struct Detector {
    /// Forward only: every search is anchored at a known start, so no
    /// reverse automaton (half the build at start-up) is needed.
    dfa: dfa::DFA,
    recognizers: Vec<recognizers::Recognizer>,
}

/// The bytes a match may start with, whatever byte precedes them: an
/// anchored search is not begun at any other (white space, other
/// punctuation). A test reads them off the automaton; reading them at
/// start-up cost a sixth of building the detector.
const MAY_START: [bool; 256] = {
    let starts = b"%(+-.:_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut may = [false; 256];
    let mut i = 0;
    while i < starts.len() {
        may[starts[i] as usize] = true;
        i += 1;
    }
    may
};

/// How far one anchored search may read past its start. Without a bound,
/// a run of repeated key prefixes ("eyJa-eyJa-...", no dot ever) makes
/// every start read to the end of the run: a 200 KB cell took 19 s of CPU.
/// 8 KiB holds every real secret (an RSA-8192 PEM key is 6.4 KB, JWTs
/// live in HTTP headers of 8 KB at most); a match cut at the window's end
/// is carried on by [`past_window`].
const WINDOW: usize = 8 << 10;

/// An anchored search of `text` from `start`, at most [`WINDOW`] bytes.
fn windowed(text: &str, start: usize, anchored: Anchored) -> Input<'_> {
    let end = text.len().min(start.saturating_add(WINDOW));
    Input::new(text).range(start..end).anchored(anchored)
}

/// A match that ends where its window does (only an unbounded run, a key's
/// random part, can) goes on over the rest of that run: no key's tail is
/// left in the output.
fn past_window(b: &[u8], input: &Input<'_>, end: usize) -> usize {
    if end < input.end() || input.end() == b.len() {
        return end;
    }
    let run = |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.');
    end + b[end..].iter().take_while(|c| run(c)).count()
}

/// The lazy DFA of the recognizers' patterns, searched forward only.
fn build_dfa(sources: &[&str]) -> dfa::DFA {
    // ASCII classes and boundaries: a Unicode `\b` makes the lazy DFA
    // give up on non-ASCII text (2.6x slower when measured). With no
    // quit bytes and no minimum cache-clear count it never gives up, so
    // no fallback engine is needed (or shipped in the .wasm).
    dfa::Builder::new()
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .configure(
            dfa::Config::new()
                .starts_for_each_pattern(true)
                .minimum_cache_clear_count(None)
                // Room for the states of ~45 patterns without thrashing.
                .cache_capacity(8 << 20),
        )
        .build_many(sources)
        .unwrap_or_else(|e| unreachable!("built-in patterns compile: {e}"))
}

fn detector() -> &'static Detector {
    static DETECTOR: OnceLock<Detector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        let recognizers = recognizers::recognizers();
        let sources: Vec<&str> = recognizers.iter().map(|r| r.pattern).collect();
        Detector {
            dfa: build_dfa(&sources),
            recognizers,
        }
    })
}

thread_local! {
    static CACHE: RefCell<Option<dfa::Cache>> = const { RefCell::new(None) };
}

impl Detector {
    /// Runs `run` with this thread's lazy-DFA cache.
    fn with_cache<R>(&self, run: impl FnOnce(&mut dfa::Cache) -> R) -> R {
        CACHE.with(|cell| match cell.try_borrow_mut() {
            Ok(mut slot) => run(slot.get_or_insert_with(|| self.dfa.create_cache())),
            // Re-entered (never in this crate): a fresh cache keeps it correct.
            Err(_) => run(&mut self.dfa.create_cache()),
        })
    }

    /// Runs one anchored search with this thread's lazy-DFA cache: the
    /// match starts where the search does.
    fn search(&self, input: &Input<'_>) -> Option<Match> {
        debug_assert!(input.get_anchored().is_anchored());
        self.with_cache(|cache| {
            let end = self.dfa.try_search_fwd(cache, input).ok().flatten()?;
            let end_at = past_window(input.haystack(), input, end.offset());
            Some(Match::new(end.pattern(), input.start()..end_at))
        })
    }

    /// The match an unanchored search from `at` finds (leftmost-first),
    /// found by anchored searches from the bytes where one may start (see
    /// [`search_from`]): an anchored search needs no reverse pass to find
    /// the start, and stops where no pattern can go on, where an unanchored
    /// one runs on through the text after a trigger that starts nothing
    /// ("tier 2", "after 5pm"). The leftmost start with an anchored match
    /// is the unanchored search's start, and its match the same.
    fn next_match(&self, text: &str, mut at: usize) -> Option<Match> {
        let b = text.as_bytes();
        self.with_cache(|cache| {
            let dfa = &self.dfa;
            let fcache = cache;
            loop {
                let (from, trigger) = search_from(b, at)?;
                for (s, &byte) in b.iter().enumerate().take(trigger + 1).skip(from) {
                    if !MAY_START[usize::from(byte)] {
                        continue;
                    }
                    let input = windowed(text, s, Anchored::Yes);
                    if let Ok(Some(end)) = dfa.try_search_fwd(fcache, &input) {
                        let end_at = past_window(b, &input, end.offset());
                        return Some(Match::new(end.pattern(), s..end_at));
                    }
                }
                at = trigger + 1;
            }
        })
    }
}

/// Finds the personal data in free text: sorted, non-overlapping spans.
///
/// ```
/// use pii_mask::detect::{find, Entity};
/// let text = "Mail ana@example.org or call +44 20 7946 0958.";
/// let found: Vec<_> = find(text).iter().map(|f| (f.entity, &text[f.start..f.end])).collect();
/// assert_eq!(found, [(Entity::EmailAddress, "ana@example.org"), (Entity::PhoneNumber, "+44 20 7946 0958")]);
/// ```
pub fn find(text: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    find_each(text, |mut f| {
        f.score = context::score(f.entity, text, f.start, f.score);
        found.push(f);
    });
    found
}

/// Calls `on_finding` for each span [`find`] would return, in order. The
/// scores are the recognizers' own, before the words around a finding move
/// them: the masker needs the spans only, and reading the context of every
/// finding is a good part of the work.
///
/// Look-alike characters (fullwidth forms, other scripts' digits, Unicode
/// spaces and dashes, zero-width characters) are folded for matching; the
/// spans are those of the original text, covering each finding whole.
///
/// ```
/// use pii_mask::detect::{find, Entity};
/// let text = "mail jane\u{200B}.doe@example.com";
/// let f = &find(text)[0];
/// assert_eq!((f.entity, &text[f.start..f.end]), (Entity::EmailAddress, "jane\u{200B}.doe@example.com"));
/// ```
pub fn find_each(text: &str, mut on_finding: impl FnMut(Finding)) {
    let folded = fold::with_folded(text, |folded| {
        find_each_plain(&folded.text, &mut |mut f: Finding| {
            (f.start, f.end) = folded.original(f.start, f.end);
            on_finding(f);
        })
    });
    if folded.is_none() {
        find_each_plain(text, &mut on_finding);
    }
}

/// Finds people's names and places in `text` and appends them to `out` in
/// order. A street address or a place a residence phrase introduces ("moved
/// to Grace Hill") wins over a name it overlaps; otherwise the name wins.
fn find_names(text: &str, out: &mut Vec<Finding>) {
    if !text.bytes().any(|b| b.is_ascii_uppercase()) && text.is_ascii() {
        return;
    }
    let ws = words::words(text);
    let mut people = Vec::new();
    names::find_people(text, &ws, &mut people);
    let mut places = Vec::new();
    places::find_places(text, &ws, &mut places);
    // Places may overlap each other (a ZIP's last digits taken for the next
    // address's house number): one span covers both, so that nothing of
    // either is left behind.
    places.sort_by_key(|pl| pl.finding.start);
    places.dedup_by(|later, kept| {
        let overlap = later.finding.start < kept.finding.end;
        if overlap {
            kept.finding.end = kept.finding.end.max(later.finding.end);
            kept.certain |= later.certain;
        }
        overlap
    });
    let start = out.len();
    if places.is_empty() {
        out.extend(people);
    } else {
        merge(people, &places, out);
    }
    // What no list, cue or shape claimed: capitalised names inside clauses.
    let mut proper = Vec::new();
    proper::find_proper(text, &ws, &out[start..], &mut proper);
    if !proper.is_empty() {
        out.extend(proper);
        sort_by_start(&mut out[start..]);
    }
}

/// People and places into `out`, sorted: a sure place wins over a name it
/// overlaps, a name over a place from the list alone.
fn merge(mut people: Vec<Finding>, places: &[places::Place], out: &mut Vec<Finding>) {
    let overlaps = |a: &Finding, b: &Finding| a.start < b.end && b.start < a.end;
    // A name that is all a listed place's ("Rio de Janeiro") is the place.
    let same = |a: &Finding, b: &Finding| a.start == b.start && a.end == b.end;
    people.retain(|p| {
        !places
            .iter()
            .any(|pl| (pl.certain && overlaps(&pl.finding, p)) || same(&pl.finding, p))
    });
    let start = out.len();
    out.extend(people.iter().copied());
    out.extend(
        places
            .iter()
            .map(|pl| pl.finding)
            .filter(|pl| !people.iter().any(|p| overlaps(p, pl))),
    );
    sort_by_start(&mut out[start..]);
}

/// [`find_each`] on text as it is. One copy of it in the program, whoever
/// calls (a generic one per caller and per path cost 7 KB of .wasm).
fn find_each_plain(text: &str, on_finding: &mut dyn FnMut(Finding)) {
    find_each_from(text, on_finding, Detector::next_match);
}

/// [`find_each_plain`], with the next match at or after a byte found by
/// `next` (tests compare [`Detector::next_match`] with an unanchored search).
fn find_each_from(
    text: &str,
    on_finding: &mut dyn FnMut(Finding),
    next: fn(&Detector, &str, usize) -> Option<Match>,
) {
    // Names and places come from their own pass; they give way to any
    // pattern finding they overlap (an email's local part is not a person).
    let mut names = Vec::new();
    find_names(text, &mut names);
    let mut names = names.into_iter().peekable();
    let mut emit = |f: Finding, names: &mut std::iter::Peekable<std::vec::IntoIter<Finding>>| {
        while let Some(n) = names.next_if(|n| n.start < f.end) {
            if n.end <= f.start {
                on_finding(n);
            }
        }
        on_finding(f);
    };
    let det = detector();
    let mut at = 0;
    while at < text.len() {
        let Some(m) = next(det, text, at) else {
            break;
        };
        match det.accept(text, m.start(), m.end(), m.pattern()) {
            Some(f) => {
                emit(f, &mut names);
                at = f.end.max(m.start() + 1);
            }
            None if det.skips_rejected(m.pattern()) => at = m.end(),
            None => at = m.start() + 1,
        }
        while !text.is_char_boundary(at) {
            at += 1;
        }
    }
    names.for_each(on_finding);
}

/// Where the next match at or after `at` may start, and the first trigger
/// (below) at or after `at`, or `None` if no recognizer can match there at
/// all: no match starts between `at` and the first, and one that starts
/// after the trigger has a trigger of its own, after this one.
///
/// Every pattern's match holds a *trigger*: a digit, `@` or `_`; a `.`,
/// `-` or `:` with more than white space after it (a domain, a key's
/// prefix, a MAC or IPv6 address, `://`); or a run of 16 ASCII letters (an
/// AWS key, an Italian fiscal code, both all letters at worst). Before its
/// first trigger a match holds at most the end of one word and one gap
/// ("AB 12 34 56 C", "March 12"): so the search starts at the word before
/// the first trigger's word.
fn search_from(b: &[u8], at: usize) -> Option<(usize, usize)> {
    let p = next_trigger(b, at)?;
    let word_start = |mut i: usize| {
        while i > at && !b[i - 1].is_ascii_whitespace() {
            i -= 1;
        }
        i
    };
    let mut i = word_start(p);
    while i > at && b[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    Some((word_start(i), p))
}

/// The first trigger (see [`search_from`]) at or after `at`.
fn next_trigger(b: &[u8], at: usize) -> Option<usize> {
    let mut letters = 0;
    for (i, &c) in b.iter().enumerate().skip(at) {
        match c {
            b'0'..=b'9' | b'@' | b'_' => return Some(i),
            b'.' | b'-' | b':' if b.get(i + 1).is_some_and(|n| !n.is_ascii_whitespace()) => {
                return Some(i)
            }
            _ => {}
        }
        if c.is_ascii_alphabetic() {
            letters += 1;
            if letters == 16 {
                return Some(i + 1 - letters);
            }
        } else {
            letters = 0;
        }
    }
    None
}

impl Detector {
    fn skips_rejected(&self, pid: PatternID) -> bool {
        self.recognizers
            .get(pid.as_usize())
            .is_some_and(|r| r.skip_rejected)
    }

    /// Checks the candidate; if rejected, lets each other recognizer try an
    /// anchored match at the same start.
    fn accept(&self, text: &str, start: usize, end: usize, pid: PatternID) -> Option<Finding> {
        if let Some(f) = self.check(text, start, end, pid.as_usize()) {
            return Some(f);
        }
        // Leftmost-first: no recognizer before `pid` matches at `start`
        // (it would have been reported), so only the later ones can.
        (pid.as_usize() + 1..self.recognizers.len()).find_map(|i| {
            let pattern = PatternID::new(i).ok()?;
            let m = self.search(&windowed(text, start, Anchored::Pattern(pattern)))?;
            self.check(text, m.start(), m.end(), i)
        })
    }

    fn check(&self, text: &str, start: usize, end: usize, i: usize) -> Option<Finding> {
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return None;
        }
        let r = self.recognizers.get(i)?;
        let (start, end) = (r.check)(text, start, end)?;
        // A UUID's groups are no identifiers, whatever they look like.
        if checks::inside_uuid(text, start, end) {
            return None;
        }
        (start < end).then(|| Finding {
            entity: r.entity,
            start,
            end,
            score: context::base(r.entity),
        })
    }
}

/// A finding with UTF-16 offsets (what JavaScript's `String.prototype.slice`
/// takes) and the matched text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TextSpan {
    #[serde(rename = "type")]
    pub entity: Entity,
    pub start: usize,
    pub end: usize,
    pub score: f64,
    pub text: String,
}

/// [`find`], with offsets counted in UTF-16 code units.
///
/// ```
/// let spans = pii_mask::detect::find_utf16("😀 ana@example.org");
/// assert_eq!((spans[0].start, spans[0].end), (3, 18));
/// ```
pub fn find_utf16(text: &str) -> Vec<TextSpan> {
    to_utf16(text, &find(text))
}

/// Findings in `text` (sorted) with their offsets counted in UTF-16.
pub(crate) fn to_utf16(text: &str, found: &[Finding]) -> Vec<TextSpan> {
    let mut spans = Vec::new();
    let (mut byte, mut unit) = (0, 0);
    let mut advance = |to: usize| {
        unit += text[byte..to].chars().map(char::len_utf16).sum::<usize>();
        byte = to;
        unit
    };
    for f in found {
        let start = advance(f.start);
        let end = advance(f.end);
        spans.push(TextSpan {
            entity: f.entity,
            start,
            end,
            score: f.score,
            text: text[f.start..f.end].to_string(),
        });
    }
    spans
}

/// Whether the whole cell (surrounding white space aside) is one entity.
///
/// ```
/// use pii_mask::detect::{judge, Entity};
/// assert_eq!(judge(" 4111 1111 1111 1111 "), Some(Entity::CreditCard));
/// assert_eq!(judge("4111 1111 1111 1112"), None); // fails Luhn
/// assert_eq!(judge("call 555-0100"), None);
/// ```
pub fn judge(cell: &str) -> Option<Entity> {
    fold::with_folded(cell, |folded| judge_plain(&folded.text)).unwrap_or_else(|| judge_plain(cell))
}

fn judge_plain(cell: &str) -> Option<Entity> {
    let trimmed = cell.trim();
    if trimmed.is_empty() {
        return None;
    }
    let offset = trimmed.as_ptr() as usize - cell.as_ptr() as usize;
    let det = detector();
    let input = Input::new(cell)
        .range(offset..offset + trimmed.len())
        .anchored(Anchored::Yes);
    let whole = |f: &Finding| f.start == offset && f.end == offset + trimmed.len();
    let anchored = det
        .search(&input)
        .and_then(|m| det.accept(cell, m.start(), m.end(), m.pattern()));
    match anchored {
        Some(f) if whole(&f) => Some(f.entity),
        Some(_) => match find(trimmed).as_slice() {
            [f] if f.start == 0 && f.end == trimmed.len() => Some(f.entity),
            _ => None,
        },
        // A listed city before a first name: a cell "Paris" is the city.
        None if is_place_cell(trimmed) || places::is_address_cell(trimmed) => {
            Some(Entity::Location)
        }
        None => {
            let surname_first =
                names::surname_first_caps(trimmed).is_some_and(|s| !places::is_listed_place(s));
            (surname_first || is_name_cell(trimmed)).then_some(Entity::Person)
        }
    }
}

/// A bare 9-digit number is a US SSN only where the column says so; this is
/// the check for that case.
pub fn is_bare_ssn(cell: &str) -> bool {
    checks::ssn_digits_ok(cell.trim().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(Entity, &str)> {
        find(text)
            .iter()
            .map(|f| (f.entity, &text[f.start..f.end]))
            .collect()
    }

    #[test]
    fn each_entity_in_a_sentence() {
        let t = "Jo (jo.smith@mail.example.com, 415-555-0132) paid with 5555 5555 5555 4444 \
                 from DE89 3704 0044 0532 0130 00; SSN 123-45-6789, IP 192.168.10.7 and \
                 2001:db8::1, MAC 00:1A:2B:3C:4D:5E, born 1984-03-07, see https://example.com/x.";
        assert_eq!(
            spans(t),
            vec![
                (Entity::EmailAddress, "jo.smith@mail.example.com"),
                (Entity::PhoneNumber, "415-555-0132"),
                (Entity::CreditCard, "5555 5555 5555 4444"),
                (Entity::IbanCode, "DE89 3704 0044 0532 0130 00"),
                (Entity::UsSsn, "123-45-6789"),
                (Entity::IpAddress, "192.168.10.7"),
                (Entity::IpAddress, "2001:db8::1"),
                (Entity::MacAddress, "00:1A:2B:3C:4D:5E"),
                (Entity::DateTime, "1984-03-07"),
                (Entity::Url, "https://example.com/x"),
            ]
        );
    }

    #[test]
    fn look_alikes_are_not_pii() {
        for t in [
            "order ORD-2019-180444 shipped",
            "card 4111 1111 1111 1112 declined", // Luhn fails
            "version 10.2.0.1.4",
            "SSN 000-12-3456",
            "ratio 1:2:3:4 at 12:34:56",
            "std::cout and MyClass::toString",
            "price 1,299.00 EUR",
        ] {
            let got: Vec<_> = spans(t)
                .into_iter()
                .filter(|(e, _)| *e != Entity::DateTime)
                .collect();
            assert!(got.is_empty(), "{t:?} gave {got:?}");
        }
    }

    #[test]
    fn identifiers_and_secrets_in_text() {
        let t = "NINO AB 12 34 56 C, NIF 12345678Z, NIE X1234567L, CF RSSMRA85T10A562S, \
                 NRIC S1234567D, NIR 2 55 08 14 168 025 38, ITIN 912-70-1234, SIN 130 692 544, \
                 Aadhaar 2341 2341 2346, key AKIAIOSFODNN7EXAMPLE, token ghp_0123456789abcdefghijABCDEFGHIJ012345, \
                 btc 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 and bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq.";
        let got: Vec<Entity> = find(t).iter().map(|f| f.entity).collect();
        assert_eq!(
            got,
            [
                Entity::UkNino,
                Entity::EsNif,
                Entity::EsNie,
                Entity::ItFiscalCode,
                Entity::SgNricFin,
                Entity::FrNir,
                Entity::UsItin,
                Entity::CaSin,
                Entity::InAadhaar,
                Entity::ApiKey,
                Entity::ApiKey,
                Entity::Crypto,
                Entity::Crypto,
            ]
        );
    }

    #[test]
    fn repeated_key_prefixes_read_each_byte_a_bounded_number_of_times() {
        // Each "eyJ" reads at most a window ahead (it read to the end of
        // the run before: five times the work at this size, growing with
        // the square of it).
        let text = "eyJa-".repeat(8_000);
        assert_eq!(spans(&text), []);
    }

    #[test]
    fn a_key_longer_than_the_window_is_found_whole() {
        let random: String = (0..3 * WINDOW)
            .map(|i| if i % 3 == 0 { '7' } else { 'q' })
            .collect();
        let text = format!("token sk-{random} end");
        let key = &text[6..text.len() - 4];
        assert_eq!(spans(&text), [(Entity::ApiKey, key)]);
    }

    #[test]
    fn prose_with_key_prefixes_is_not_a_key() {
        let t = "we use sk-learn-and-pandas-for-modelling and ask-about-the-weather";
        assert!(find(t).is_empty(), "{:?}", spans(t));
    }

    #[test]
    fn non_ascii_next_to_candidates_never_splits_a_character() {
        for t in [
            "wééx.com",
            "http://wééx.com",
            "é1.2.3.4",
            "ï 10.0.0.1",
            "Zoë 415-555-0132",
            "ü::1",
        ] {
            let _ = find(t);
            let _ = judge(t);
        }
    }

    #[test]
    fn bare_numbers_need_a_word_that_names_them() {
        let found = |t: &str| spans(t).into_iter().map(|(e, _)| e).collect::<Vec<_>>();
        assert_eq!(found("NHS number 9434765919 belongs to"), [Entity::UkNhs]);
        assert_eq!(found("my SIN: 130692544"), [Entity::CaSin]);
        assert_eq!(found("TFN 123 456 782"), [Entity::AuTfn]);
        assert_eq!(found("BSN 1112.22.333"), [Entity::NlBsn]);
        assert_eq!(found("reference 9434765919, not an NHS number"), []);
        assert_eq!(
            found("business 130692544"),
            [],
            "'sin' inside a word is no cue"
        );
        assert_eq!(found("SIN 130692545"), [], "the check still applies");
    }

    #[test]
    fn the_traps_the_corpus_found() {
        let none_of = |t: &str, e: Entity| {
            let got: Vec<_> = spans(t).into_iter().filter(|(x, _)| *x == e).collect();
            assert!(got.is_empty(), "{t:?} gave {got:?}");
        };
        none_of("upgraded to 9.18.19 and 1.19.12", Entity::DateTime);
        none_of(
            "user agent build 13.4.7.2057, release 2.9.12",
            Entity::DateTime,
        );
        none_of("build 16.4.1.165 shipped", Entity::IpAddress);
        none_of("item SKU-540-437-8352 restocked", Entity::PhoneNumber);
        none_of("EAN 4001926689344", Entity::CreditCard);
        none_of("Steuer-ID 50 791 924 681", Entity::CaSin);
        assert_eq!(
            spans("key AKIAXITJBGBVTDIDXZQR"),
            [(Entity::ApiKey, "AKIAXITJBGBVTDIDXZQR")]
        );
        assert_eq!(spans("NHS 943 476 5919"), [(Entity::UkNhs, "943 476 5919")]);
        assert_eq!(
            spans("Tel. 07531 28911395"),
            [(Entity::PhoneNumber, "07531 28911395")]
        );
        assert_eq!(spans("on 21.05.2021"), [(Entity::DateTime, "21.05.2021")]);
        assert_eq!(
            spans("+44 (0)20 7946 0958 2 cats"),
            [(Entity::PhoneNumber, "+44 (0)20 7946 0958")]
        );
        assert_eq!(spans("+1 2 3 4 5 6 7 8"), [], "no plan has that shape");
        assert_eq!(
            spans("Llame al 931 52 44 12"),
            [(Entity::PhoneNumber, "931 52 44 12")]
        );
    }

    /// Spans of `text` with an unanchored search from every byte, as before
    /// the prefilter.
    fn unfiltered(text: &str) -> Vec<Finding> {
        let mut found = Vec::new();
        find_each_from(text, &mut |f| found.push(f), unanchored);
        found
    }

    /// The leftmost-first match of an unanchored search from `at`, by the
    /// forward and reverse automata of the same patterns.
    fn unanchored(_: &Detector, text: &str, at: usize) -> Option<Match> {
        use regex_automata::hybrid::regex::Regex;
        static REGEX: OnceLock<Regex> = OnceLock::new();
        let regex = REGEX.get_or_init(|| {
            let recognizers = recognizers::recognizers();
            let sources: Vec<&str> = recognizers.iter().map(|r| r.pattern).collect();
            let reverse = dfa::Builder::new()
                .syntax(syntax::Config::new().unicode(false).utf8(false))
                .configure(
                    dfa::Config::new()
                        .prefilter(None)
                        .specialize_start_states(false)
                        .match_kind(regex_automata::MatchKind::All),
                )
                .thompson(regex_automata::nfa::thompson::Config::new().reverse(true))
                .build_many(&sources)
                .unwrap();
            Regex::builder().build_from_dfas(build_dfa(&sources), reverse)
        });
        let mut cache = regex.create_cache();
        regex
            .try_search(&mut cache, &Input::new(text).range(at..))
            .unwrap()
    }

    fn filtered(text: &str) -> Vec<Finding> {
        let mut found = Vec::new();
        find_each_plain(text, &mut |f| found.push(f));
        found
    }

    #[test]
    fn the_prefilter_finds_what_a_search_from_every_byte_finds() {
        for t in [
            "AKIAIOSFODNNABCDEFGH and RSSMRAHTLAMPRSTU",
            "key AKIAIOSFODNNABCDEFGH",
            "NINO AB 12 34 56 C, March 12, 2020, Sept. 3",
            "mail x.y@example.com or www.example.org/a or dead.beef.cafe",
            "ab:cd::ef and fe80::1, ab-cd-ef-ab-cd-ef, sk-abcdefghijklmnopqrstuvwx1",
            "-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----",
            "Note: call +44 20 7946 0958.  Then   (206) 969-6773; glpat-abcdefghijklmnopqrst1",
            "ghp_0123456789abcdefghijABCDEFGHIJ012345 example.com.",
        ] {
            assert_eq!(filtered(t), unfiltered(t), "{t:?}");
        }
    }

    // proptest builds natively only.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn the_prefilter_changes_no_finding(
            parts in proptest::collection::vec(proptest::sample::select(&[
                " ", "  ", "\n", ".", "-", ":", "::", "/", "_", "@", "+", "(", ")", ",", "é",
                "a", "B", "ab", "Ab", "AB", "abcdefgh", "ABCDEFGH", "AKIA", "www", "http", "com",
                "March", "Sept", "st", "0", "1", "12", "123", "4111", "99", "2020", "x", "eyJ",
            ][..]), 0..24)
        ) {
            let t: String = parts.concat();
            proptest::prop_assert_eq!(filtered(&t), unfiltered(&t), "{:?}", t);
        }
    }

    /// The bytes on which some pattern's anchored search is not dead at once,
    /// for any byte (or none) before them.
    fn starting_bytes(dfa: &dfa::DFA) -> [bool; 256] {
        let mut cache = dfa.create_cache();
        let mut may = [false; 256];
        let behind = std::iter::once(None).chain((0..=255).map(Some));
        for look_behind in behind {
            let config = regex_automata::util::start::Config::new()
                .anchored(Anchored::Yes)
                .look_behind(look_behind);
            let Ok(sid) = dfa.start_state(&mut cache, &config) else {
                return [true; 256];
            };
            // A match before any byte (none of the patterns has one) would
            // make every byte a start.
            if sid.is_match() {
                return [true; 256];
            }
            for (byte, may) in (0..=255).zip(may.iter_mut()) {
                *may |= dfa
                    .next_state(&mut cache, sid, byte)
                    .map_or(true, |next| !next.is_dead());
            }
        }
        may
    }

    #[test]
    fn the_starting_bytes_are_the_automaton_s() {
        let may = starting_bytes(&detector().dfa);
        let show = |m: &[bool; 256]| -> String {
            (0..=255u8)
                .filter(|&b| m[usize::from(b)])
                .map(char::from)
                .collect()
        };
        assert_eq!(show(&MAY_START), show(&may), "update MAY_START");
    }

    #[test]
    fn an_email_is_not_also_a_url() {
        assert_eq!(
            spans("ana.de@example.co.uk"),
            vec![(Entity::EmailAddress, "ana.de@example.co.uk")]
        );
    }

    #[test]
    fn non_ascii_text_around_matches() {
        let t = "Zoë née Müller — 電話 +33 1 42 68 53 00 ✉ zoë@exämple.fr ok";
        let got = spans(t);
        // "née Müller": a maiden name inside the clause.
        assert_eq!(got[0], (Entity::Person, "Müller"));
        assert_eq!(got[1], (Entity::PhoneNumber, "+33 1 42 68 53 00"));
    }

    #[test]
    fn judge_takes_whole_cells_only() {
        assert_eq!(judge("ana@example.org"), Some(Entity::EmailAddress));
        assert_eq!(judge("mail ana@example.org"), None);
        assert_eq!(judge(""), None);
        assert!(is_bare_ssn("123456789"));
        assert!(!is_bare_ssn("000456789"));
    }
}
