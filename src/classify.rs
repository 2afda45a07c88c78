//! Column to entity: from the header name and a sample of cells.

use crate::csv::{ReadOptions, Reader, Record};
use crate::detect::{find_each, is_bare_ssn, judge, Entity};
use crate::policy::Op;
use crate::Error;
use serde::Serialize;

/// How to scan.
#[derive(Clone, Debug)]
pub struct ScanOptions {
    /// `None` sniffs the delimiter.
    pub delimiter: Option<u8>,
    /// Whether the first record names the columns.
    pub has_header: bool,
    /// How many data rows (from the top) are classified; all are counted.
    pub sample_rows: usize,
    pub allow_ragged: bool,
}

impl Default for ScanOptions {
    fn default() -> ScanOptions {
        ScanOptions {
            delimiter: None,
            has_header: true,
            sample_rows: 1000,
            allow_ragged: false,
        }
    }
}

/// What the scanner found in a file.
#[derive(Clone, Debug, Serialize)]
pub struct ScanResult {
    /// Data rows (the header not counted).
    pub rows: u64,
    /// Rows the classification looked at.
    pub sampled: u64,
    pub delimiter: String,
    pub header: bool,
    pub columns: Vec<ColumnScan>,
}

/// One column: what it holds and what to do with it.
#[derive(Clone, Debug, Serialize)]
pub struct ColumnScan {
    pub index: usize,
    /// The header, or `#N` without one.
    pub name: String,
    /// Entities seen, most common first, with the share of sampled
    /// non-empty cells that hold them.
    pub entities: Vec<EntityShare>,
    pub suggested: Op,
    /// The entity the whole column holds, if one does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<Entity>,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct EntityShare {
    #[serde(rename = "type")]
    pub entity: Entity,
    pub share: f64,
}

/// What a header name says about its column.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Hint {
    pub entity: Option<Entity>,
    /// A date of birth, not just any date.
    pub birth: bool,
    /// The name says the values are versions or ids, not addresses or phones.
    pub not_address: bool,
    pub not_phone: bool,
}

const NAME_WORDS: &[&str] = &[
    "name",
    "fullname",
    "firstname",
    "lastname",
    "surname",
    "forename",
    "givenname",
    "nom",
    "prenom",
    "prénom",
    "nombre",
    "apellido",
    "apellidos",
    "naam",
    "voornaam",
    "achternaam",
    "vorname",
    "nachname",
    "cognome",
    "nome",
    "person",
];
const NOT_A_PERSON: &[&str] = &[
    "company",
    "product",
    "file",
    "filename",
    "host",
    "hostname",
    "domain",
    "brand",
    "item",
    "street",
    "city",
    "country",
    "org",
    "organization",
    "organisation",
    "business",
    "project",
    "app",
    "device",
    "server",
    "team",
    "group",
    "plan",
    "category",
    "tag",
    "event",
    "job",
    "model",
    "bank",
    "store",
    "shop",
    "column",
    "table",
    "field",
    "type",
    "display",
];

/// Reads a header name: split on punctuation and camelCase, lower-cased.
pub(crate) fn header_hint(name: &str) -> Hint {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        let boundary = !c.is_alphanumeric() || (c.is_uppercase() && prev_lower);
        if boundary && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        }
        prev_lower = c.is_lowercase();
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    let joined = words.concat();
    let mut hint = Hint {
        not_address: has(&["version", "ver", "build", "release", "firmware", "v"]),
        not_phone: has(&[
            "sku",
            "order",
            "ref",
            "reference",
            "invoice",
            "id",
            "code",
            "qty",
            "amount",
            "price",
            "total",
            "isbn",
            "ean",
            "upc",
        ]),
        ..Hint::default()
    };
    hint.entity = if has(&["email", "mail", "courriel", "correo", "emailaddress"]) {
        Some(Entity::EmailAddress)
    } else if has(&[
        "phone",
        "tel",
        "telephone",
        "mobile",
        "cell",
        "fax",
        "telefon",
        "telefono",
        "telefone",
        "gsm",
        "handy",
        "phonenumber",
    ]) {
        Some(Entity::PhoneNumber)
    } else if has(&["ssn", "ssns"]) || joined.contains("socialsecurity") {
        Some(Entity::UsSsn)
    } else if has(&["iban"]) {
        Some(Entity::IbanCode)
    } else if has(&["card", "cc", "pan", "creditcard"]) {
        Some(Entity::CreditCard)
    } else if has(&["ip", "ipv4", "ipv6", "ipaddress", "ipaddr"]) {
        Some(Entity::IpAddress)
    } else if has(&["mac"]) {
        Some(Entity::MacAddress)
    } else if has(&["url", "website", "homepage", "link", "uri", "web"]) {
        Some(Entity::Url)
    } else if has(&[
        "dob",
        "birth",
        "birthday",
        "birthdate",
        "born",
        "geburtsdatum",
        "naissance",
        "nacimiento",
    ]) {
        hint.birth = true;
        Some(Entity::DateTime)
    } else if has(&[
        "address",
        "street",
        "addr",
        "adresse",
        "direccion",
        "strasse",
        "straße",
        "zip",
        "zipcode",
        "postcode",
        "postal",
        "postleitzahl",
    ]) {
        Some(Entity::Location)
    } else if has(NAME_WORDS) && !has(NOT_A_PERSON) {
        Some(Entity::Person)
    } else {
        None
    };
    hint
}

