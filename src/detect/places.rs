//! Places in text, without a model: a gazetteer of countries and cities (see
//! `data/README.md`) and the words that introduce a place ("in", "moved to",
//! "wohnt in"). A listed place counts anywhere, unless its name is also a
//! person's name or an everyday word ("Jackson", "Nice"): then only after a
//! place word. After a residence phrase ("lives in", "moved to") any
//! capitalised name counts, listed or not.

use super::names::{capitalised, Word};
use super::{Entity, Finding};
use std::collections::HashMap;
use std::sync::OnceLock;

const PLACES: &str = include_str!("data/places.txt");

struct Gazetteer {
    /// Lower-case name -> whether it needs a place word before it.
    names: HashMap<&'static str, bool>,
    /// Lower-case first word -> the most words a name starting with it has.
    first: HashMap<&'static str, usize>,
}

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut names = HashMap::new();
        let mut first = HashMap::new();
        for line in PLACES.lines() {
            let (name, ambiguous) = match line.strip_prefix('?') {
                Some(n) => (n, true),
                None => (line, false),
            };
            names.insert(name, ambiguous);
            let mut words = name.split(' ');
            let head = words.next().unwrap_or(name);
            let n = 1 + words.count();
            let max = first.entry(head).or_insert(0);
            *max = n.max(*max);
        }
        Gazetteer { names, first }
    })
}

/// Words after which a listed place counts even if its name is ambiguous.
const PLACE_WORDS: &[&str] = &[
    "in", "to", "from", "at", "near", "via", "nach", "aus", "bei", "à", "au", "en", "naar", "uit",
    "te", "desde", "hacia", "vers",
];

/// Residence phrases: after them a capitalised name is a place, listed or
/// not. Each ends in one of [`PLACE_WORDS`], "of" or "a".
const RESIDENCE: &[&[&str]] = &[
    &["moved", "to"],
    &["moving", "to"],
    &["relocated", "to"],
    &["lives", "in"],
    &["living", "in"],
    &["live", "in"],
    &["based", "in"],
    &["born", "in"],
    &["resides", "in"],
    &["residing", "in"],
    &["resident", "of"],
    &["wohnt", "in"],
    &["wohnt", "jetzt", "in"],
    &["wohnhaft", "in"],
    &["lebt", "in"],
    &["geboren", "in"],
    &["zieht", "nach"],
    &["habite", "à"],
    &["vit", "à"],
    &["né", "à"],
    &["née", "à"],
    &["vive", "en"],
    &["reside", "en"],
    &["nació", "en"],
    &["woont", "in"],
    &["abita", "a"],
    &["vive", "a"],
    &["nato", "a"],
    &["nata", "a"],
];

/// Capitalised words that do not start or continue a place name.
const NOT_PLACES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "I",
];

/// A place found, and whether a residence phrase introduced it (such a
/// place wins over a person's name it overlaps).
pub(super) struct Place {
    pub finding: Finding,
    pub after_residence: bool,
}

fn preceded_by(text: &str, ws: &[Word<'_>], i: usize, phrase: &[&str]) -> bool {
    phrase.len() <= i
        && phrase
            .iter()
            .rev()
            .zip(ws[..i].iter().rev())
            .all(|(p, w)| w.text.eq_ignore_ascii_case(p))
        && text[ws[i - 1].end..ws[i].start].trim().is_empty()
}

/// `word` lower-cased in `buf`, if it is ASCII and fits (every listed first
/// word is looked up here, so no allocation); others through `to_lowercase`.
fn lower<'b>(word: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    if word.is_ascii() && word.len() <= buf.len() {
        let b = &mut buf[..word.len()];
        b.copy_from_slice(word.as_bytes());
        b.make_ascii_lowercase();
        return std::str::from_utf8(b).ok();
    }
    let owned = word.to_lowercase();
    let b = buf.get_mut(..owned.len())?;
    b.copy_from_slice(owned.as_bytes());
    std::str::from_utf8(b).ok()
}

