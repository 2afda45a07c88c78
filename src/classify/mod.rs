//! Column to entity: from the header name and a sample of cells.

mod head;
mod header;
mod profile;

pub use head::looks_like_data;
pub use head::Header;
pub(crate) use header::{header_hint, Hint};
pub(crate) use profile::{Profile, Row};

use crate::csv::{CsvOptions, Reader, Record};
use crate::custom::CustomEntities;
use crate::detect::{ids, judge, Entity};
use crate::ops::year_of;
use crate::policy::{Generalization, Op};
use crate::Error;
use serde::Serialize;

/// How to scan.
#[derive(Clone, Debug)]
pub struct ScanOptions {
    /// How the input is read: delimiter, ragged rows, encoding.
    pub csv: CsvOptions,
    /// Whether the first record names the columns (decided from the data
    /// by default).
    pub header: Header,
    /// How many data rows (from the top) are classified; all are counted.
    pub sample_rows: usize,
    /// The user's own entities (a policy's `entities`), found like the
    /// built-in ones.
    pub entities: CustomEntities,
}

impl Default for ScanOptions {
    fn default() -> ScanOptions {
        ScanOptions {
            csv: CsvOptions::default(),
            header: Header::Auto,
            sample_rows: 1000,
            entities: CustomEntities::default(),
        }
    }
}

/// What the scanner found in a file.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct ScanResult {
    /// Data rows (the header not counted).
    pub rows: u64,
    /// Rows the classification looked at.
    pub sampled: u64,
    /// The field delimiter, given or detected.
    pub delimiter: String,
    /// Whether the first row was read as a header.
    pub header: bool,
    /// Whether that was decided from the data (the user did not say).
    #[serde(rename = "headerGuessed")]
    pub header_guessed: bool,
    pub columns: Vec<ColumnScan>,
    /// The first line holding a cell that is not valid UTF-8, if any: a
    /// sign the file is in another encoding (often Windows-1252).
    #[serde(rename = "invalidUtf8Line")]
    pub invalid_utf8_line: Option<u64>,
}

/// One column: what it holds and what to do with it.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "ScanColumn"))]
pub struct ColumnScan {
    /// 0-based.
    pub index: usize,
    /// The header, or `#N` without one.
    pub name: String,
    /// Entities seen, most common first, with the share of sampled
    /// non-empty cells that hold them.
    pub entities: Vec<EntityShare>,
    /// The operator suggested for it.
    pub suggested: Op,
    /// The entity the whole column holds, if one does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<Entity>,
    /// How sure the classification is, 0 to 1: the share of cells that hold
    /// the entity, raised when the header agrees; 0.6 for a header alone.
    pub confidence: f64,
    /// Whether it may single people out together with other columns (age,
    /// birth date, postcode, town, gender, job, ...): a quasi-identifier to
    /// measure re-identification risk with.
    pub quasi: bool,
}

/// An entity seen in a column's sample.
#[derive(Clone, Copy, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct EntityShare {
    #[serde(rename = "type")]
    pub entity: Entity,
    /// The share of sampled non-empty cells that hold it, 0 to 1.
    pub share: f64,
    /// Sampled cells that hold it (whole or inside their text).
    pub cells: u64,
    /// `cells`: the share is counted in the cells; `header`: the header
    /// names it and the cells cannot confirm it (names and places off the
    /// lists), so the share is 1 by the header's word and `cells` says how
    /// many cells showed it.
    pub source: ShareSource,
}

/// Where an [`EntityShare`] comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ShareSource {
    Cells,
    Header,
}

/// Counts over a column's sampled cells.
#[derive(Clone, Debug, Default)]
pub(crate) struct ColumnStats {
    hint: Hint,
    non_empty: u64,
    /// The user's entities, looked for after the built-in ones.
    custom: CustomEntities,
    /// The declared entity the header names by a context word, if any.
    custom_hint: Option<Entity>,
    /// Cells that are wholly one entity, by [`ColumnStats::slot`].
    whole: Vec<u64>,
    /// Cells with the entity somewhere inside other text.
    inside: Vec<u64>,
    /// Scratch for one cell: which entities were seen inside it.
    seen: Vec<bool>,
    /// Bare numbers passing each identifier's check, in [`BLIND`] order.
    checks: [u64; BLIND.len()],
    /// Date cells with a year, and the earliest and latest year.
    dated: u64,
    years: Option<(u16, u16)>,
    /// Date cells with a time of day (event timestamps have one; midnight,
    /// `00:00:00`, is a date exported with an empty time).
    timed: u64,
    /// Date cells with a two-digit year only (`07/22/61`), and the lowest
    /// and highest of those two digits.
    short_dated: u64,
    short_years: Option<(u8, u8)>,
    /// IP-shaped cells whose first two parts are small (versions: 10.2.0.1,
    /// 4.19.2.145; addresses spread their first octets over 1 to 223).
    small_parts: u64,
    /// Cells with white space inside (text, not codes).
    spaced: u64,
    /// Cells of one or two capitalised words of letters (names, towns).
    capitalised: u64,
    /// Of the `capitalised` cells: those with a common word ("Gold
    /// Member"), those all of listed names, those a listed place.
    common: u64,
    listed_names: u64,
    listed_places: u64,
    /// Cells shaped like a postcode: 4 or 5 digits, or a Dutch `1234 AB`.
    postcode_shaped: u64,
    /// Cells shaped like a town's name: capitalised, letters only, a few
    /// words, some of them lower case ("San Gaspare del friuli").
    town_shaped: u64,
    /// Hashes of the first distinct values, up to [`DISTINCT_CAP`].
    distinct: Vec<u64>,
    /// Cells looked at for `distinct`.
    distinct_of: u64,
}