/// Counts over a column's sampled cells.
#[derive(Clone, Debug, Default)]
pub(crate) struct ColumnStats {
    non_empty: u64,
    /// Cells that are wholly one entity, by entity.
    whole: [u64; Entity::ALL.len()],
    /// Cells with the entity somewhere inside other text.
    inside: [u64; Entity::ALL.len()],
    bare_ssn: u64,
    bare_phone: u64,
}

fn slot(e: Entity) -> usize {
    Entity::ALL.iter().position(|&x| x == e).unwrap_or(0)
}

impl ColumnStats {
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
        if let Some(e) = judge(text) {
            self.whole[slot(e)] += 1;
            return;
        }
        if is_bare_ssn(text) {
            self.bare_ssn += 1;
        }
        let digits = text.bytes().filter(u8::is_ascii_digit).count();
        if (7..=15).contains(&digits)
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || b"+-(). ".contains(&b))
        {
            self.bare_phone += 1;
        }
        let mut seen = [false; Entity::ALL.len()];
        find_each(text, |f| seen[slot(f.entity)] = true);
        for (n, s) in self.inside.iter_mut().zip(seen) {
            *n += u64::from(s);
        }
    }
}

/// The operator a column of this entity gets unless the user says otherwise.
pub(crate) fn suggest(entity: Entity, hint: &Hint) -> Op {
    match entity {
        Entity::EmailAddress | Entity::PhoneNumber | Entity::CreditCard | Entity::IbanCode => {
            Op::Mask {
                char: None,
                chars: None,
                from_end: false,
                entity: None,
            }
        }
        Entity::UsSsn | Entity::Url | Entity::Location => Op::Redact {
            text: None,
            entity: None,
        },
        Entity::DateTime if hint.birth => Op::Redact {
            text: None,
            entity: None,
        },
        Entity::DateTime => Op::Keep,
        Entity::IpAddress | Entity::MacAddress | Entity::Person => Op::Hash {
            length: None,
            algorithm: Default::default(),
        },
    }
}

