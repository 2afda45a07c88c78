//! The one column-profiling driver, shared by the scanner and the masker:
//! decides whether the first row is a header, names the columns, and counts
//! what the first rows hold.

use super::head::{looks_like_data, sniff_header, Header, SNIFF_ROWS};
use super::{
    classify, column_name, suggest, widen, ColumnScan, ColumnStats, EntityShare, Hint, ShareSource,
};
use crate::custom::CustomEntities;
use crate::detect::Entity;
use crate::policy::Op;

/// A record held back: its line and its cells.
pub(crate) type Row = (u64, Vec<Vec<u8>>);

pub(crate) struct Profile {
    mode: Header,
    custom: CustomEntities,
    sample_rows: usize,
    /// Decided by [`Profile::decide`].
    header: Option<bool>,
    /// Column names as shown: a header cell that is itself personal data is
    /// never echoed, its column is `#i`. None without a header row.
    names: Option<Vec<String>>,
    stats: Vec<ColumnStats>,
    sampled: u64,
}

impl Profile {
    pub fn new(mode: Header, sample_rows: usize, custom: CustomEntities) -> Profile {
        Profile {
            mode,
            custom,
            sample_rows,
            header: None,
            names: None,
            stats: Vec::new(),
            sampled: 0,
        }
    }

    /// How many records to hold before [`Profile::decide`] can tell.
    pub fn needs(&self) -> usize {
        match self.mode {
            Header::Auto => 1 + SNIFF_ROWS,
            _ => 1,
        }
    }

    /// Decides the header from the records held (all of them when the file
    /// is shorter than [`Profile::needs`]) and profiles the data rows among
    /// them. Returns how many of `held` are the header (0 or 1).
    pub fn decide(&mut self, held: &[Row]) -> usize {
        let header = match (self.mode, held.split_first()) {
            (_, None) => self.mode == Header::Present,
            (Header::Auto, Some((first, rest))) => {
                let rest: Vec<Vec<Vec<u8>>> = rest.iter().map(|(_, r)| r.clone()).collect();
                sniff_header(&first.1, &rest)
            }
            (mode, Some(_)) => mode == Header::Present,
        };
        self.header = Some(header);
        let skip = usize::from(header && !held.is_empty());
        if skip == 1 {
            let names = held[0]
                .1
                .iter()
                .enumerate()
                .map(|(i, cell)| {
                    let name = String::from_utf8_lossy(cell).into_owned();
                    if looks_like_data(&name) {
                        format!("#{i}")
                    } else {
                        name
                    }
                })
                .collect();
            self.names = Some(names);
        }
        for (_, row) in &held[skip..] {
            self.observe(row.iter().map(Vec::as_slice));
        }
        skip
    }

