//! A row's own personal data mentioned in its free text.
//!
//! A notes cell often names the person its row is about ("Called Mrs
//! Okonkwo about the refund"). Detection may miss such a name (a surname on
//! no list, in a sentence shape it does not know), but the row has already
//! said it is personal data: it stands in a column that is masked. So
//! `scrub` also removes, from each free-text cell, the values of its row's
//! other protected columns, and for names and places their parts. Only the
//! same row is read, so a file masked in parts gives the same bytes.

use crate::detect::{Entity, Finding};

/// A value of the row that a masked column holds, and what it is.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Known<'a> {
    pub entity: Entity,
    pub value: &'a str,
    /// The column it stands in, so a column is not searched for itself.
    pub column: usize,
}

/// How sure a mention is: the row vouches for the value, not its shape.
const SCORE: f64 = 0.8;

/// Adds to `out` every whole-word occurrence in `text` of the values in
/// `known` but those of column `own` (case-insensitively, ASCII), and of the
/// parts of names and places (capitalised words of four letters or more,
/// matched as written).
pub(crate) fn find(text: &str, known: &[Known<'_>], own: usize, out: &mut Vec<Finding>) {
    for k in known.iter().filter(|k| k.column != own) {
        let value = k.value.trim();
        if value.chars().count() >= 3 {
            each_match(text.as_bytes(), value.as_bytes(), true, |at| {
                push_whole_word(text, at, at + value.len(), k.entity, out);
            });
        }
        if matches!(k.entity, Entity::Person | Entity::Location) {
            for part in parts(value) {
                each_match(text.as_bytes(), part.as_bytes(), false, |at| {
                    push_whole_word(text, at, at + part.len(), k.entity, out);
                });
            }
        }
    }
}

/// Calls `on_match` with the start of each occurrence of `needle` in
/// `hay`, from the left, not overlapping (as `str::match_indices`), with
/// ASCII case ignored if `fold`. A match of one UTF-8 text in another
/// starts and ends on character boundaries, so bytes will do.
///
/// A cell and a row's value are short: building a searcher for every value
/// and cell (`match_indices`), and a lower-case copy of the cell, cost more
/// than the search itself. Candidates are found by their first byte
/// (memchr), then compared; a long text and needle (where comparing at
/// every candidate could take long) get a searcher that is linear.
fn each_match(hay: &[u8], needle: &[u8], fold: bool, mut on_match: impl FnMut(usize)) {
    let Some(&first) = needle.first() else {
        return;
    };
    if hay.len().saturating_mul(needle.len()) > 1 << 16 {
        // Non-overlapping, from the left, as `match_indices`.
        if fold {
            let (hay, needle) = (hay.to_ascii_lowercase(), needle.to_ascii_lowercase());
            memchr::memmem::find_iter(&hay, &needle).for_each(on_match);
        } else {
            memchr::memmem::find_iter(hay, needle).for_each(on_match);
        }
        return;
    }
    let same = |at: usize| {
        hay.get(at..at + needle.len()).is_some_and(|h| {
            if fold {
                h.eq_ignore_ascii_case(needle)
            } else {
                h == needle
            }
        })
    };
    let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut at = 0;
    while at + needle.len() <= hay.len() {
        let next = if fold && lo != up {
            memchr::memchr2(lo, up, &hay[at..])
        } else {
            memchr::memchr(first, &hay[at..])
        };
        let Some(i) = next else {
            return;
        };
        at += i;
        if same(at) {
            on_match(at);
            at += needle.len();
        } else {
            at += 1;
        }
    }
}

/// The words of a name or place that stand for it alone: capitalised, four
/// letters or more, no digits ("Okonkwo", "Wheeling"; not "van", "NE",
/// "21907").
fn parts(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '/'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && w.chars().count() >= 4
                && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\''))
                // An all-capitals word is a code (a state, a postcode's
                // letters), not a name.
                && chars.any(char::is_lowercase)
        })
}

fn push_whole_word(text: &str, start: usize, end: usize, entity: Entity, out: &mut Vec<Finding>) {
    // `start..end` may come from an ASCII-folded copy of `text`: the same
    // bytes but for ASCII letters, so the same character boundaries.
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    if word(text[..start].chars().next_back()) || word(text[end..].chars().next()) {
        return;
    }
    out.push(Finding {
        entity,
        start,
        end,
        score: SCORE,
    });
}