/// Turns the counts of each column into its entities and a suggestion.
pub(crate) fn classify(index: usize, name: &str, stats: &ColumnStats) -> ColumnScan {
    let hint = header_hint(name);
    let n = stats.non_empty;
    let mut whole = stats.whole;
    match hint.entity {
        Some(Entity::UsSsn) => whole[slot(Entity::UsSsn)] += stats.bare_ssn,
        Some(Entity::PhoneNumber) => whole[slot(Entity::PhoneNumber)] += stats.bare_phone,
        _ => {}
    }
    let suppressed = |e: Entity| {
        hint.entity != Some(e)
            && ((hint.not_address && matches!(e, Entity::IpAddress | Entity::DateTime))
                || (hint.not_phone && matches!(e, Entity::PhoneNumber | Entity::DateTime)))
    };
    let share = |count: u64| if n == 0 { 0.0 } else { count as f64 / n as f64 };
    let mut entities: Vec<EntityShare> = Entity::ALL
        .iter()
        .filter(|&&e| !suppressed(e))
        .map(|&e| EntityShare {
            entity: e,
            share: share(whole[slot(e)] + stats.inside[slot(e)]),
        })
        .filter(|s| s.share > 0.0)
        .collect();
    // Names and places are known from the header alone (for now).
    if let Some(e @ (Entity::Person | Entity::Location)) = hint.entity {
        if n > 0 && !entities.iter().any(|s| s.share >= 0.5) {
            entities.push(EntityShare {
                entity: e,
                share: 1.0,
            });
        }
    }
    entities.sort_by(|a, b| b.share.total_cmp(&a.share));
    for s in &mut entities {
        s.share = (s.share * 1000.0).round() / 1000.0;
    }

    // The column is an entity when most cells are wholly that entity (fewer
    // will do when the header agrees).
    let primary = Entity::ALL
        .iter()
        .filter(|&&e| !suppressed(e))
        .map(|&e| (e, share(whole[slot(e)])))
        .filter(|&(e, s)| s >= 0.5 || (hint.entity == Some(e) && s >= 0.2))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(e, _)| e)
        .or(match hint.entity {
            Some(e @ (Entity::Person | Entity::Location)) if n > 0 => Some(e),
            _ => None,
        });
    let free_text_pii = Entity::ALL.iter().any(|&e| {
        e != Entity::DateTime && !suppressed(e) && (stats.inside[slot(e)] + whole[slot(e)]) > 0
    });
    let suggested = match primary {
        Some(e) => suggest(e, &hint),
        None if free_text_pii => Op::Scrub { entities: None },
        None => Op::Keep,
    };
    ColumnScan {
        index,
        name: name.to_string(),
        entities,
        suggested,
        entity: primary,
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
    opts: ScanOptions,
    names: Option<Vec<String>>,
    stats: Vec<ColumnStats>,
    rows: u64,
    sampled: u64,
    seen_first: bool,
}

impl ScanState {
    fn on_record(&mut self, rec: &Record<'_>) {
        if !self.seen_first {
            self.seen_first = true;
            if self.opts.has_header {
                self.names = Some(
                    rec.iter()
                        .map(|f| String::from_utf8_lossy(f).into_owned())
                        .collect(),
                );
                return;
            }
        }
        self.rows += 1;
        if self.sampled < self.opts.sample_rows as u64 {
            self.sampled += 1;
            if self.stats.len() < rec.len() {
                self.stats.resize(rec.len(), ColumnStats::default());
            }
            for (stats, cell) in self.stats.iter_mut().zip(rec.iter()) {
                stats.observe(cell);
            }
        }
    }
}

impl Scanner {
    pub fn new(opts: ScanOptions) -> Scanner {
        let reader = Reader::new(ReadOptions {
            delimiter: opts.delimiter,
            allow_ragged: opts.allow_ragged,
        });
        Scanner {
            reader,
            state: ScanState {
                opts,
                names: None,
                stats: Vec::new(),
                rows: 0,
                sampled: 0,
                seen_first: false,
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

    pub fn finish(mut self) -> Result<ScanResult, Error> {
        let state = &mut self.state;
        self.reader.finish(&mut |r| {
            state.on_record(r);
            Ok(())
        })?;
        let width = state
            .names
            .as_ref()
            .map_or(0, Vec::len)
            .max(state.stats.len());
        state.stats.resize(width, ColumnStats::default());
        let columns = (0..width)
            .map(|i| {
                let name = column_name(state.names.as_deref(), i);
                classify(i, &name, &state.stats[i])
            })
            .collect();
        Ok(ScanResult {
            rows: state.rows,
            sampled: state.sampled,
            delimiter: char::from(self.reader.delimiter().unwrap_or(b',')).to_string(),
            header: state.opts.has_header,
            columns,
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
    fn header_words() {
        assert_eq!(header_hint("firstName").entity, Some(Entity::Person));
        assert_eq!(header_hint("E-Mail").entity, Some(Entity::EmailAddress));
        assert_eq!(header_hint("product_name").entity, None);
        assert_eq!(header_hint("Date of Birth").entity, Some(Entity::DateTime));
        assert!(header_hint("Date of Birth").birth);
        assert!(header_hint("order_id").not_phone);
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
}