    /// Counts a data row, while the sample is not full.
    pub fn observe<'a>(&mut self, cells: impl ExactSizeIterator<Item = &'a [u8]>) {
        self.observe_some(cells, |_| true);
    }

    /// Counts the cells of a data row in the columns `wanted` picks (the
    /// others stay as they were), while the sample is not full.
    pub fn observe_some<'a>(
        &mut self,
        cells: impl ExactSizeIterator<Item = &'a [u8]>,
        wanted: impl Fn(usize) -> bool,
    ) {
        if self.sampled >= self.sample_rows as u64 {
            return;
        }
        self.sampled += 1;
        let names = self.names.as_deref();
        widen(&mut self.stats, names, cells.len(), &self.custom);
        for (i, (stats, cell)) in self.stats.iter_mut().zip(cells).enumerate() {
            if wanted(i) {
                stats.observe(cell);
            }
        }
    }

    /// Whether the first row is a header; `None` before [`Profile::decide`].
    pub fn header(&self) -> Option<bool> {
        self.header
    }

    /// Whether the header was decided from the data rather than given.
    pub fn guessed(&self) -> bool {
        self.mode == Header::Auto
    }

    pub fn names(&self) -> Option<&[String]> {
        self.names.as_deref()
    }

    /// Whether the sample is complete: more rows would not be looked at.
    pub fn full(&self) -> bool {
        self.header.is_some() && self.sampled >= self.sample_rows as u64
    }

    pub fn sampled(&self) -> u64 {
        self.sampled
    }

    /// The header's width, or the widest row sampled.
    pub fn width(&self) -> usize {
        self.names
            .as_ref()
            .map_or(0, Vec::len)
            .max(self.stats.len())
    }

    /// What each column holds, from the rows sampled so far.
    pub fn columns(&self) -> Vec<ColumnScan> {
        let names = self.names.as_deref();
        let mut columns: Vec<ColumnScan> = (0..self.width())
            .map(|i| {
                let name = column_name(names, i);
                match self.stats.get(i) {
                    Some(stats) => classify(i, &name, stats),
                    None => classify(i, &name, &ColumnStats::new(Some(&name), &self.custom)),
                }
            })
            .collect();
        // Twice: a column of given names may be known only by its values
        // (`proper_blind`), and then the surnames beside it follow.
        self.names_beside_names(&mut columns);
        self.proper_blind(&mut columns);
        self.names_beside_names(&mut columns);
        // Postcodes beside a street or a town, towns beside postcodes, and
        // postcodes beside those towns.
        self.postcodes_beside_towns(&mut columns);
        self.towns_beside_postcodes(&mut columns);
        self.postcodes_beside_towns(&mut columns);
        columns
    }

    /// Under a blind header (or none), codes of 4 or 5 digits (or `1234
    /// AB`) beside a column of places are postcodes: cut to their leading
    /// part. Alone, such numbers could be anything (amounts, ids, years).
    fn postcodes_beside_towns(&self, columns: &mut [ColumnScan]) {
        let place = |c: Option<&ColumnScan>| c.is_some_and(|c| c.entity == Some(Entity::Location));
        for i in 0..columns.len() {
            let Some(stats) = self.stats.get(i) else {
                continue;
            };
            if !self.unnamed(i)
                || columns[i].entity.is_some()
                || columns[i].suggested != Op::Keep
                || !stats.postcode_like()
                || !(place(i.checked_sub(1).and_then(|j| columns.get(j)))
                    || place(columns.get(i + 1)))
            {
                continue;
            }
            let c = &mut columns[i];
            claim(c, Entity::Location, 1.0, stats);
            c.suggested = suggest(
                Entity::Location,
                &Hint {
                    postcode: true,
                    ..Hint::default()
                },
                false,
            );
        }
    }

    /// Under a blind header (or none), a column of town-shaped words beside
    /// a column of postcodes is the towns they belong to (`1234 AB` then
    /// `Giethoorn`, `75002` then `Paris`): redacted. Towns off every list
    /// ("Groenewegvliet", "Capecchi terme") are known this way only.
    fn towns_beside_postcodes(&self, columns: &mut [ColumnScan]) {
        let postcode_columns: Vec<bool> = columns
            .iter()
            .zip(&self.stats)
            .map(|(c, s)| c.entity == Some(Entity::Location) && s.postcode_like())
            .collect();
        let postcodes =
            |j: Option<usize>| j.is_some_and(|j| postcode_columns.get(j) == Some(&true));
        for (i, c) in columns.iter_mut().enumerate() {
            let Some(stats) = self.stats.get(i) else {
                continue;
            };
            let open = matches!(c.suggested, Op::Keep | Op::Scrub { .. });
            if !self.unnamed(i)
                || c.entity.is_some()
                || !open
                || !stats.town_like()
                || stats.person_share() >= 0.5
                || !(postcodes(i.checked_sub(1)) || postcodes(Some(i + 1)))
            {
                continue;
            }
            claim(c, Entity::Location, 1.0, stats);
        }
    }

    /// Whether column `i` has no header that says what it holds.
    fn unnamed(&self, i: usize) -> bool {
        match self.names.as_deref() {
            None => true,
            Some(names) => names.get(i).is_none_or(|n| blind(n)),
        }
    }

    /// Under a blind header (or none), a column of capitalised names or
    /// towns that the lists hold only some of, with no column of names
    /// beside it: protected, safe first (see [`ColumnStats::proper_like`]);
    /// also when some of its cells were found and it would only be scrubbed.
    fn proper_blind(&self, columns: &mut [ColumnScan]) {
        for (i, c) in columns.iter_mut().enumerate() {
            // A column scrubbed for the names found in some of its cells
            // would keep the others: as a whole it is protected.
            let open = matches!(c.suggested, Op::Keep | Op::Scrub { .. });
            if !self.unnamed(i) || c.entity.is_some() || !open {
                continue;
            }
            let Some(stats) = self.stats.get(i) else {
                continue;
            };
            if let Some((entity, share)) = stats.proper_like() {
                claim(c, entity, share, stats);
            } else if let Some(share) = stats.people_like() {
                // Full names whose words the lists hold only some of: when
                // names were found in most cells, the column is names.
                if stats.person_share() >= 0.5 {
                    claim(c, Entity::Person, share, stats);
                }
            }
        }
    }

    /// Without a header, or under a blind one (`col_2`, `field 7`, empty),
    /// surnames not on any list are only capitalised words; beside a
    /// column of names, that is what they are. A header that says what the
    /// column is (`product`, `company`) keeps its column out of this.
    fn names_beside_names(&self, columns: &mut [ColumnScan]) {
        let person = |c: Option<&ColumnScan>| c.is_some_and(|c| c.entity == Some(Entity::Person));
        for i in 0..columns.len() {
            if !self.unnamed(i) {
                continue;
            }
            let Some(stats) = self.stats.get(i) else {
                continue;
            };
            let Some(share) = stats.name_like() else {
                continue;
            };
            // Scrubbed for the few names found inside: as a whole, names.
            let open = matches!(columns[i].suggested, Op::Keep | Op::Scrub { .. });
            if columns[i].entity.is_some()
                || !open
                || !(person(i.checked_sub(1).and_then(|j| columns.get(j)))
                    || person(columns.get(i + 1)))
            {
                continue;
            }
            claim(&mut columns[i], Entity::Person, share, stats);
        }
    }
}