/// Values remembered to tell a column of names from a column of labels.
const DISTINCT_CAP: usize = 100;

/// Identifiers that bare numbers can show without a header, by their check:
/// when nearly every cell of a column passes one of these (and only one),
/// that is what the column holds. A random number passes each about one time
/// in ten. (The SSN's range rules pass most numbers, so it is not here.)
const BLIND: [(Entity, ids::Check); 8] = [
    (Entity::UkNhs, ids::uk_nhs),
    (Entity::NlBsn, ids::nl_bsn),
    (Entity::DeTaxId, ids::de_tax_id),
    (Entity::AuTfn, ids::au_tfn),
    (Entity::AuMedicare, ids::au_medicare),
    (Entity::AbaRoutingNumber, ids::aba_routing),
    (Entity::CaSin, ids::ca_sin),
    (Entity::InAadhaar, ids::in_aadhaar),
];

impl ColumnStats {
    /// Stats for a column with this header (None without a header row).
    pub fn new(header: Option<&str>, custom: &CustomEntities) -> ColumnStats {
        let tracked = Entity::ALL.len() + custom.len();
        ColumnStats {
            hint: header.map(header_hint).unwrap_or_default(),
            custom_hint: header.and_then(|h| custom.named_by(h)),
            custom: custom.clone(),
            whole: vec![0; tracked],
            inside: vec![0; tracked],
            ..ColumnStats::default()
        }
    }

    /// Where an entity's counts are: the built-in ones in [`Entity::ALL`]
    /// order, then the declared ones.
    fn slot(&self, e: Entity) -> usize {
        match e {
            Entity::Custom(_) => {
                Entity::ALL.len() + self.custom.entities().position(|x| x == e).unwrap_or(0)
            }
            _ => Entity::ALL.iter().position(|&x| x == e).unwrap_or(0),
        }
    }

    /// Every entity counted, built-in first.
    fn tracked(&self) -> impl Iterator<Item = Entity> + '_ {
        Entity::ALL.into_iter().chain(self.custom.entities())
    }

    pub fn observe(&mut self, cell: &[u8]) {
        let Ok(text) = std::str::from_utf8(cell) else {
            self.non_empty += 1;
            return;
        };
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.non_empty += 1;
        // Where the header names an entity that bare values cannot show (a
        // 9-digit SSN, an NHS number), a value passing its check counts.
        if let (Some(e), Some(check)) = (self.hint.entity, self.hint.cell) {
            if check(text) {
                let i = self.slot(e);
                self.whole[i] += 1;
                return;
            }
        }
        let bare: Vec<u8> = text
            .bytes()
            .filter(|b| !matches!(b, b' ' | b'-' | b'.'))
            .collect();
        if bare.iter().all(u8::is_ascii_digit) {
            for (n, (_, check)) in self.checks.iter_mut().zip(BLIND) {
                *n += u64::from(check(&bare));
            }
        }
        self.postcode_shaped += u64::from(postcode_shaped(text));
        self.town_shaped += u64::from(town_shaped(text));
        self.spaced += u64::from(text.contains(char::is_whitespace));
        if self.distinct_of < DISTINCT_CAP as u64 {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            text.hash(&mut h);
            let h = h.finish();
            self.distinct_of += 1;
            if !self.distinct.contains(&h) {
                self.distinct.push(h);
            }
        }
        if is_capitalised(text) {
            self.capitalised += 1;
            let words = crate::detect::cell_words(text);
            self.common += u64::from(words.common);
            self.listed_names += u64::from(words.named);
            self.listed_places += u64::from(words.place);
        }
        if let Some(e) = self.custom.judge(text).or_else(|| judge(text)) {
            let i = self.slot(e);
            self.whole[i] += 1;
            match e {
                Entity::DateTime => self.date(text),
                Entity::IpAddress => self.small_parts += u64::from(version_shaped(text)),
                _ => {}
            }
            return;
        }
        // Each entity counts once per cell; the scratch is reused.
        let mut seen = std::mem::take(&mut self.seen);
        seen.clear();
        seen.resize(self.inside.len(), false);
        self.custom.find_each(text, |f| {
            if let Some(s) = seen.get_mut(self.slot(f.entity)) {
                *s = true;
            }
        });
        for (n, &s) in self.inside.iter_mut().zip(&seen) {
            *n += u64::from(s);
        }
        self.seen = seen;
    }
}

/// In a column of codes (no spaces), the share of cells that must hold
/// personal data before it is scrubbed: a few look-alikes among order codes
/// are not worth a scrub (they show in the report as kept).
const CODE_SHARE: f64 = 0.2;

/// Leading parts of a dotted number no larger than this look like a version.
const SMALL_PART: u16 = 30;

/// Whether a dotted quad reads as a version rather than an address: a
/// small major and a small minor (`10.2.0.1`, `4.19.2.145`) or a small
/// major and a small patch with any minor (`2.41.3.1077`), or a major of
/// 0 (no host address starts with 0: `0.8.44.102`). One address in a
/// hundred or so passes by chance; a column of them does not.
fn version_shaped(text: &str) -> bool {
    let mut parts = text.split('.').map(|p| p.parse::<u16>().ok());
    let (Some(Some(major)), Some(minor), Some(patch)) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let small = |p: Option<u16>| p.is_some_and(|n| n <= SMALL_PART);
    major == 0 || (major <= SMALL_PART && (small(minor) || small(patch)))
}