/// Sorts `all` by start and joins spans that overlap, so that a mention
/// longer than a detected span (or the reverse) is replaced whole; a
/// joined span keeps the entity of the one that starts first.
pub(crate) fn join(all: &mut Vec<Finding>) {
    crate::detect::sort_by_start_longest(all);
    let mut joined: Vec<Finding> = Vec::with_capacity(all.len());
    for f in all.drain(..) {
        match joined.last_mut() {
            Some(last) if f.start < last.end => last.end = last.end.max(f.end),
            _ => joined.push(f),
        }
    }
    *all = joined;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str, known: &[(Entity, &str)]) -> Vec<String> {
        let known: Vec<Known<'_>> = known
            .iter()
            .enumerate()
            .map(|(column, &(entity, value))| Known {
                entity,
                value,
                column,
            })
            .collect();
        let mut out = Vec::new();
        find(text, &known, usize::MAX, &mut out);
        join(&mut out);
        out.iter()
            .map(|f| format!("{}:{}", f.entity.as_str(), &text[f.start..f.end]))
            .collect()
    }

    #[test]
    fn whole_values_and_name_parts_as_whole_words() {
        assert_eq!(
            spans(
                "Mrs okonkwo-Adeyemi? No: Adaeze Okonkwo called; Okonkwos' dog",
                &[(Entity::Person, "Adaeze Okonkwo")]
            ),
            ["PERSON:Adaeze Okonkwo"]
        );
        assert_eq!(
            spans(
                "Spoke to OKONKWO, then Adaeze.",
                &[(Entity::Person, "Adaeze Okonkwo")]
            ),
            ["PERSON:Adaeze"],
            "a part matches as written; the whole value in any case"
        );
        assert_eq!(
            spans(
                "spoke to adaeze okonkwo",
                &[(Entity::Person, "Adaeze Okonkwo")]
            ),
            ["PERSON:adaeze okonkwo"]
        );
    }

    #[test]
    fn places_give_their_words_but_not_codes_or_numbers() {
        assert_eq!(
            spans(
                "Moved from Wheeling; old box 21907, NE office",
                &[(
                    Entity::Location,
                    "1023 Santa Marina Field, Wheeling, NE 21907"
                )]
            ),
            ["LOCATION:Wheeling"]
        );
    }

    #[test]
    fn other_entities_only_whole_and_short_values_never() {
        assert_eq!(
            spans(
                "Mail A.Lee@Example.org or lee@example.org; id 42",
                &[
                    (Entity::EmailAddress, "a.lee@example.org"),
                    (Entity::Person, "Al")
                ]
            ),
            ["EMAIL_ADDRESS:A.Lee@Example.org"]
        );
    }

    #[test]
    fn a_column_is_not_searched_for_its_own_value() {
        let known = [Known {
            entity: Entity::Person,
            value: "Adaeze Okonkwo",
            column: 3,
        }];
        let mut out = Vec::new();
        find("Adaeze Okonkwo", &known, 3, &mut out);
        assert!(out.is_empty());
        find("Adaeze Okonkwo", &known, 2, &mut out);
        assert_eq!(out.len(), 3, "the whole value and its two parts");
    }

    /// What `find` did before [`each_match`]: `match_indices` on a
    /// lower-case copy (with `fold`) or on the text as it is.
    fn reference(hay: &str, needle: &str, fold: bool) -> Vec<usize> {
        if fold {
            let (h, n) = (hay.to_ascii_lowercase(), needle.to_ascii_lowercase());
            h.match_indices(&n).map(|(at, _)| at).collect()
        } else {
            hay.match_indices(needle).map(|(at, _)| at).collect()
        }
    }

    #[test]
    fn the_search_finds_what_match_indices_finds() {
        let long = format!("{}Ann ann ANNa", "xé an ".repeat(20_000));
        let cases = [
            ("aaaa", "aa"),
            ("AaAaA", "aa"),
            ("Anna ANN ann anN", "ann"),
            ("Zoë zoË ZOË", "zoë"),
            ("a.lee@Example.org x A.LEE@EXAMPLE.ORG", "a.lee@example.org"),
            ("", "abc"),
            ("ab", "abc"),
            ("1-2-3-4", "-"),
            (long.as_str(), "ann"),
            (long.as_str(), "Ann"),
            (long.as_str(), "é an xé"),
        ];
        for (hay, needle) in cases {
            for fold in [false, true] {
                let mut got = Vec::new();
                each_match(hay.as_bytes(), needle.as_bytes(), fold, |at| got.push(at));
                let want = reference(hay, needle, fold);
                assert_eq!(
                    got,
                    want,
                    "{needle:?} in {:?} (fold {fold})",
                    &hay[..hay.len().min(40)]
                );
            }
        }
    }

    // proptest builds natively only.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn the_search_matches_match_indices_on_any_text(
            hay in "[aAbB é.-]{0,40}",
            needle in "[aAbB é.-]{1,4}",
            fold: bool,
        ) {
            let mut got = Vec::new();
            each_match(hay.as_bytes(), needle.as_bytes(), fold, |at| got.push(at));
            proptest::prop_assert_eq!(got, reference(&hay, &needle, fold));
        }
    }

    #[test]
    fn overlapping_spans_join() {
        let f = |start, end| Finding {
            entity: Entity::Person,
            start,
            end,
            score: 1.0,
        };
        let mut all = vec![f(5, 9), f(0, 6), f(12, 14), f(0, 3)];
        join(&mut all);
        assert_eq!(
            all.iter().map(|f| (f.start, f.end)).collect::<Vec<_>>(),
            [(0, 9), (12, 14)]
        );
    }
}