/// The longest listed place starting at word `i`: (words, needs a place word).
fn listed_at(text: &str, ws: &[Word<'_>], i: usize) -> Option<(usize, bool)> {
    let g = gazetteer();
    let mut buf = [0u8; 32];
    let head = lower(ws[i].text, &mut buf)?;
    let max = *g.first.get(head)?;
    let mut best = g.names.get(head).map(|&amb| (1, amb));
    if max == 1 {
        return best;
    }
    let mut phrase = head.to_string();
    for n in 2..=max.min(ws.len() - i) {
        let (prev, w) = (&ws[i + n - 2], &ws[i + n - 1]);
        if &text[prev.end..w.start] != " " {
            break;
        }
        phrase.push(' ');
        phrase.push_str(&w.text.to_lowercase());
        if let Some(&amb) = g.names.get(phrase.as_str()) {
            // The last word of a name is capitalised ("Rio de Janeiro").
            if capitalised(w.text) {
                best = Some((n, amb));
            }
        }
    }
    best
}

/// Lower-case words inside place names: "Chiclana de la Frontera".
const CONNECTORS: &[&str] = &[
    "de", "del", "la", "las", "los", "do", "da", "das", "dos", "di", "du", "des", "am", "an",
    "der", "sur", "upon", "on", "en", "y",
];

/// A place name from `i`: capitalised words next to each other, with
/// connectors between them, at most five words.
fn capitalised_run(text: &str, ws: &[Word<'_>], i: usize) -> usize {
    let (mut n, mut last) = (0, 0);
    while i + n < ws.len() && n < 5 {
        let w = &ws[i + n];
        if n > 0 && &text[ws[i + n - 1].end..w.start] != " " {
            break;
        }
        if capitalised(w.text) && !NOT_PLACES.contains(&w.text) {
            last = n + 1;
        } else if n == 0 || !CONNECTORS.contains(&w.text) {
            break;
        }
        n += 1;
    }
    last
}

/// Whether a capitalised word follows words `i..i + n`: "Wellington Smith"
/// is more likely a name than a city. (A capitalised word before is no
/// sign: German capitalises nouns, "Filiale Köln".)
fn followed_by_capitalised(text: &str, ws: &[Word<'_>], i: usize, n: usize) -> bool {
    ws.get(i + n)
        .is_some_and(|w| &text[ws[i + n - 1].end..w.start] == " " && capitalised(w.text))
}

/// Whether a whole cell is a listed place that needs no cue ("Köln",
/// "New York", "Brazil"; not "Jackson").
pub fn is_place_cell(cell: &str) -> bool {
    let cell = cell.trim();
    let ws = super::names::words(cell);
    !ws.is_empty()
        && ws[0].start == 0
        && capitalised(ws[0].text)
        && listed_at(cell, &ws, 0).is_some_and(|(n, ambiguous)| {
            !ambiguous && n == ws.len() && ws[n - 1].end == cell.len()
        })
}

/// Finds places among the words `ws` of `text`, in order.
pub(super) fn find_places(text: &str, ws: &[Word<'_>], titles: &[&str], out: &mut Vec<Place>) {
    let mut i = 0;
    while i < ws.len() {
        if !capitalised(ws[i].text) || titles.contains(&ws[i].text) {
            i += 1;
            continue;
        }
        // Every cue ends in a place word, "of" or "a": look at the word
        // before first, the whole phrases only when it is one.
        let before = i.checked_sub(1).map(|j| ws[j].text).filter(|w| {
            PLACE_WORDS
                .iter()
                .chain(&["of", "a"])
                .any(|p| w.eq_ignore_ascii_case(p))
        });
        let residence = before.is_some() && RESIDENCE.iter().any(|p| preceded_by(text, ws, i, p));
        let place_word = residence
            || before.is_some_and(|w| PLACE_WORDS.iter().any(|p| w.eq_ignore_ascii_case(p)));
        let (n, base) = match listed_at(text, ws, i) {
            Some((n, ambiguous))
                if place_word || !(ambiguous || followed_by_capitalised(text, ws, i, n)) =>
            {
                (
                    n,
                    if residence {
                        0.9
                    } else if place_word {
                        0.8
                    } else {
                        0.6
                    },
                )
            }
            _ if residence => (capitalised_run(text, ws, i), 0.7),
            _ => (0, 0.0),
        };
        if n == 0 {
            i += 1;
            continue;
        }
        let (start, end) = (ws[i].start, ws[i + n - 1].end);
        out.push(Place {
            finding: Finding {
                entity: Entity::Location,
                start,
                end,
                score: base,
            },
            after_residence: residence,
        });
        i += n;
    }
}

#[cfg(test)]
mod tests {
    use crate::detect::{find, Entity};

    fn places(text: &str) -> Vec<&str> {
        find(text)
            .into_iter()
            .filter(|f| f.entity == Entity::Location)
            .map(|f| &text[f.start..f.end])
            .collect()
    }

    #[test]
    fn listed_places_count_anywhere() {
        assert_eq!(
            places("Shipped from Rotterdam to New York."),
            ["Rotterdam", "New York"]
        );
        assert_eq!(
            places("Office: Rio de Janeiro, Brazil"),
            ["Rio de Janeiro", "Brazil"]
        );
        assert_eq!(places("Filiale Köln, Deutschland"), ["Köln", "Deutschland"]);
        assert_eq!(
            places("Frankfurt am Main hat gewählt"),
            ["Frankfurt am Main"]
        );
    }

    #[test]
    fn ambiguous_names_need_a_place_word() {
        assert_eq!(places("Nice work, Reading is done."), Vec::<&str>::new());
        assert_eq!(
            places("She stayed in Nice and flew to Reading."),
            ["Nice", "Reading"]
        );
        assert_eq!(
            places("Jackson called about the invoice"),
            Vec::<&str>::new()
        );
        assert_eq!(places("The office in Jackson is closed"), ["Jackson"]);
        // Before another capitalised word, a listed place is likely part of
        // a name, unless a place word says otherwise.
        assert_eq!(places("Wellington Smith paid"), Vec::<&str>::new());
        assert_eq!(places("Flights to Wellington Airport"), ["Wellington"]);
    }

    #[test]
    fn residence_phrases_take_any_capitalised_name() {
        assert_eq!(
            places("Customer moved to Port Kaylaburgh."),
            ["Port Kaylaburgh"]
        );
        assert_eq!(
            places("He lives in Chiclana de la Frontera now"),
            ["Chiclana de la Frontera"]
        );
        assert_eq!(
            places("Frau Weber wohnt jetzt in Bad Homburg."),
            ["Bad Homburg"]
        );
        assert_eq!(
            places("Elle habite à Villeneuve-d'Ascq."),
            ["Villeneuve-d'Ascq"]
        );
        // Not after an ordinary place word, and not a month.
        assert_eq!(places("Meet in Room Twelve"), Vec::<&str>::new());
        assert_eq!(places("She moved to May"), Vec::<&str>::new());
    }

    #[test]
    fn a_person_keeps_their_name_unless_a_residence_phrase_says_place() {
        let spans = |t| {
            find(t)
                .into_iter()
                .map(|f| (f.entity, &t[f.start..f.end]))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            spans("Paris Hilton arrived"),
            [(Entity::Person, "Paris Hilton")]
        );
        assert_eq!(
            spans("He moved to Grace Hill"),
            [(Entity::Location, "Grace Hill")]
        );
    }
}