/// Whether a date's time of day is given, not midnight (`00:00:00`, a
/// date column exported from a database with an empty time).
fn has_time_of_day(text: &str) -> bool {
    let Some(colon) = text.find(':') else {
        return false;
    };
    // From the number before the first colon to the end: the time and any
    // fraction; a zone offset (`+01:00`) is part of it, and rare.
    let start = text[..colon]
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    text[start..]
        .bytes()
        .filter(u8::is_ascii_digit)
        .any(|b| b != b'0')
}

/// The two-digit year of a numeric date without a four-digit one
/// (`07/22/61`, `22.07.61`): the last of three groups of one or two digits.
/// A day and a month come first; with dots, every group has two digits
/// (`22.07.61`), so a version (`7.6.13`) is no date.
fn short_year_of(text: &str) -> Option<u8> {
    let date = text.split([' ', 'T']).next()?;
    let dotted = date.contains('.');
    let groups: Vec<&str> = date.split(['/', '.', '-']).collect();
    let [a, b, y] = groups.as_slice() else {
        return None;
    };
    let number = |g: &str, widths: std::ops::RangeInclusive<usize>| {
        if widths.contains(&g.len()) && g.bytes().all(|c| c.is_ascii_digit()) {
            g.parse::<u8>().ok()
        } else {
            None
        }
    };
    let day_month = if dotted { 2..=2 } else { 1..=2 };
    let (a, b) = (number(a, day_month.clone())?, number(b, day_month)?);
    let valid = (1..=31).contains(&a) && (1..=31).contains(&b) && (a <= 12 || b <= 12);
    valid.then(|| number(y, 2..=2)).flatten()
}

impl ColumnStats {
    fn date(&mut self, text: &str) {
        self.timed += u64::from(has_time_of_day(text));
        if let Some(year) = year_of(text).and_then(|y| y.parse::<u16>().ok()) {
            self.dated += 1;
            self.years = Some(match self.years {
                Some((lo, hi)) => (lo.min(year), hi.max(year)),
                None => (year, year),
            });
        } else if let Some(year) = short_year_of(text) {
            self.short_dated += 1;
            self.short_years = Some(match self.short_years {
                Some((lo, hi)) => (lo.min(year), hi.max(year)),
                None => (year, year),
            });
        }
    }

    /// Non-empty cells seen.
    pub(crate) fn non_empty(&self) -> u64 {
        self.non_empty
    }

    /// The share of cells that are capitalised words, when the column looks
    /// like names: mostly such words, and mostly different ones.
    pub(crate) fn name_like(&self) -> Option<f64> {
        let n = self.non_empty;
        let varied = self.distinct.len() as u64 * 2 >= self.distinct_of;
        (n >= 5 && self.capitalised * 10 >= n * 8 && varied)
            .then(|| self.capitalised as f64 / n as f64)
    }

    /// Under a blind header, a column of names or towns off the lists:
    /// mostly capitalised words, mostly different, hardly any a common
    /// word, and some of them listed names or places (products, plans,
    /// departments and job titles are common words or on no list). Which
    /// one, by which list holds more of them.
    pub(crate) fn proper_like(&self) -> Option<(Entity, f64)> {
        let share = self.name_like()?;
        let cap = self.capitalised;
        let listed = self.listed_names.max(self.listed_places);
        (self.common * 10 <= cap && listed * 5 >= cap).then(|| {
            let e = if self.listed_places >= self.listed_names {
                Entity::Location
            } else {
                Entity::Person
            };
            (e, share)
        })
    }

    /// Whether nearly every cell is shaped like a postcode, and they vary.
    pub(crate) fn postcode_like(&self) -> bool {
        let n = self.non_empty;
        n >= 5
            && self.postcode_shaped * 10 >= n * 9
            && self.distinct.len() as u64 * 2 >= self.distinct_of
    }

    /// Dates of birth, told from event dates by their values: no time of
    /// day (or only midnight), and years spread over decades. Two-digit
    /// years count by their digits: births from 1950 to 2005 give 50..99
    /// and 00..05, events of a few recent years a narrow band.
    pub(crate) fn birth_like(&self) -> bool {
        let dates = self.whole[self.slot(Entity::DateTime)];
        let spread = |r: Option<(u16, u16)>| r.map_or(0, |(lo, hi)| hi - lo);
        let short = self
            .short_years
            .map(|(lo, hi)| (u16::from(lo), u16::from(hi)));
        let (with_year, years) = if self.dated >= self.short_dated {
            (self.dated, spread(self.years))
        } else {
            (self.short_dated, spread(short))
        };
        dates >= 5 && self.timed * 10 <= dates && with_year * 10 >= dates * 9 && years >= 20
    }

    /// The share of cells where a person's name was found, whole or inside.
    pub(crate) fn person_share(&self) -> f64 {
        let i = self.slot(Entity::Person);
        match self.non_empty {
            0 => 0.0,
            n => (self.whole[i] + self.inside[i]) as f64 / n as f64,
        }
    }

    /// Whether the column holds a few different capitalised words that
    /// could name people: [`ColumnStats::name_like`], with hardly any common
    /// word among them (plans, products, departments).
    pub(crate) fn people_like(&self) -> Option<f64> {
        let share = self.name_like()?;
        (self.common * 10 <= self.capitalised).then_some(share)
    }