/// Makes `c` a column of `entity`, found in `share` of its cells.
fn claim(c: &mut ColumnScan, entity: Entity, share: f64, stats: &ColumnStats) {
    c.entity = Some(entity);
    // A town is a quasi-identifier (a person is an identifier).
    c.quasi |= entity == Entity::Location;
    c.suggested = suggest(entity, &Hint::default(), false);
    c.confidence = (share * 100.0).round() / 100.0;
    c.entities.retain(|e| e.entity != entity);
    c.entities.insert(
        0,
        EntityShare {
            entity,
            share: (share * 1000.0).round() / 1000.0,
            cells: (share * stats.non_empty() as f64).round() as u64,
            source: ShareSource::Cells,
        },
    );
}

/// A header that names nothing: empty, a number, or a word for "column"
/// or "field" in a supported language followed by a number (`col_23`,
/// `Column 4`, `Spalte7`, `campo_2`, `V12`).
fn blind(name: &str) -> bool {
    let n = name.trim().to_lowercase();
    let stem = n.trim_end_matches(|c: char| c.is_ascii_digit());
    if stem.len() == n.len() && !n.is_empty() {
        return false; // no number at the end
    }
    let stem = stem.trim_end_matches(['_', '-', ' ', '.', '#']);
    matches!(
        stem,
        "" | "col"
            | "column"
            | "field"
            | "f"
            | "c"
            | "v"
            | "var"
            | "x"
            | "spalte"
            | "feld"
            | "kolom"
            | "veld"
            | "colonne"
            | "champ"
            | "columna"
            | "campo"
            | "colonna"
            | "unnamed:"
    )
}

#[cfg(test)]
mod blind_tests {
    use super::blind;

    #[test]
    fn blind_headers_are_numbered_columns() {
        for h in [
            "col_23",
            "Column 4",
            "Spalte7",
            "campo_2",
            "V12",
            "",
            "7",
            "field-3",
            "Unnamed: 3",
        ] {
            assert!(blind(h), "{h}");
        }
        for h in ["surname", "name2", "product", "col", "address 2", "Q3"] {
            assert!(!blind(h), "{h}");
        }
    }
}