    /// Whether nearly every cell is shaped like a town's name, hardly any
    /// a common word, and the column is no short list of labels.
    pub(crate) fn town_like(&self) -> bool {
        let n = self.non_empty;
        n >= 5
            && self.town_shaped * 10 >= n * 9
            && self.common * 10 <= n
            && self.distinct.len() as u64 * 100 >= self.distinct_of * 15
    }
}

/// 4 or 5 digits ("10115", "2000"), or a Dutch postcode ("1017 GC", also
/// written "1017GC").
fn postcode_shaped(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    match (digits, &b[digits..]) {
        (4 | 5, []) => true,
        (4, [b' ', x, y] | [x, y]) => x.is_ascii_uppercase() && y.is_ascii_uppercase(),
        // A ZIP+4: "97282-7523".
        (5, [b'-', rest @ ..]) => rest.len() == 4 && rest.iter().all(u8::is_ascii_digit),
        // An international file mixes in UK and Canadian postcodes.
        (0, _) => crate::detect::is_postcode_cell(text),
        _ => false,
    }
}

/// One to three words of letters, each starting with a capital ("Ann",
/// "Lee", "Mary Ann Okafor", "Dr. Eva Kade"), with name particles between
/// them ("van Dijk", "Jade van de Veen", "Lo Giudice"); the last word is
/// capitalised.
fn is_capitalised(text: &str) -> bool {
    let mut capitalised = 0;
    let mut words = 0;
    let mut last_particle = false;
    for w in text.split(' ') {
        let mut chars = w.chars();
        let cap = chars.next().is_some_and(char::is_uppercase)
            && chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'));
        last_particle = !cap && crate::detect::is_particle(w);
        if !cap && !last_particle {
            return false;
        }
        capitalised += usize::from(cap);
        words += 1;
    }
    !last_particle && (1..=3).contains(&capitalised) && words <= 5
}

/// A town's name: starts with a capital, letters (and `-`, `'`, `.`)
/// only, at most five words ("Capecchi terme", "Sainte-Foy", "St. Ives").
fn town_shaped(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
        && text.split(' ').count() <= 5
        && text
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.'))
}

/// Makes room for `width` columns, each reading its own header's hint.
pub(crate) fn widen(
    stats: &mut Vec<ColumnStats>,
    names: Option<&[String]>,
    width: usize,
    custom: &CustomEntities,
) {
    for i in stats.len()..width {
        let name = names.and_then(|n| n.get(i)).map(String::as_str);
        stats.push(ColumnStats::new(name, custom));
    }
}

/// The operator a column of this entity gets unless the user says otherwise:
/// a protective one for everything that identifies people, including dates
/// of birth and places smaller than a region (HIPAA Safe Harbor counts both).
/// `birth` says the values look like dates of birth.
pub(crate) fn suggest(entity: Entity, hint: &Hint, birth: bool) -> Op {
    let mask = Op::Mask {
        char: None,
        chars: None,
        from_end: false,
        entity: None,
    };
    // Named, so the label stays `[ENTITY]` when the suggestion is copied
    // into a policy of its own (the page does).
    let redact = Op::Redact {
        text: None,
        entity: Some(entity),
    };
    let hash = Op::Hash {
        length: None,
        algorithm: Default::default(),
        per_column: false,
    };
    match entity {
        Entity::EmailAddress
        | Entity::PhoneNumber
        | Entity::CreditCard
        | Entity::IbanCode
        | Entity::UsBankNumber => mask,
        Entity::DateTime if hint.birth || birth => Op::generalize(Generalization::Year),
        // Event dates identify nobody by themselves; they are reported as kept.
        Entity::DateTime => Op::Keep,
        Entity::Location if hint.postcode => Op::generalize(Generalization::Prefix),
        // States, regions and countries are kept (and reported as kept). A
        // column only its cells show to be places (cities, addresses, or
        // countries: the cells cannot tell) is redacted: safe first.
        Entity::Location if hint.region => Op::Keep,
        Entity::IpAddress | Entity::MacAddress | Entity::Person | Entity::Crypto => hash,
        // Identity documents, tax and health numbers, secrets, addresses.
        _ => redact,
    }
}

/// Turns the counts of each column into its entities and a suggestion.
pub(crate) fn classify(index: usize, name: &str, stats: &ColumnStats) -> ColumnScan {
    let mut hint = header_hint(name);
    if hint.entity.is_none() {
        hint.entity = stats.custom_hint;
    }
    let n = stats.non_empty;
    let whole = &stats.whole;
    let slot = |e: Entity| stats.slot(e);
    let ips = whole[slot(Entity::IpAddress)];
    // Dotted numbers whose parts are all small are versions, not addresses.
    let versions = ips > 0 && stats.small_parts * 10 >= ips * 9;
    // A column that repeats a few values (products, plans, brands: fewer
    // than 15 in 100 cells) names things, not people: a column of people's
    // names differs from cell to cell.
    let category =
        stats.distinct_of >= 50 && stats.distinct.len() as u64 * 100 < stats.distinct_of * 15;
    let suppressed = |e: Entity| {
        hint.entity != Some(e)
            && ((category && e == Entity::Person)
                || (hint.not_address && matches!(e, Entity::IpAddress | Entity::DateTime))
                || (hint.not_phone && matches!(e, Entity::PhoneNumber | Entity::DateTime))
                || (versions && e == Entity::IpAddress))
    };
    let share = |count: u64| if n == 0 { 0.0 } else { count as f64 / n as f64 };
    let mut entities: Vec<EntityShare> = stats
        .tracked()
        .filter(|&e| !suppressed(e))
        .map(|e| {
            let cells = whole[slot(e)] + stats.inside[slot(e)];
            EntityShare {
                entity: e,
                share: share(cells),
                cells,
                source: ShareSource::Cells,
            }
        })
        .filter(|s| s.share > 0.0)
        .collect();
    // Names and places are known from the header alone (for now).
    if let Some(e @ (Entity::Person | Entity::Location)) = hint.entity {
        if n > 0 && !entities.iter().any(|s| s.share >= 0.5) {
            // Replaces the cells' own count of it, too low to stand (two
            // entries of one entity would contradict each other); keeps
            // how many cells showed it.
            let cells = entities
                .iter()
                .find(|s| s.entity == e)
                .map_or(0, |s| s.cells);
            entities.retain(|s| s.entity != e);
            entities.push(EntityShare {
                entity: e,
                share: 1.0,
                cells,
                source: ShareSource::Header,
            });
        }
    }
    entities.sort_by(|a, b| b.share.total_cmp(&a.share));
    for s in &mut entities {
        s.share = (s.share * 1000.0).round() / 1000.0;
    }

    // The column is an entity when most cells are wholly that entity (fewer
    // will do when the header agrees).
    let primary = stats
        .tracked()
        .filter(|&e| !suppressed(e))
        .map(|e| (e, share(whole[slot(e)])))
        .filter(|&(e, s)| s >= 0.5 || (hint.entity == Some(e) && s >= 0.2))
        // A place column whose towns are also given names (Austin, Florence).
        .filter(|&(e, _)| !(e == Entity::Person && hint.entity == Some(Entity::Location)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(e, _)| e)
        .or(match hint.entity {
            Some(e @ (Entity::Person | Entity::Location)) if n > 0 => Some(e),
            _ => None,
        })
        .or_else(|| {
            let passing: Vec<Entity> = BLIND
                .iter()
                .zip(stats.checks)
                .filter(|&(_, count)| n >= 5 && share(count) >= 0.9)
                .map(|((e, _), _)| *e)
                .collect();
            match passing.as_slice() {
                [e] => Some(*e),
                _ => None,
            }
        });
    // Dates and places alone ("in March", "made in China") do not make a
    // text column personal; with other PII, scrubbing removes them too.
    let free_text_pii = stats.tracked().any(|e| {
        !matches!(e, Entity::DateTime | Entity::Location)
            && !suppressed(e)
            && (stats.inside[slot(e)] + whole[slot(e)]) > 0
    });
    // A column of codes (no spaces) where a few cells look like an
    // identifier is not free text: it is kept, and reported as kept.
    let text_like = stats.spaced * 5 >= n;
    let found_share = stats
        .tracked()
        .filter(|&e| !suppressed(e))
        .map(|e| share(stats.inside[slot(e)] + whole[slot(e)]))
        .sum::<f64>();
    let free_text_pii = free_text_pii && (text_like || found_share >= CODE_SHARE);
    let suggested = match primary {
        Some(e) => suggest(e, &hint, stats.birth_like()),
        None if free_text_pii => Op::scrub(),
        None => Op::Keep,
    };
    let confidence = match primary {
        Some(e) => {
            let s = share(whole[slot(e)]);
            match hint.entity {
                _ if s == 0.0 => 0.6,
                Some(h) if h == e => s + (1.0 - s) * 0.7,
                _ => s,
            }
        }
        None if free_text_pii => entities.first().map_or(0.0, |e| e.share),
        None => 0.0,
    };
    // Dates of birth and places below a region count; event dates, states
    // and countries hardly narrow anyone down.
    let quasi = hint.quasi
        || match primary {
            Some(Entity::DateTime) => hint.birth || stats.birth_like(),
            Some(Entity::Location) => !hint.region,
            _ => false,
        };
    ColumnScan {
        index,
        name: name.to_string(),
        entities,
        suggested,
        entity: primary,
        confidence: (confidence * 100.0).round() / 100.0,
        quasi,
    }
}

/// Classifies the columns of a CSV pushed in chunks.
///
/// ```
/// use pii_mask::{Scanner, ScanOptions};
/// let mut s = Scanner::new(ScanOptions::default());
/// s.push(b"id,email\n1,ann@example.com\n2,bo@example.org\n").unwrap();
/// let result = s.finish().unwrap();
/// assert_eq!(result.rows, 2);
/// assert_eq!(result.columns[1].entities[0].entity.as_str(), "EMAIL_ADDRESS");
/// ```
pub struct Scanner {
    reader: Reader,
    state: ScanState,
}

struct ScanState {
    profile: Profile,
    /// Records held until the header is decided.
    held: Vec<Row>,
    decided: bool,
    rows: u64,
    invalid_utf8_line: Option<u64>,
}

impl ScanState {
    fn on_record(&mut self, rec: &Record<'_>) {
        if self.invalid_utf8_line.is_none() && rec.iter().any(|f| std::str::from_utf8(f).is_err()) {
            self.invalid_utf8_line = Some(rec.line());
        }
        if !self.decided {
            self.held
                .push((rec.line(), rec.iter().map(<[u8]>::to_vec).collect()));
            if self.held.len() >= self.profile.needs() {
                self.decide();
            }
            return;
        }
        self.rows += 1;
        self.profile.observe(rec.iter());
    }

    fn decide(&mut self) {
        let held = std::mem::take(&mut self.held);
        let skip = self.profile.decide(&held);
        self.rows += (held.len() - skip) as u64;
        self.decided = true;
    }
}

impl Scanner {
    pub fn new(opts: ScanOptions) -> Scanner {
        let reader = Reader::new(opts.csv.clone());
        Scanner {
            reader,
            state: ScanState {
                profile: Profile::new(opts.header, opts.sample_rows, opts.entities.clone()),
                held: Vec::new(),
                decided: false,
                rows: 0,
                invalid_utf8_line: None,
            },
        }
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<(), Error> {
        let state = &mut self.state;
        self.reader.push(chunk, &mut |r| {
            state.on_record(r);
            Ok(())
        })
    }

    /// Whether the scanner has the rows it samples: a caller reading a long
    /// file may stop pushing here (the rest only adds to the row count).
    pub fn has_sample(&self) -> bool {
        self.state.profile.full()
    }

    /// Data rows read so far.
    pub fn rows(&self) -> u64 {
        self.state.rows
    }

    pub fn finish(self) -> Result<ScanResult, Error> {
        self.finish_with(true)
    }

    /// Like [`Scanner::finish`] when the input pushed is only the start of
    /// a file (a reader stopped at [`Scanner::has_sample`]): a record cut
    /// off at its end is left out rather than reported as an error.
    pub fn finish_start(self) -> Result<ScanResult, Error> {
        self.finish_with(false)
    }

    fn finish_with(mut self, complete: bool) -> Result<ScanResult, Error> {
        let state = &mut self.state;
        let mut take = |r: &Record<'_>| {
            state.on_record(r);
            Ok(())
        };
        if complete {
            self.reader.finish(&mut take)?;
        } else {
            self.reader.flush(&mut take)?;
        }
        if !state.decided {
            state.decide();
        }
        let profile = &mut state.profile;
        Ok(ScanResult {
            rows: state.rows,
            sampled: profile.sampled(),
            delimiter: char::from(self.reader.delimiter().unwrap_or(b',')).to_string(),
            header: profile.header().unwrap_or(false),
            header_guessed: profile.guessed(),
            columns: profile.columns(),
            invalid_utf8_line: state.invalid_utf8_line,
        })
    }
}

/// The header name of column `i`, or `#i`.
pub(crate) fn column_name(names: Option<&[String]>, i: usize) -> String {
    names
        .and_then(|n| n.get(i))
        .cloned()
        .unwrap_or_else(|| format!("#{i}"))
}

/// Scans a whole input at once.
pub fn scan(input: &[u8], opts: ScanOptions) -> Result<ScanResult, Error> {
    let mut s = Scanner::new(opts);
    s.push(input)?;
    s.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_of_a_file_scans_without_its_cut_last_record() {
        let mut s = Scanner::new(ScanOptions::default());
        s.push(b"id,email\n1,ann@example.com\n2,\"bo@exa").unwrap();
        let r = s.finish_start().unwrap();
        assert_eq!(r.rows, 1);
        assert_eq!(r.columns[1].entities[0].cells, 1);
        let mut s = Scanner::new(ScanOptions::default());
        s.push(b"id,email\n1,ann@example.com\n2,\"bo@exa").unwrap();
        assert_eq!(
            s.finish().unwrap_err().kind(),
            crate::ErrorKind::UnclosedQuote
        );
    }

    fn suggested(csv: &str) -> Vec<(String, &'static str, Option<Entity>)> {
        let r = scan(csv.as_bytes(), ScanOptions::default()).unwrap();
        r.columns
            .iter()
            .map(|c| (c.name.clone(), c.suggested.name(), c.entity))
            .collect()
    }

    #[test]
    fn headers_and_cells_together() {
        let csv = "id,full_name,contact,ssn,version,notes,company_name\n\
                   1,Ann Lee,ann@example.com,123456789,10.2.0.1,call me on 415-555-0132,Acme\n\
                   2,Bo Chan,bo@example.org,234567890,10.2.0.2,fine,Initech\n";
        let got = suggested(csv);
        assert_eq!(got[0].1, "keep");
        assert_eq!((got[1].1, got[1].2), ("hash", Some(Entity::Person)));
        assert_eq!((got[2].1, got[2].2), ("mask", Some(Entity::EmailAddress)));
        assert_eq!((got[3].1, got[3].2), ("redact", Some(Entity::UsSsn)));
        assert_eq!(
            (got[4].1, got[4].2),
            ("keep", None),
            "a version is not an IP"
        );
        assert_eq!(got[5].1, "scrub");
        assert_eq!(got[6].1, "keep");
    }

    #[test]
    fn towns_are_protected_and_regions_kept() {
        let csv = "col_1,ort,remarks,description,state,zip\n\
                   Paris,München,shipped from Berlin,Made in China,Bavaria,94103\n\
                   New York,Springfield,moved to Lyon,Blue shirt,Texas,10115\n\
                   Köln,Austin,ok,Made in Italy,Ohio,75002\n";
        let got = suggested(csv);
        // Cells alone: cities (or countries; the cells cannot tell), redacted.
        assert_eq!((got[0].1, got[0].2), ("redact", Some(Entity::Location)));
        // A town column is smaller than a region: HIPAA counts it.
        assert_eq!((got[1].1, got[1].2), ("redact", Some(Entity::Location)));
        assert_eq!((got[4].1, got[4].2), ("keep", Some(Entity::Location)));
        assert_eq!((got[5].1, got[5].2), ("generalize", Some(Entity::Location)));
        // Places alone do not make free text personal.
        assert_eq!((got[2].1, got[2].2), ("keep", None));
        assert_eq!((got[3].1, got[3].2), ("keep", None));
    }

    #[test]
    fn identifiers_known_by_their_header_and_check() {
        let csv = "nhs_number,bsn,routing,order_no,api_key,wallet\n\
                   943 476 5919,111222333,011000015,9434765918,AKIAIOSFODNN7EXAMPLE,1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2\n\
                   4010232137,123456782,021000021,4010232138,ghp_0123456789abcdefghijABCDEFGHIJ012345,3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy\n";
        let got = suggested(csv);
        assert_eq!((got[0].1, got[0].2), ("redact", Some(Entity::UkNhs)));
        assert_eq!((got[1].1, got[1].2), ("redact", Some(Entity::NlBsn)));
        assert_eq!(
            (got[2].1, got[2].2),
            ("redact", Some(Entity::AbaRoutingNumber))
        );
        assert_eq!(
            (got[3].1, got[3].2),
            ("keep", None),
            "numbers failing the NHS check under another header"
        );
        assert_eq!((got[4].1, got[4].2), ("redact", Some(Entity::ApiKey)));
        assert_eq!((got[5].1, got[5].2), ("hash", Some(Entity::Crypto)));
    }

    #[test]
    fn blind_columns_of_identifiers_are_known_by_their_check() {
        let tfns = [
            "123456782",
            "876543210",
            "459599230",
            "565051603",
            "907974668",
            "37118629",
        ];
        let mut csv = String::from("value,other\n");
        for (i, t) in tfns.iter().enumerate() {
            csv.push_str(&format!("{t},{}\n", 100_000_000 + i * 7919));
        }
        let got = suggested(&csv);
        assert_eq!(got[0].2, Some(Entity::AuTfn));
        assert_eq!(
            got[1].2, None,
            "ordinary numbers pass a check one time in ten"
        );
    }

    #[test]
    fn confidence_follows_share_and_header() {
        let csv = "email,contact,notes\nann@example.com,ann@example.com,hi\n\
                   bo@example.org,x,mail bo@example.org\n";
        let r = scan(csv.as_bytes(), ScanOptions::default()).unwrap();
        let c: Vec<f64> = r.columns.iter().map(|c| c.confidence).collect();
        assert_eq!(c[0], 1.0, "every cell, and the header agrees");
        assert_eq!(c[1], 0.5, "half the cells, a blind header");
        assert_eq!(c[2], 0.5, "free text: the share of cells with PII inside");
    }

    #[test]
    fn counts_every_row_but_samples_some() {
        let mut csv = String::from("a\n");
        for i in 0..50 {
            csv.push_str(&format!("{i}\n"));
        }
        let opts = ScanOptions {
            sample_rows: 10,
            ..ScanOptions::default()
        };
        let r = scan(csv.as_bytes(), opts).unwrap();
        assert_eq!((r.rows, r.sampled), (50, 10));
    }

    #[test]
    fn dates_of_birth_known_by_their_values() {
        let mut csv = String::from("col_23,created_at\n");
        for (i, y) in [1951, 1987, 1964, 2001, 1978, 1993, 1958]
            .iter()
            .enumerate()
        {
            csv.push_str(&format!(
                "{y}-0{}-1{i},2024-05-0{} 10:1{i}:00\n",
                i + 1,
                i + 1
            ));
        }
        let got = suggested(&csv);
        assert_eq!((got[0].1, got[0].2), ("generalize", Some(Entity::DateTime)));
        assert_eq!((got[1].1, got[1].2), ("keep", Some(Entity::DateTime)));
    }

    #[test]
    fn versions_and_codes_are_not_personal() {
        let mut csv = String::from("col_4,code\n");
        for i in 0..20 {
            let code = if i % 15 == 0 {
                "078-05-1120".to_string()
            } else {
                format!("ORD-{i:05}")
            };
            csv.push_str(&format!("10.{}.0.{},{code}\n", i % 3, i % 7));
        }
        let got = suggested(&csv);
        assert_eq!((got[0].1, got[0].2), ("keep", None), "versions");
        assert_eq!(got[1].1, "keep", "a few look-alikes in a code column");
    }

    #[test]
    fn surnames_beside_given_names_without_a_header() {
        let csv = "Mary,Okonkwo-Smith,12\nJohn,Vasquez,7\nLinda,Abernathy,3\nJames,Zielinski,9\nPatricia,Thorsby,4\nRobert,Quill,5\n";
        let r = scan(
            csv.as_bytes(),
            ScanOptions {
                header: Header::Absent,
                ..ScanOptions::default()
            },
        )
        .unwrap();
        assert_eq!(r.columns[0].entity, Some(Entity::Person));
        assert_eq!(
            r.columns[1].entity,
            Some(Entity::Person),
            "{:?}",
            r.columns[1]
        );
        assert_eq!(r.columns[2].entity, None);
    }

    #[test]
    fn surnames_beside_given_names_under_blind_headers_but_not_products() {
        let rows = "Mary,Okonkwo-Smith,12\nJohn,Vasquez,7\nLinda,Abernathy,3\nJames,Zielinski,9\nPatricia,Thorsby,4\nRobert,Quill,5\n";
        let blind = scan(
            format!("col_1,col_2,col_3\n{rows}").as_bytes(),
            ScanOptions::default(),
        )
        .unwrap();
        assert!(blind.header);
        assert_eq!(blind.columns[1].entity, Some(Entity::Person));
        // A header that says what the column holds is believed.
        let named = scan(
            format!("first_name,product,qty\n{rows}").as_bytes(),
            ScanOptions::default(),
        )
        .unwrap();
        assert_eq!(named.columns[1].entity, None, "{:?}", named.columns[1]);
    }

    /// A blind-header CSV of one column of these values, then an amount
    /// column.
    fn blind_column(values: &[&str]) -> (String, &'static str, Option<Entity>) {
        let mut csv = String::from("col_3,col_4\n");
        for (i, v) in values.iter().enumerate() {
            csv.push_str(&format!("{v},{}.{:02}\n", 10 + i * 7, i % 100));
        }
        suggested(&csv).swap_remove(0)
    }

    #[test]
    fn blind_columns_of_names_or_towns_off_the_lists_are_protected() {
        // Dutch villages and towns, a few of them large enough to be listed.
        let towns = [
            "Giethoorn",
            "Ootmarsum",
            "Dalfsen",
            "Wijhe",
            "Haarlem",
            "Zwolle",
            "Ommen",
            "Hellendoorn",
            "Delft",
            "Raalte",
            "Hattem",
            "Leiden",
            "Vollenhove",
            "Genemuiden",
            "Staphorst",
            "Nijverdal",
            "Rijssen",
            "Markelo",
            "Diepenheim",
            "Goor",
        ];
        let got = blind_column(&towns);
        assert_eq!(
            (got.1, got.2),
            ("redact", Some(Entity::Location)),
            "{got:?}"
        );
        // Surnames alone, beside no column of given names.
        let surnames = [
            "Hoekstra",
            "Dijkstra",
            "Brouwer",
            "Verhoeven",
            "Kuipers",
            "Wouters",
            "Garcia",
            "Rossi",
            "Mueller",
            "Bakker",
            "Visser",
            "Jansen",
            "Ferrandi",
            "Bracciolini",
            "Lemarchal",
            "Urquiza",
            "Bosschaert",
            "Wouterse",
            "Schouten",
            "Martin",
        ];
        let got = blind_column(&surnames);
        assert_eq!((got.1, got.2), ("hash", Some(Entity::Person)), "{got:?}");
    }

    #[test]
    fn blind_postcodes_beside_towns_are_cut_but_numbers_alone_are_kept() {
        let towns = [
            "Haarlem",
            "Zwolle",
            "Delft",
            "Leiden",
            "Giethoorn",
            "Ootmarsum",
        ];
        let codes = [
            "2011 AB", "8011 CD", "2611 EF", "2311 GH", "8355 JK", "7631 LM",
        ];
        let mut csv = String::from("col_1,col_2,col_3\n");
        for (i, (t, c)) in towns.iter().zip(codes).enumerate() {
            csv.push_str(&format!("{c},{t},{}\n", 100 + i * 13));
        }
        let got = suggested(&csv);
        assert_eq!(
            (got[1].1, got[1].2),
            ("redact", Some(Entity::Location)),
            "{got:?}"
        );
        assert_eq!(
            (got[0].1, got[0].2),
            ("generalize", Some(Entity::Location)),
            "{got:?}"
        );
        // Four- and five-digit numbers beside amounts: kept.
        let mut csv = String::from("col_1,col_2\n");
        for i in 0..8u32 {
            csv.push_str(&format!("{},{}.50\n", 10_000 + i * 977, 20 + i));
        }
        let got = suggested(&csv);
        assert_eq!((got[0].1, got[0].2), ("keep", None), "{got:?}");
    }

    #[test]
    fn blind_columns_of_products_titles_and_labels_are_kept() {
        for values in [
            &[
                "Steel Chair",
                "Cotton Shirt",
                "Oak Table",
                "Wool Scarf",
                "Leather Boots",
                "Glass Vase",
                "Bamboo Tray",
                "Linen Towel",
                "Copper Kettle",
                "Rubber Mat",
                "Granite Bowl",
                "Silk Tie",
                "Canvas Bag",
                "Marble Lamp",
                "Pine Shelf",
            ][..],
            &[
                "Sales Manager",
                "Account Executive",
                "Data Analyst",
                "Office Manager",
                "Software Engineer",
                "Nurse",
                "Accountant",
                "Technician",
                "Receptionist",
                "Product Owner",
                "Warehouse Operator",
                "Recruiter",
                "Paralegal",
                "Architect",
            ][..],
            &[
                "Gold", "Silver", "Bronze", "Platinum", "Gold", "Gold", "Silver", "Bronze",
            ][..],
            &[
                "Sales",
                "Legal",
                "Finance",
                "Support",
                "Marketing",
                "Billing",
            ][..],
            &[
                "Acme Ltd",
                "Globex Corp",
                "Initech Inc",
                "Umbrella GmbH",
                "Hooli Group",
                "Vandelay Industries",
                "Stark Ltd",
                "Wayne Corp",
                "Soylent Inc",
                "Tyrell GmbH",
            ][..],
        ] {
            let got = blind_column(values);
            assert_eq!((got.1, got.2), ("keep", None), "{values:?}: {got:?}");
        }
    }

    #[test]
    fn versions_with_large_builds_are_not_addresses_but_addresses_are() {
        let mut csv = String::from("col_2,fw,client\n");
        for i in 0..30u32 {
            csv.push_str(&format!(
                "4.{}.{}.{},2.1.{}.0,{}.{}.{}.{}\n",
                i % 4,
                (i * 37) % 250,
                (i * 53) % 250,
                i % 9,
                40 + (i * 7) % 180,
                (i * 91) % 255,
                (i * 13) % 255,
                1 + i
            ));
        }
        let got = suggested(&csv);
        assert_eq!((got[0].1, got[0].2), ("keep", None), "versions, blind");
        assert_eq!((got[1].1, got[1].2), ("keep", None), "versions under fw");
        assert_eq!((got[2].1, got[2].2), ("hash", Some(Entity::IpAddress)));
    }
}
