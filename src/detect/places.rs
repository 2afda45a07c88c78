//! Places in text, without a model: a gazetteer of countries and cities (see
//! `data/README.md`) and the words that introduce a place ("in", "moved to",
//! "wohnt in"). A listed place counts anywhere, unless its name is also a
//! person's name or an everyday word ("Jackson", "Nice"): then only after a
//! place word. After a residence phrase ("lives in", "moved to") any
//! capitalised name counts, listed or not. Street addresses are known by a
//! street word and a house number: "12 Elm Street", "Hauptstraße 5",
//! "12 rue de la Paix", "Calle Mayor, 5", "Via Roma 12".

use super::words::{capitalised, is_title, FnvBuild, Lexicon, Word, CALENDAR};
use super::{Entity, Finding};
use std::collections::HashMap;
use std::sync::OnceLock;

struct Gazetteer {
    /// Lower-case name -> whether it needs a place word before it.
    names: HashMap<&'static str, bool, FnvBuild>,
    /// Names that are only those of small towns (`~` in the list): after a
    /// place word in text, but no place as a whole cell.
    small: std::collections::HashSet<&'static str, FnvBuild>,
    /// Lower-case first word -> the most words a name starting with it has.
    first: HashMap<&'static str, usize, FnvBuild>,
}

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut names = HashMap::default();
        let mut first = HashMap::default();
        let mut small = std::collections::HashSet::default();
        for line in super::lists::get().places.lines() {
            let (name, ambiguous) = match (line.strip_prefix('?'), line.strip_prefix('~')) {
                (Some(n), _) => (n, true),
                (_, Some(n)) => {
                    small.insert(n);
                    (n, true)
                }
                _ => (line, false),
            };
            names.insert(name, ambiguous);
            let mut words = name.split(' ');
            let head = words.next().unwrap_or(name);
            let n = 1 + words.count();
            let max = first.entry(head).or_insert(0);
            *max = n.max(*max);
        }
        Gazetteer {
            names,
            first,
            small,
        }
    })
}

/// Words after which a listed place counts even if its name is ambiguous.
const PLACE_WORDS: &[&str] = &[
    "in", "to", "from", "at", "near", "via", "nach", "aus", "bei", "à", "au", "en", "naar", "uit",
    "te", "desde", "hacia", "vers",
];

/// The words a move's origin follows ("moved from", "verhuisd van",
/// "déménagé de", "trasferito da", "Übersiedlung von"): they end phrases of
/// [`RESIDENCE`], but are no place words alone ("de" and "da" are everywhere).
const MOVE_FROM: &[&str] = &["from", "van", "de", "da", "von"];

/// [`PLACE_WORDS`], "of", "a" and [`MOVE_FROM`]: what every place cue ends in.
fn phrase_ends() -> &'static Lexicon {
    static SET: OnceLock<Lexicon> = OnceLock::new();
    SET.get_or_init(|| {
        Lexicon::new(
            PLACE_WORDS
                .iter()
                .chain(&["of", "a"])
                .chain(MOVE_FROM)
                .copied(),
        )
    })
}

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
    &["wohnt", "nun", "in"],
    &["woont", "nu", "in"],
    // Where someone is for a while: "will be in", "sera à", "sarà a".
    &["will", "be", "in"],
    &["away", "in"],
    &["staying", "in"],
    &["sera", "à"],
    &["sarà", "a"],
    &["estará", "en"],
    &["está", "en"],
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
    // Moves, origins and registered homes in the other languages.
    &["moved", "from"],
    &["comes", "from"],
    &["umgezogen", "nach"],
    &["stammt", "aus"],
    &["kommt", "aus"],
    &["déménagé", "à"],
    &["installé", "à"],
    &["installée", "à"],
    &["domicilié", "à"],
    &["domiciliée", "à"],
    &["résidant", "à"],
    &["domiciliado", "en"],
    &["domiciliada", "en"],
    &["residente", "en"],
    &["mudó", "a"],
    &["trasladó", "a"],
    &["verhuisd", "naar"],
    &["verhuist", "naar"],
    &["woonachtig", "te"],
    &["woonachtig", "in"],
    &["wonend", "te"],
    &["geboren", "te"],
    &["afkomstig", "uit"],
    &["trasferito", "a"],
    &["trasferita", "a"],
    &["residente", "a"],
    &["risiede", "a"],
    &["domiciliato", "a"],
    &["domiciliata", "a"],
    // Where a move started.
    &["relocated", "from"],
    &["verhuisd", "van"],
    &["déménagé", "de"],
    &["trasladó", "de"],
    &["mudó", "de"],
    &["trasferito", "da"],
    &["trasferita", "da"],
    &["Übersiedlung", "von"],
    &["Umzug", "von"],
];

/// Form labels of a town, before a colon: "City: Springfield", "Wohnort:
/// Bad Tölz", "Woonplaats: Ootmarsum". After one, any capitalised name is
/// a place, listed or not.
#[rustfmt::skip]
const PLACE_LABELS: &[&str] = &[
    "city", "town", "hometown", "residence", "ort", "wohnort", "stadt", "gemeinde", "ville",
    "commune", "localité", "ciudad", "localidad", "municipio", "población", "plaats",
    "woonplaats", "gemeente", "città", "comune", "località", "residenza",
];

/// Whether word `i` follows a town label and a colon ("Ort: ...").
fn after_place_label(text: &str, ws: &[Word<'_>], i: usize) -> bool {
    i > 0 && text[ws[i - 1].end..ws[i].start].trim() == ":" && {
        let mut buf = [0u8; 32];
        lower(ws[i - 1].text, &mut buf).is_some_and(|w| PLACE_LABELS.contains(&w))
    }
}

/// Verbs of moving that German and Dutch put last: "ist nach Schwangau
/// umgezogen", "is naar Ommen verhuisd".
const MOVED_LAST: &[&str] = &[
    "umgezogen",
    "gezogen",
    "verzogen",
    "übergesiedelt",
    "verhuisd",
    "getrokken",
    "vertrokken",
];

/// Whether word `i` starts a place between "nach"/"naar" and a verb of
/// moving that ends the clause.
fn before_move_verb(text: &str, ws: &[Word<'_>], i: usize) -> bool {
    if i == 0 || !matches!(ws[i - 1].text, "nach" | "naar") {
        return false;
    }
    let n = capitalised_run(text, ws, i);
    n > 0
        && ws.get(i + n).is_some_and(|w| {
            &text[ws[i + n - 1].end..w.start] == " " && MOVED_LAST.contains(&w.text)
        })
}

/// Whether word `i` starts a move's origin after a "Von" that opens the
/// clause, with "nach" after it: "Von Bamberg nach Moers umgezogen" (a
/// particle elsewhere: "Anna von Berg").
fn von_nach(text: &str, ws: &[Word<'_>], i: usize) -> bool {
    i > 0
        && ws[i - 1].text == "Von"
        && &text[ws[i - 1].end..ws[i].start] == " "
        && text[..ws[i - 1].start]
            .trim_end()
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, '.' | ':' | '!' | '?' | ';'))
        && {
            let n = capitalised_run(text, ws, i);
            n > 0
                && ws
                    .get(i + n)
                    .is_some_and(|w| w.text == "nach" && &text[ws[i + n - 1].end..w.start] == " ")
        }
}

/// Words that lead from a move's origin to where it ended: "from Leeds to
/// York", "van Ommen naar Zwolle", "de Lyon à Nice", "da Bari a Lecce".
const MOVE_TO: &[&str] = &["to", "naar", "à", "a", "nach"];

/// Whether word `i` is where a move ended: after one of [`MOVE_TO`] that
/// follows the move's origin ("moved from Leeds to York").
fn move_destination(text: &str, ws: &[Word<'_>], i: usize) -> bool {
    if i < 3 || !MOVE_TO.contains(&ws[i - 1].text) || &text[ws[i - 2].end..ws[i - 1].start] != " " {
        return false;
    }
    // The origin: up to five capitalised words ending just before.
    (i.saturating_sub(6).max(1)..i - 1).any(|k| {
        capitalised_run(text, ws, k) == i - 1 - k
            && (von_nach(text, ws, k)
                || (phrase_ends().has(ws[k - 1].text)
                    && RESIDENCE.iter().any(|p| preceded_by(text, ws, k, p))))
    })
}

/// A US military address from word `i`, as USPS writes them: a unit, box
/// or ship, then APO, FPO or DPO, the "state" AA, AE or AP and the ZIP
/// ("PSC 8000, Box 6071, APO AP 41977", "USS Turner, FPO AA 77685"): where
/// it ends.
fn military_at(text: &str, ws: &[Word<'_>], i: usize) -> Option<usize> {
    if !matches!(ws[i].text, "PSC" | "CMR" | "Unit" | "USS" | "USNS" | "USNV") {
        return None;
    }
    let rest = &text[ws[i].start..];
    // Only the next few words: "Unit" is a common word, the text long.
    let mut window = rest.len().min(48);
    while !rest.is_char_boundary(window) {
        window -= 1;
    }
    let at = ["APO ", "FPO ", "DPO "]
        .iter()
        .filter_map(|p| rest[..window].find(p))
        .min()?;
    let b = &rest.as_bytes()[at + 4..];
    let ok = matches!(b.get(..3), Some(b"AA " | b"AE " | b"AP "))
        && b.len() >= 8
        && b[3..8].iter().all(u8::is_ascii_digit)
        && !b.get(8).is_some_and(u8::is_ascii_digit);
    ok.then_some(ws[i].start + at + 4 + 8)
}

/// A place found, and whether it wins over a person's name it overlaps (a
/// street address, or a place after a residence phrase).
pub(super) struct Place {
    pub finding: Finding,
    pub certain: bool,
}

/// Whether a phrase of [`RESIDENCE`] ends just before word `i`, `last`
/// being the word before it: only the phrases that end in `last` are
/// tried (all of them were, after every "in", "to" or "a").
fn residence_before(text: &str, ws: &[Word<'_>], i: usize, last: &str) -> bool {
    RESIDENCE.iter().any(|p| {
        p.last().is_some_and(|l| l.eq_ignore_ascii_case(last)) && preceded_by(text, ws, i, p)
    })
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
    // The list writes "ß" as "ss" ("Meissen" for Meißen).
    let folded;
    let head = if head.contains('ß') {
        folded = head.replace('ß', "ss");
        folded.as_str()
    } else {
        head
    };
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
        phrase.push_str(&w.text.to_lowercase().replace('ß', "ss"));
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
    "der", "sur", "upon", "on", "en", "y", "della", "delle", "dello", "dei", "degli", "ob",
];

/// A French or Italian elided article before a name: "d'Alésia", "l'Odéon".
fn elided(w: &str) -> bool {
    ["d'", "l'", "d’", "l’"]
        .iter()
        .any(|p| w.strip_prefix(p).is_some_and(capitalised))
}

/// Words that open a note about a person, so the next clause when a town
/// ends a line without a full stop: "..., 4907 GC Naarden Klant Daan Bos".
const ROLE_WORDS: &[&str] = &[
    "Customer",
    "Client",
    "Patient",
    "Kunde",
    "Kundin",
    "Klant",
    "Cliente",
    "Paziente",
    "Paciente",
    "Réclamation",
    "Incidencia",
    "Reclamo",
    "Klacht",
    "Rückfrage",
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
        // A form of address starts the next clause: "..., 28593
        // Hinterzarten Frau Janßen ...".
        if n > 0 && (is_title(w.text) || ROLE_WORDS.contains(&w.text)) {
            break;
        }
        // A regnal number after a name: "Viale Umberto I", "Carlos III".
        let regnal = n > 0 && w.text.len() <= 4 && w.text.bytes().all(|c| b"IVX".contains(&c));
        if (capitalised(w.text) || elided(w.text) || regnal) && !CALENDAR.contains(&w.text) {
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

/// Street words that come first: "rue de la Paix", "Calle Mayor", "Via Roma".
/// A name and a house number must follow ("Route 66" is not an address).
#[rustfmt::skip]
const STREET_FIRST: &[&str] = &[
    // French
    "rue", "avenue", "boulevard", "bd", "place", "chemin", "allée", "impasse", "quai", "passage",
    "voie", "cours", "route", "square",
    // Spanish (the INE's kinds of street)
    "calle", "avenida", "plaza", "paseo", "camino", "carretera", "ronda", "travesía", "glorieta",
    "acceso", "arrabal", "bajada", "barrio", "barranco", "caserío", "cuesta", "polígono",
    "quinta", "senda", "urbanización", "vía", "alameda", "bloque", "callejón", "costanilla",
    "diseminado", "extrarradio", "huerta", "jardines", "lado", "lugar", "manzana", "parcela",
    "partida", "pasaje", "poblado", "prolongación", "ramal", "rambla", "torrente", "pasadizo",
    "vial",
    // Italian and Portuguese
    "via", "viale", "piazza", "piazzale", "corso", "largo", "vicolo", "strada", "borgo",
    "contrada", "rotonda", "rua", "travessa",
];

/// French street words in lower case, which mark a street without a house
/// number: "au rue Isaac Mathieu", "boulevard Bernier".
const FR_STREET_BARE: &[&str] = &[
    "rue",
    "avenue",
    "boulevard",
    "allée",
    "impasse",
    "chemin",
    "quai",
];

/// Whether `word` is one of [`STREET_FIRST`], ASCII case aside: one hashed
/// lookup (a scan of the list cost every capitalised word 70 compares).
fn street_first(word: &str) -> bool {
    static SET: OnceLock<Lexicon> = OnceLock::new();
    SET.get_or_init(|| Lexicon::new(STREET_FIRST.iter().copied()))
        .has(word)
}

/// English street words, last in the name: the USPS street suffixes
/// (Publication 28) and British ones ("Close", "Croft", "Wynd"). Many are
/// everyday words ("Lake", "Rest"): they count only after a house number and
/// a capitalised name.
#[rustfmt::skip]
const STREET_LAST: &[&str] = &[
    "Alley", "Annex", "Arcade", "Avenue", "Bayou", "Beach", "Bend", "Bluff", "Bluffs", "Bottom",
    "Boulevard", "Branch", "Bridge", "Brook", "Brooks", "Burg", "Bypass", "Camp", "Canyon", "Cape",
    "Causeway", "Center", "Centers", "Circle", "Circles", "Cliff", "Cliffs", "Club", "Common",
    "Corner", "Corners", "Course", "Court", "Courts", "Cove", "Coves", "Creek", "Crescent",
    "Crest", "Crossing", "Crossroad", "Curve", "Dale", "Dam", "Divide", "Drive", "Drives",
    "Estate", "Estates", "Expressway", "Extension", "Fall", "Falls", "Ferry", "Field", "Fields", "Flat",
    "Flats", "Ford", "Fords", "Forest", "Forge", "Forges", "Fork", "Forks", "Fort", "Freeway",
    "Garden", "Gardens", "Gateway", "Glen", "Glens", "Green", "Greens", "Grove", "Groves",
    "Harbor", "Harbors", "Haven", "Heights", "Highway", "Hill", "Hills", "Hollow", "Inlet",
    "Island", "Islands", "Isle", "Junction", "Junctions", "Key", "Keys", "Knoll", "Knolls", "Lake",
    "Lakes", "Land", "Landing", "Lane", "Light", "Lights", "Lock", "Locks", "Lodge", "Loop",
    "Mall", "Manor", "Manors", "Meadow", "Meadows", "Mews", "Mill", "Mills", "Mission", "Motorway",
    "Mount", "Mountain", "Mountains", "Neck", "Orchard", "Oval", "Overpass", "Park", "Parks",
    "Parkway", "Pass", "Passage", "Path", "Pike", "Pine", "Pines", "Place", "Plain", "Plains",
    "Plaza", "Point", "Points", "Port", "Ports", "Prairie", "Radial", "Ramp", "Ranch", "Rapid",
    "Rapids", "Rest", "Ridge", "Ridges", "River", "Road", "Roads", "Route", "Row", "Run", "Shoal",
    "Shoals", "Shore", "Shores", "Skyway", "Spring", "Springs", "Spur", "Square", "Squares",
    "Station", "Stravenue", "Stream", "Street", "Streets", "Summit", "Terrace", "Throughway",
    "Trace", "Track", "Trafficway", "Trail", "Tunnel", "Turnpike", "Underpass", "Union", "Unions",
    "Valley", "Valleys", "Viaduct", "View", "Views", "Village", "Villages", "Ville", "Vista",
    "Walk", "Wall", "Way", "Ways", "Well", "Wells", "Chase", "Close", "Croft", "Fold", "Garth",
    "Gate", "Paddock", "Parade", "Side", "Wynd", "Yard", "St", "Ave", "Rd", "Ln", "Blvd", "Ct",
    "Approach", "Brow", "Copse", "Drove", "Glade", "Grange", "Heath", "Leys", "Mead", "Nook", "Rise",
    "Spinney", "Vale", "Wharf", "Circuit", "Concourse", "Esplanade", "Parkways", "Promenade",
    "Quay", "Retreat", "Strand",
    // The rest of USPS Publication 28's suffixes.
    "Anex", "Burgs", "Commons", "Crossroads", "Extensions", "Loaf", "Spurs", "Trailer", "Walks",
    // USPS standard abbreviations and Royal Mail's common ones.
    "Dr", "Pl", "Ter", "Cir", "Pkwy", "Hwy", "Sq", "Trl", "Cres", "Gdns",
];

/// German and Dutch street words, ending a word ("Hauptstraße",
/// "Kerkstraat", "Hauptstr.") or standing alone ("Berliner Straße"); the
/// house number follows.
#[rustfmt::skip]
const STREET_ENDINGS: &[&str] = &[
    "straße", "strasse", "str", "weg", "allee", "gasse", "platz", "damm", "straat", "laan",
    "gracht", "plein", "singel", "kade", "dijk", "ufer", "pfad", "steig", "chaussee", "zeile",
    "steeg", "dreef", "hof", "plantsoen", "ring",
    // Dutch and Flemish: "Frankrijklei", "Turnhoutsebaan", "Lindeboulevard".
    "lei", "baan", "boulevard",
];

/// Dutch "-pad" ("Kerkepad 5") ends English words too ("Notepad 2"): it
/// counts after a Dutch preposition or article ("op Kerkepad 5", "aan het
/// Jaagpad 3") or before a postcode ("Kerkepad 5, 1234 AB").
fn dutch_path(text: &str, ws: &[Word<'_>], i: usize, end: usize) -> bool {
    let w = ws[i].text;
    if w.len() < 6 || !w.ends_with("pad") {
        return false;
    }
    let after = text[end..].trim_start_matches([',', ' ']);
    let postcode = after.len() >= 4 && after.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    postcode || (i > 0 && ["op", "aan", "naar", "de", "het", "van"].contains(&ws[i - 1].text))
}

/// German street names that start with a preposition, and those that need
/// an article after it ("An der", "Auf dem").
const DE_PREPOSITIONS: &[&str] = &["Am", "Im", "Zum", "Zur", "Beim"];
const DE_PREPOSITIONS_ARTICLE: &[&str] = &["An", "Auf", "Unter", "Hinter", "In", "Vor"];

/// The words of a German street name from word `i` ("Am Buttermarkt",
/// "Auf dem Stein"), without its number.
fn german_preposition(text: &str, ws: &[Word<'_>], i: usize) -> Option<usize> {
    let w = ws[i].text;
    let joined = |k: usize| {
        ws.get(k)
            .is_some_and(|n| &text[ws[k - 1].end..n.start] == " ")
    };
    let mut j = i + 1;
    if DE_PREPOSITIONS_ARTICLE.contains(&w) {
        if !(joined(j) && ["der", "dem", "den", "die", "das"].contains(&ws[j].text)) {
            return None;
        }
        j += 1;
    } else if !DE_PREPOSITIONS.contains(&w) {
        return None;
    }
    let name = if joined(j) {
        capitalised_run(text, ws, j).min(3)
    } else {
        0
    };
    (name > 0).then_some(j - i + name)
}

/// A house number: 1 to 5 digits and an optional letter ("12", "7b").
fn house_number(b: &[u8]) -> usize {
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 5 {
        return 0;
    }
    let letter = b.get(digits).is_some_and(u8::is_ascii_alphabetic)
        && !b.get(digits + 1).is_some_and(u8::is_ascii_alphanumeric);
    let n = digits + usize::from(letter);
    if b.get(n).is_some_and(u8::is_ascii_alphanumeric) {
        0
    } else {
        n
    }
}

/// Where a house number standing just before `at` ("12 ") starts.
fn number_before(text: &str, at: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut end = at.checked_sub(1).filter(|&e| b[e] == b' ')?;
    // French writes a comma after the number, and "bis" or "ter" for a
    // second house of the same number: "12, rue ...", "14 bis, rue ...".
    if end > 0 && b[end - 1] == b',' {
        end -= 1;
    }
    for addition in [&b" bis"[..], b" ter"] {
        if b[..end].ends_with(addition) {
            end -= addition.len();
        }
    }
    // It ends in a digit, or in a letter after one ("12", "7b"): most
    // words before another word leave here.
    let digit = |k: Option<usize>| k.is_some_and(|k| b[k].is_ascii_digit());
    if !digit(end.checked_sub(1)) && !digit(end.checked_sub(2)) {
        return None;
    }
    // A house number is at most six bytes (five digits and a letter): a
    // longer run of letters and digits is none, and need not be walked.
    let run = b[end.saturating_sub(7)..end]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let start = end - run;
    (run > 0 && run < 7 && house_number(&b[start..end]) == run).then_some(start)
}

/// Where a house number just after `at` (" 5", ", 5", ". 5") ends. Not a
/// quantity: "Arbeitsweg 30 Minuten", "Umweg 5 km".
fn number_after(text: &str, at: usize) -> Option<usize> {
    let b = &text.as_bytes()[at..];
    let skip = [&b"., "[..], b". ", b", ", b" "]
        .iter()
        .find(|p| b.starts_with(p))?
        .len();
    // "s/n": sin número, a Spanish address without a house number.
    let mut n = match b.get(skip..skip + 3) {
        Some(sn) if sn.eq_ignore_ascii_case(b"s/n") => 3,
        _ => house_number(&b[skip..]),
    };
    // A flat after the house number: Dutch "12-3", German "12/3".
    if n > 0 && matches!(b.get(skip + n), Some(b'-' | b'/')) {
        let flat = b[skip + n + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if (1..=3).contains(&flat) && b[skip + n + 1].is_ascii_digit() {
            n += 1 + flat;
        } else if flat == 1 && b[skip + n] == b'/' && b[skip + n + 1].is_ascii_uppercase() {
            // An Italian house number's letter: "55/A".
            n += 2;
        }
    }
    let next = text[at + skip + n..].strip_prefix(' ').unwrap_or("");
    let next_word = next
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    // A floor or an addition after the number: Dutch "481 II", "12 hs",
    // French and Italian "12 bis", "7 ter".
    if n > 0
        && !next_word.is_empty()
        && ["I", "II", "III", "IV", "hs", "bis", "ter"].contains(&next_word)
        && !next[next_word.len()..].starts_with(|c: char| c.is_alphanumeric())
    {
        return Some(at + skip + n + 1 + next_word.len());
    }
    // A flat or floor after the number is no quantity: "Avenida Goya 33
    // Puerta 4", "Via Roma 5 Piano 2".
    let quantity = next.starts_with(['%', '€', '$'])
        || (next_word.chars().next().is_some_and(char::is_uppercase)
            && !UNIT_WORDS.contains(&next_word))
        || [
            "km", "m", "min", "h", "kg", "mi", "ft", "cm", "mm", "s", "x",
        ]
        .contains(&next_word);
    (n > 0 && !quantity).then_some(at + skip + n)
}

/// An ordinal's letters, which follow its digits ("15th" is the word "th"
/// after "15"): where the digits start.
fn ordinal_digits(text: &str, w: &Word<'_>) -> Option<usize> {
    if !matches!(w.text, "st" | "nd" | "rd" | "th") {
        return None;
    }
    let n = text.as_bytes()[..w.start]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    (1..=3).contains(&n).then_some(w.start - n)
}

/// Where `w` starts if it can be part of a street's name: a capitalised
/// word, a compass point ("N Bridge Street") or an ordinal ("W 4th Avenue").
fn street_name_word(text: &str, w: &Word<'_>) -> Option<usize> {
    if let Some(start) = ordinal_digits(text, w) {
        return Some(start);
    }
    (capitalised(w.text) || matches!(w.text, "N" | "S" | "E" | "W")).then_some(w.start)
}

/// A street address starting at word `i` (its house number may stand
/// before it): (words, start, end).
fn address_at(text: &str, ws: &[Word<'_>], i: usize) -> Option<(usize, usize, usize)> {
    let w = &ws[i];
    let first = street_name_word(text, w);
    if first.is_none()
        && number_before(text, w.start).is_none()
        && !matches!(w.text, "C" | "c")
        && !FR_STREET_BARE.contains(&w.text)
    {
        return None; // the cheap way out for most words
    }
    let joined = |k: usize| {
        ws.get(k)
            .is_some_and(|n| &text[ws[k - 1].end..n.start] == " ")
    };
    // German streets named with a preposition: "Am Markt 1", "Im
    // Oberdorf 17c", "Auf dem Stein 9" (capitalised; the number after).
    if let Some(n) = german_preposition(text, ws, i) {
        let last = ws[i + n - 1].end;
        // Up to three digits: "Im Jahr 2020" is a year.
        let short = |e: &usize| text[last..*e].bytes().filter(u8::is_ascii_digit).count() <= 3;
        if let Some(end) = number_after(text, last).filter(short) {
            return Some((n, w.start, end));
        }
    }
    // A street word first, then the name: a number before or after.
    // Spanish and French abbreviations of street words, with their dot or
    // slash: "C/ Mayor 3", "Avda. Diagonal 640", "Bd. Voltaire 12".
    // ASCII case only: no allocation for every capitalised word.
    let abbreviated = ws.get(i + 1).is_some_and(|n| match &text[w.end..n.start] {
        "/ " | "/" => w.text.eq_ignore_ascii_case("c"),
        ". " => ["av", "avda", "pza", "ctra", "pº", "bd", "bvd"]
            .iter()
            .any(|a| w.text.eq_ignore_ascii_case(a)),
        _ => false,
    });
    if abbreviated || street_first(w.text) {
        let linked = |k: usize| joined(k) || (k == i + 1 && abbreviated);
        // "rue de la Paix": connectors may come before the name.
        let mut j = i + 1;
        while linked(j) && CONNECTORS.contains(&ws[j].text) {
            j += 1;
        }
        let name = if linked(j) {
            capitalised_run(text, ws, j)
        } else {
            0
        };
        if name > 0 {
            let (words, last) = (j - i + name, ws[j + name - 1].end);
            // "12 Place Settings" is English: a capitalised "Place" needs
            // a connector after it ("12 Place de la Concorde").
            let english = w.text == "Place" && j == i + 1;
            if let Some(start) = number_before(text, w.start).filter(|_| !english) {
                return Some((words, start, last));
            }
            if capitalised(w.text) || abbreviated {
                if let Some(end) = number_after(text, last) {
                    return Some((words, w.start, end));
                }
            }
            // French writes the street word in lower case, and a street
            // may go without a number: "livré au rue Isaac Mathieu",
            // "boulevard Bernier, 75011 Paris".
            if FR_STREET_BARE.contains(&w.text) {
                return Some((words, w.start, last));
            }
        }
        return None;
    }
    let first = first?;
    // One word ending in a street word, then the number: "Hauptstraße 5".
    let ends_street = |e: &&str| {
        w.text.len() >= e.len() + 3
            && w.text
                .get(w.text.len() - e.len()..)
                .is_some_and(|end| end.eq_ignore_ascii_case(e))
    };
    if capitalised(w.text) && STREET_ENDINGS.iter().any(ends_street) {
        if let Some(end) = number_after(text, w.end) {
            return Some((1, w.start, end));
        }
    }
    if w.text.ends_with("pad") && capitalised(w.text) {
        if let Some(end) = number_after(text, w.end).filter(|&e| dutch_path(text, ws, i, e)) {
            return Some((1, w.start, end));
        }
    }
    // The name, then a street word: the number before ("12 Elm Street") or
    // after ("Berliner Straße 5").
    // English puts the number first ("12 Elm Street"), German and Dutch
    // after ("Berliner Straße 5"); "Take Route 66" is no address.
    let before = number_before(text, first);
    let street_word = |w: &Word<'_>| match before {
        Some(_) => STREET_LAST.contains(&w.text),
        None => STREET_ENDINGS
            .iter()
            .any(|e| w.text.eq_ignore_ascii_case(e)),
    };
    let mut prev_end = w.end;
    for k in 1..=3 {
        let next = ws.get(i + k)?;
        let start = street_name_word(text, next)?;
        if &text[prev_end..start] != " " {
            return None;
        }
        if street_word(next) {
            // "Bridge Street": a street word can be part of the name.
            let (k, next) = match ws.get(i + k + 1) {
                Some(n) if street_word(n) && &text[next.end..n.start] == " " => (k + 1, n),
                _ => (k, next),
            };
            return match before {
                Some(start) => Some((k + 1, start, next.end)),
                None => number_after(text, next.end).map(|end| (k + 1, first, end)),
            };
        }
        prev_end = next.end;
    }
    None
}

/// US states, the District of Columbia and the territories, as the USPS
/// abbreviates them.
#[rustfmt::skip]
const US_STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC", "PR", "GU", "VI", "AS", "MP",
];

/// `n` ASCII digits at `at`, not followed by a letter or digit.
fn digits_at(b: &[u8], at: usize, n: usize) -> Option<usize> {
    let end = at + n;
    let ok = b.len() >= end
        && b[at..end].iter().all(u8::is_ascii_digit)
        && !b.get(end).is_some_and(u8::is_ascii_alphanumeric);
    ok.then_some(end)
}

/// A US state and ZIP code at `at` ("IL 62704", "IL 62704-1234", or the
/// state alone at the end of a clause): where it ends.
fn state_zip(text: &str, at: usize) -> Option<usize> {
    let b = text.as_bytes();
    let state = b.get(at..at + 2)?;
    if !US_STATES.iter().any(|s| s.as_bytes() == state)
        || b.get(at + 2).is_some_and(u8::is_ascii_alphanumeric)
    {
        return None;
    }
    let zip = (b.get(at + 2) == Some(&b' '))
        .then(|| digits_at(b, at + 3, 5))
        .flatten();
    match zip {
        Some(end) if b.get(end) == Some(&b'-') => Some(digits_at(b, end + 1, 4).unwrap_or(end)),
        Some(end) => Some(end),
        None => Some(at + 2),
    }
}

/// A UK postcode at `at` ("SW1A 2AA", "M1 1AE"): where it ends.
fn uk_postcode(text: &str, at: usize) -> Option<usize> {
    let b = text.as_bytes().get(at..)?;
    let upper = |i: usize| b.get(i).is_some_and(u8::is_ascii_uppercase);
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let area = if upper(0) && upper(1) { 2 } else { 1 };
    if !upper(0) || !digit(area) {
        return None;
    }
    let mut i = area + 1;
    if upper(i) || digit(i) {
        i += 1;
    }
    let inward = b.get(i) == Some(&b' ') && digit(i + 1) && upper(i + 2) && upper(i + 3);
    let end = i + 4;
    (inward && !b.get(end).is_some_and(u8::is_ascii_alphanumeric)).then_some(at + end)
}

/// A UK or Canadian postcode standing alone at `at` ("SW1A 2AA", "K1A
/// 0B1"): shapes distinct enough to be a place without a town. A UK one
/// also keeps to the letters Royal Mail uses (no Q, V or X first; no C, I,
/// K, M, O or V in the inward code); a Canadian one to Canada Post's.
fn postcode_alone(text: &str, at: usize) -> Option<usize> {
    // Both shapes: a capital, then a digit second or third. Most words
    // are looked at here; they leave at once.
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    if !b.get(at).is_some_and(u8::is_ascii_uppercase) || !(digit(at + 1) || digit(at + 2)) {
        return None;
    }
    if let Some(end) = uk_postcode(text, at) {
        let b = text.as_bytes();
        let inward = &b[end - 2..end];
        let ok =
            !matches!(b[at], b'Q' | b'V' | b'X') && !inward.iter().any(|c| b"CIKMOV".contains(c));
        return ok.then_some(end);
    }
    let b = text.as_bytes().get(at..at + 7)?;
    let letter = |c: u8| b"ABCEGHJKLMNPRSTVWXYZ".contains(&c);
    let digit = |c: u8| c.is_ascii_digit();
    let ok = b"ABCEGHJKLMNPRSTVXY".contains(&b[0])
        && digit(b[1])
        && letter(b[2])
        && b[3] == b' '
        && digit(b[4])
        && letter(b[5])
        && digit(b[6])
        && !text
            .as_bytes()
            .get(at + 7)
            .is_some_and(u8::is_ascii_alphanumeric);
    ok.then_some(at + 7)
}

/// A postcode of four or five digits (and a Dutch one's two letters) and a
/// space just before `at`, standing on its own: where it starts, and
/// whether it is Dutch.
fn postcode_before(text: &str, at: usize) -> Option<(usize, bool)> {
    let b = &text.as_bytes()[..at];
    let b = b.strip_suffix(b" ")?;
    let (b, dutch) = match b {
        [rest @ .., b' ', x, y] if x.is_ascii_uppercase() && y.is_ascii_uppercase() => (rest, true),
        // Without the space: "1017GC Amsterdam".
        [.., d, x, y] if d.is_ascii_digit() && x.is_ascii_uppercase() && y.is_ascii_uppercase() => {
            (&b[..b.len() - 2], true)
        }
        _ => (b, false),
    };
    let n = b.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    let start = b.len() - n;
    let alone = match start.checked_sub(1).map(|k| b[k]) {
        None => true,
        Some(c) => !c.is_ascii_alphanumeric() && !matches!(c, b'.' | b'-' | b'/' | b'+'),
    };
    let size = if dutch {
        n == 4 && b[start] != b'0'
    } else {
        n == 4 || n == 5
    };
    (size && alone).then_some((start, dutch))
}

/// The word that starts at byte `at`, if one does.
fn word_at(ws: &[Word<'_>], at: usize) -> Option<usize> {
    ws.binary_search_by_key(&at, |w| w.start).ok()
}

/// A town's name at `at`: capitalised words (with connectors, up to four
/// words: "Rothenburg ob der Tauber"): where it ends.
fn town_at(text: &str, ws: &[Word<'_>], at: usize) -> Option<usize> {
    let j = word_at(ws, at)?;
    let n = capitalised_run(text, ws, j).min(4);
    if n == 0 {
        return None;
    }
    // Where a town lies, after a postcode: "Hall in Tirol", "Oberndorf bei
    // Salzburg", "Weißenbach im Burgenland" (not connectors elsewhere:
    // "Berlin in Germany" is two places).
    let k = j + n;
    let joined = |k: usize| {
        ws.get(k)
            .is_some_and(|w| &text[ws[k - 1].end..w.start] == " ")
    };
    if n == 1 && joined(k) && joined(k + 1) && ["in", "im", "bei"].contains(&ws[k].text) {
        let m = capitalised_run(text, ws, k + 1).min(2);
        if m > 0 {
            return Some(ws[k + m].end);
        }
    }
    Some(ws[k - 1].end)
}

/// A postcode, a comma and a town at `at`, as Italian, Dutch and Belgian
/// addresses are also written: "70024, Gravina in Puglia (BA)", "6136 HB,
/// Den Helder", "5148, Fléron": where it ends.
fn postcode_comma_town(text: &str, ws: &[Word<'_>], at: usize) -> Option<usize> {
    let b = text.as_bytes();
    if at > 0 && b[at - 1].is_ascii_alphanumeric() {
        return None;
    }
    let code = digits_at(b, at, 5).or_else(|| digits_at(b, at, 4));
    // A Dutch postcode's letters, with or without the space: "6136 HB",
    // "7801DQ" (then not followed by a letter or digit).
    let code = code.or_else(|| {
        let c = at + 4;
        let ok = b.len() > c + 2
            && b[at..c].iter().all(u8::is_ascii_digit)
            && b[c..c + 2].iter().all(u8::is_ascii_uppercase)
            && !b[c + 2].is_ascii_alphanumeric();
        ok.then_some(c + 2)
    })?;
    let code = match b.get(code..code + 4) {
        Some([b' ', x, y, b',']) if x.is_ascii_uppercase() && y.is_ascii_uppercase() => code + 3,
        _ => code,
    };
    let town = text[code..].strip_prefix(", ").map(|_| code + 2)?;
    let end = town_at(text, ws, town)?;
    Some(province_after(text, ws, end))
}

/// A postcode of four or five digits after a town and a comma, as Spanish
/// addresses are also written ("Sevilla, 51140"): where it ends, or `end`.
fn comma_postcode(text: &str, end: usize) -> usize {
    let b = text.as_bytes();
    match text[end..].strip_prefix(", ") {
        Some(_) => digits_at(b, end + 2, 5)
            .or_else(|| digits_at(b, end + 2, 4))
            .unwrap_or(end),
        None => end,
    }
}

/// A postcode and a town at `at`: "10115 Berlin", "75002 Paris", "1017 GC
/// Amsterdam", "00184 Roma (RM)": where it ends.
fn postcode_town(text: &str, ws: &[Word<'_>], at: usize) -> Option<usize> {
    let b = text.as_bytes();
    // A country's letter before the postcode, as letters across borders
    // write it: "D-10115 Berlin", "F-75002 Paris", "NL-1017 GC".
    let at = ["D-", "A-", "F-", "I-", "E-", "B-", "L-", "NL-", "CH-"]
        .iter()
        .find(|p| text[at..].starts_with(*p))
        .map_or(at, |p| at + p.len());
    // A Dutch postcode's letters, also written without the space: "1017GC".
    let compact = match b.get(at..at + 7) {
        Some([a, b2, c, d, x, y, b' '])
            if [a, b2, c, d].iter().all(|k| k.is_ascii_digit())
                && x.is_ascii_uppercase()
                && y.is_ascii_uppercase()
                && (at == 0 || !b[at - 1].is_ascii_alphanumeric()) =>
        {
            Some(at + 6)
        }
        _ => None,
    };
    let code = match compact {
        Some(code) => code,
        None => digits_at(b, at, 5).or_else(|| digits_at(b, at, 4))?,
    };
    // A Dutch postcode's two letters.
    let code = match b.get(code..code + 4) {
        Some([b' ', x, y, b' ']) if x.is_ascii_uppercase() && y.is_ascii_uppercase() => code + 3,
        _ => code,
    };
    if b.get(code) != Some(&b' ') {
        return None;
    }
    let end = town_at(text, ws, code + 1)?;
    Some(province_after(text, ws, end))
}

/// A province in brackets after a town: Italian "(RM)", Spanish "(Málaga)",
/// "(Illes Balears)": where it ends, or `end` when none follows.
fn province_after(text: &str, ws: &[Word<'_>], end: usize) -> usize {
    let b = text.as_bytes();
    if let Some([b' ', b'(', x, y, b')']) = b.get(end..end + 5) {
        if x.is_ascii_uppercase() && y.is_ascii_uppercase() {
            return end + 5;
        }
    }
    if !text[end..].starts_with(" (") {
        return end;
    }
    let Some(j) = word_at(ws, end + 2) else {
        return end;
    };
    let n = capitalised_run(text, ws, j).min(3);
    match n {
        0 => end,
        _ if text[ws[j + n - 1].end..].starts_with(')') => ws[j + n - 1].end + 1,
        _ => end,
    }
}

/// What follows a street address on one line: a postcode and town ("...,
/// 10115 Berlin"), or a town and a US state and ZIP or a UK postcode ("...,
/// Springfield, IL 62704", "..., London SW1A 2AA"). Where the address ends.
fn address_tail(text: &str, ws: &[Word<'_>], end: usize) -> usize {
    // A US street's quadrant: "1600 Pennsylvania Ave NW, Washington".
    let end = ["NW", "NE", "SW", "SE", "N", "S", "E", "W"]
        .iter()
        .find(|q| {
            text[end..]
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(*q) && r[q.len()..].starts_with([',', ' ']))
        })
        .map_or(end, |q| end + 1 + q.len());
    let end = unit_after(text, end);
    // Italians also set the postcode apart with a dash: "Via Roma 12 -
    // 00184 Roma"; Germans with a middle dot; Spanish forms leave a space
    // before the comma: "Piso 8 , Sevilla".
    let Some(at) = [", ", " , ", " - ", " · "]
        .iter()
        .find(|sep| text[end..].starts_with(*sep))
        .map(|sep| end + sep.len())
    else {
        // No comma: a postcode and a town ("12 rue Gambetta 06500 Menton",
        // "Kerkstraat 12 1017 GC Amsterdam", "Appartamento 40 65100,
        // Pescara (PE)") or a town with a state and ZIP or a UK postcode
        // ("47 Highland Dr Boise ID 83702"), or a town and its postcode
        // after a comma ("Puerta 7 Sevilla, 51140").
        return text[end..]
            .strip_prefix(' ')
            .and_then(|_| {
                postcode_comma_town(text, ws, end + 1)
                    .or_else(|| postcode_town(text, ws, end + 1))
                    .filter(|&e| !UNITS.contains(&text[..e].rsplit(' ').next().unwrap_or("")))
                    .or_else(|| town_tail(text, ws, end + 1))
                    .or_else(|| {
                        let e = town_at(text, ws, end + 1)?;
                        let p = comma_postcode(text, e);
                        (p > e && digits_at(text.as_bytes(), e + 2, 5).is_some()).then_some(p)
                    })
            })
            .unwrap_or(end);
    };
    if let Some(e) = postcode_comma_town(text, ws, at).or_else(|| postcode_town(text, ws, at)) {
        return e;
    }
    town_tail(text, ws, at)
        .or_else(|| {
            let j = word_at(ws, at)?;
            // A town after the street and a comma: one no list holds where
            // the text ends or a mark follows, or a listed one (even one
            // that is also a name: the address says place). A Spanish
            // postcode may follow it ("La Rioja, 15755").
            let n =
                unlisted_town(text, ws, j).or_else(|| listed_at(text, ws, j).map(|(n, _)| n))?;
            Some(comma_postcode(text, ws[j + n - 1].end))
        })
        .unwrap_or(end)
}

/// Words that number a flat, suite or floor inside a building, after the
/// street: "Apt 4B", "Suite 210", "Unit 5", "Flat 3", "#12", Spanish "3º B".
const UNIT_WORDS: &[&str] = &[
    "Apt",
    "Apt.",
    "Apartment",
    "Suite",
    "Ste",
    "Ste.",
    "Unit",
    "Flat",
    "Floor",
    "Fl",
    "Rm",
    "Room",
    "Bldg",
    "Piso",
    "Planta",
    "Bus",
    "bus",
    "Etage",
    "Étage",
    "Scala",
    "Interno",
    "Int.",
    "Puerta",
    "Piano",
    "Appartamento",
];

/// A flat, suite or floor after a street (", Apt 16", " Suite 39B", ", #12",
/// ", 3º B", ", 2º izq."): where it ends, or `end` when none follows.
fn unit_after(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    let Some(sep) = [", ", " "].iter().find(|p| rest.starts_with(*p)) else {
        return end;
    };
    let at = end + sep.len();
    let r = &text[at..];
    // A designator word, then a short number (and a letter).
    let after_word = UNIT_WORDS
        .iter()
        .find(|w| {
            (r.starts_with(*w)
                && r[w.len()..].starts_with(|c: char| c == ' ' || c == '#' || c.is_ascii_digit()))
                || r.starts_with('#')
        })
        .map(|w| match r.as_bytes().get(w.len()) {
            _ if r.starts_with('#') => 1,
            Some(c) if c.is_ascii_digit() => w.len(),
            _ => w.len() + 1,
        });
    if let Some(skip) = after_word {
        let b = r.as_bytes();
        let skip = skip + usize::from(b.get(skip) == Some(&b' '));
        let n = b[skip.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let digits = b[skip.min(b.len())..]
            .iter()
            .take(n)
            .any(u8::is_ascii_digit);
        if (1..=5).contains(&n) && digits {
            return at + skip + n;
        }
        return end;
    }
    // A Spanish floor: "3º B", "2º izq.", "1ºA", "bajo".
    if sep == &", " {
        let b = r.as_bytes();
        let d = b.iter().take_while(|c| c.is_ascii_digit()).count();
        if (1..=2).contains(&d) && (r[d..].starts_with('º') || r[d..].starts_with('ª')) {
            let mut k = d + 'º'.len_utf8();
            let tail = &r[k..];
            for door in [" izq.", " dcha.", " izda.", " dcha", " izq"] {
                if tail.starts_with(door) {
                    return at + k + door.len();
                }
            }
            let t = tail.strip_prefix(' ').map_or(0, |_| 1);
            if r[k + t..].starts_with(|c: char| c.is_ascii_uppercase())
                && !r[k + t + 1..].starts_with(|c: char| c.is_alphanumeric())
            {
                k += t + 1;
            }
            return at + k;
        }
    }
    end
}

/// A flat or suite written before the street ("Flat 3, 22 Victoria Road"):
/// where it starts, or `start` when none does.
fn unit_before(text: &str, start: usize) -> usize {
    let Some(head) = text[..start].strip_suffix(", ") else {
        return start;
    };
    let n = head
        .bytes()
        .rev()
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    let (rest, number) = head.split_at(head.len() - n);
    if !(1..=4).contains(&n) || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return start;
    }
    UNIT_WORDS
        .iter()
        .find_map(|w| {
            let at = rest.strip_suffix(' ')?.strip_suffix(*w)?;
            let alone = !at.ends_with(|c: char| c.is_alphanumeric());
            alone.then_some(at.len())
        })
        .unwrap_or(start)
}

/// What a count is of ("12345 Stück"): no town after a number.
#[rustfmt::skip]
const UNITS: &[&str] = &[
    "Stück", "Stk", "Einheiten", "Units", "Items", "Pieces", "Pcs", "Mal", "Punkte", "Points",
    "Stunden", "Hours", "Tage", "Days", "Jahre", "Years", "Kunden", "Customers", "Pièces",
    "Unités", "Piezas", "Unidades", "Pezzi", "Stuks", "Eenheden", "Euro", "EUR", "USD", "GBP",
    "CHF", "Dollar", "Kg", "Km", "Liter", "Meter", "Mio", "Tsd",
];

/// A town's name at word `j` that no list holds, where the text's shape
/// says a town stands (after a street address and a comma, after a
/// postcode): capitalised words that may be names, no common noun, up to
/// the end of the text or a punctuation mark ("..., Harrowgate.", "...,
/// 83646 Wackersberg"). How many words.
fn unlisted_town(text: &str, ws: &[Word<'_>], j: usize) -> Option<usize> {
    let n = capitalised_run(text, ws, j).min(3);
    if n == 0 {
        return None;
    }
    let named = ws[j..j + n].iter().all(|w| {
        CONNECTORS.contains(&w.text)
            || (super::proper::candidate(w.text)
                && !super::proper::german_noun_shaped(w.text)
                && !UNITS.contains(&w.text))
    });
    let rest = &text[ws[j + n - 1].end..];
    let ends = rest.is_empty()
        || rest.starts_with(['.', ',', ';', ')', '\n', '\r'])
        || rest.starts_with(" (")
        || rest.starts_with(" -");
    (named && ends).then_some(n)
}

/// A town followed by a US state (and ZIP) or a UK postcode: where it ends.
fn town_tail(text: &str, ws: &[Word<'_>], at: usize) -> Option<usize> {
    let j = word_at(ws, at)?;
    towns(text, ws, j).find_map(|town| {
        let rest = &text[town..];
        let gap = if rest.starts_with(", ") {
            2
        } else if rest.starts_with(' ') {
            1
        } else {
            return None;
        };
        state_zip(text, town + gap).or_else(|| uk_postcode(text, town + gap))
    })
}

/// Where a town's name starting at word `j` may end, longest first: its
/// last words may be a state or a postcode's letters ("London SW1A 2AA").
fn towns<'a>(text: &str, ws: &'a [Word<'_>], j: usize) -> impl Iterator<Item = usize> + 'a {
    let n = capitalised_run(text, ws, j).min(3);
    (j..j + n).rev().map(|k| ws[k].end)
}

/// A town, a US state and a ZIP code without a street: "Wilsonstad, IA
/// 09060". The ZIP is required (a town and a state alone are coarse).
fn town_state_zip(text: &str, ws: &[Word<'_>], i: usize) -> Option<usize> {
    towns(text, ws, i).find_map(|town| {
        let at = text[town..].strip_prefix(", ").map(|_| town + 2)?;
        let end = state_zip(text, at)?;
        (end > at + 2).then_some(end)
    })
}

/// Whether a whole cell is a UK or Canadian postcode ("SW1A 2AA", "K1A
/// 0B1"): shapes no other value has.
pub fn is_postcode_cell(cell: &str) -> bool {
    postcode_alone(cell, 0) == Some(cell.len())
}

/// Whether a whole cell is a listed place that needs no cue ("Köln",
/// "New York", "Brazil"; not "Jackson").
pub fn is_place_cell(cell: &str) -> bool {
    let cell = cell.trim();
    if postcode_alone(cell, 0) == Some(cell.len()) {
        return true;
    }
    let ws = super::words::words(cell);
    !ws.is_empty()
        && ws[0].start == 0
        && capitalised(ws[0].text)
        && listed_at(cell, &ws, 0).is_some_and(|(n, ambiguous)| {
            !ambiguous && n == ws.len() && ws[n - 1].end == cell.len()
        })
}

/// Whether a whole short cell is one street address or a postcode and a
/// town ("Hauptstraße 5", "12 Elm Street", "10115 Berlin", "1017 GC
/// Amsterdam"). Only cells with a digit are looked at.
pub(super) fn is_address_cell(cell: &str) -> bool {
    if cell.len() > 80 || !cell.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let ws = super::words::words(cell);
    let mut found = Vec::new();
    find_places(cell, &ws, &mut found);
    matches!(found.as_slice(), [p] if p.certain && p.finding.start == 0 && p.finding.end == cell.len())
}

/// Whether a whole cell is a listed place, even one whose name is also a
/// person's ("PARIS", "Jackson"), but no town of under 15,000 people alone
/// ("GONZALES" is a surname first).
pub(super) fn is_listed_place(cell: &str) -> bool {
    let ws = super::words::words(cell);
    !ws.is_empty()
        && ws[0].start == 0
        && listed_at(cell, &ws, 0)
            .is_some_and(|(n, _)| n == ws.len() && ws[n - 1].end == cell.len())
        && !gazetteer().small.contains(cell.to_lowercase().as_str())
}

/// Finds places among the words `ws` of `text`, in order.
pub(super) fn find_places(text: &str, ws: &[Word<'_>], out: &mut Vec<Place>) {
    // A US state and ZIP ("IL 62704") anywhere: only then look for a town
    // before one at each capitalised word.
    // Two capitals before a space end a word (`ws` are the words of
    // `text`): so from each word's end, not from each space.
    let b = text.as_bytes();
    let zip = ws.iter().any(|w| {
        w.text.len() >= 2
            && b.get(w.end) == Some(&b' ')
            && b[w.end - 2].is_ascii_uppercase()
            && b[w.end - 1].is_ascii_uppercase()
            && b.get(w.end + 1..w.end + 6)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    });
    let mut i = 0;
    while i < ws.len() {
        let found = address_at(text, ws, i)
            .map(|(_, start, end)| (start, address_tail(text, ws, end)))
            .or_else(|| {
                zip.then(|| town_state_zip(text, ws, i))
                    .flatten()
                    .map(|end| (ws[i].start, end))
            })
            .or_else(|| military_at(text, ws, i).map(|end| (ws[i].start, end)));
        if let Some((start, end)) = found {
            let start = unit_before(text, start);
            // The words it spans: the tail of an address has words too.
            let n = ws[i..].iter().take_while(|w| w.start < end).count().max(1);
            // An address wins over a name it overlaps ("12 Austin Lane").
            out.push(Place {
                finding: Finding {
                    entity: Entity::Location,
                    start,
                    end,
                    score: 0.85,
                },
                certain: true,
            });
            i += n;
            continue;
        }
        // The shape first: it leaves at once for most words.
        let alone = postcode_alone(text, ws[i].start)
            .filter(|_| i == 0 || !text[..ws[i].start].ends_with(|c: char| c.is_alphanumeric()));
        if let Some(end) = alone {
            out.push(Place {
                finding: Finding {
                    entity: Entity::Location,
                    start: ws[i].start,
                    end,
                    score: 0.7,
                },
                certain: true,
            });
            i += ws[i..].iter().take_while(|w| w.start < end).count();
            continue;
        }
        // After a title comes a person: "Sr. Villena", "M. Lenoir".
        // Looked at for capitalised words only (a scan of the list for
        // every word was a tenth of this pass).
        let titled = || {
            i > 0
                && matches!(&text[ws[i - 1].end..ws[i].start], " " | ". ")
                && is_title(ws[i - 1].text)
        };
        if !capitalised(ws[i].text) || is_title(ws[i].text) || titled() {
            i += 1;
            continue;
        }
        // Every cue ends in a place word, "of" or "a": look at the word
        // before first, the whole phrases only when it is one.
        let before = i
            .checked_sub(1)
            .map(|j| ws[j].text)
            .filter(|w| phrase_ends().has(w));
        let residence = before.is_some_and(|b| residence_before(text, ws, i, b))
            || after_place_label(text, ws, i)
            || before_move_verb(text, ws, i)
            || von_nach(text, ws, i)
            || move_destination(text, ws, i);
        let place_word = residence
            || before.is_some_and(|w| PLACE_WORDS.iter().any(|p| w.eq_ignore_ascii_case(p)));
        // A postcode before a town: "10115 Berlin", "75002 Paris", "1017
        // GC Amsterdam" (a Dutch postcode's letters are sure enough for any
        // capitalised name after them; a bare number needs a listed town).
        if let Some((code, dutch)) = postcode_before(text, ws[i].start) {
            let n = match listed_at(text, ws, i) {
                Some((n, _)) => n,
                None if dutch => capitalised_run(text, ws, i).min(3),
                // A postcode that opens the text or follows a comma, a
                // colon or a dash: an unlisted town after it ("...,
                // 83646 Wackersberg").
                None if code == 0
                    || [", ", ": ", "- "].iter().any(|p| text[..code].ends_with(p)) =>
                {
                    unlisted_town(text, ws, i).unwrap_or(0)
                }
                None => 0,
            };
            if n > 0 {
                out.push(Place {
                    finding: Finding {
                        entity: Entity::Location,
                        start: code,
                        end: ws[i + n - 1].end,
                        score: 0.8,
                    },
                    certain: true,
                });
                i += n;
                continue;
            }
        }
        let (n, base) = match listed_at(text, ws, i) {
            Some((n, ambiguous))
                if place_word || !(ambiguous || followed_by_capitalised(text, ws, i, n)) =>
            {
                (
                    // After a residence phrase, the whole capitalised name:
                    // "moved to Newton Abbot", not only the listed "Newton".
                    if residence {
                        n.max(capitalised_run(text, ws, i))
                    } else {
                        n
                    },
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
            certain: residence,
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
    fn both_ends_of_a_move_are_places_listed_or_not() {
        for (text, want) in [
            (
                "Moved from Zorbington to Quellmouth last spring.",
                ["Zorbington", "Quellmouth"],
            ),
            ("Verhuisd van Oentsjerk naar Wyns.", ["Oentsjerk", "Wyns"]),
            (
                "A déménagé de Sarlat-la-Canéda à Uzès.",
                ["Sarlat-la-Canéda", "Uzès"],
            ),
            (
                "Trasferito da Casatico a Vairano Patenora.",
                ["Casatico", "Vairano Patenora"],
            ),
            ("Übersiedlung von Mureck nach Wörgl.", ["Mureck", "Wörgl"]),
            (
                "Von Gunzenhausen nach Moers umgezogen.",
                ["Gunzenhausen", "Moers"],
            ),
        ] {
            assert_eq!(places(text), want, "{text}");
        }
        // Flemish and Dutch street words, a Dutch postcode without its
        // space, a door or floor after the number.
        assert_eq!(
            places("Pakket niet bezorgd op Siennapad 85."),
            ["Siennapad 85"]
        );
        assert_eq!(places("Ophalen aan de Nellylei 303."), ["Nellylei 303"]);
        assert_eq!(
            places("Afleveradres Kerkstraat 12, 1017GC Amsterdam."),
            ["Kerkstraat 12, 1017GC Amsterdam"]
        );
        assert_eq!(
            places("El paquete volvió de Avenida Vinicio Elorza 332 Puerta 4."),
            ["Avenida Vinicio Elorza 332 Puerta 4"]
        );
        assert_eq!(
            places("Colis refusé au rue Isaac Mathieu."),
            ["rue Isaac Mathieu"]
        );
        assert_eq!(
            places("Meet at 21 Keith Burgs, Reno."),
            ["21 Keith Burgs, Reno"]
        );
        assert_eq!(
            places("Mme Blot sera à Gautier-les-Bains lundi."),
            ["Gautier-les-Bains"]
        );
        assert_eq!(
            places("Forward mail to PSC 8000, Box 6071, APO AP 41977 until June."),
            ["PSC 8000, Box 6071, APO AP 41977"]
        );
        assert_eq!(
            places("sent to USS Turner, FPO AA 77685."),
            ["USS Turner, FPO AA 77685"]
        );
        assert_eq!(
            places("Afleveradres: Beatrixlaan 12a, 4907 GC Naarden Klant Daan Bos, geboren"),
            ["Beatrixlaan 12a, 4907 GC Naarden"]
        );
        // A listed place after a title is a person's name.
        assert!(places("El Sr. Villena pide que se envíe").is_empty());
        // "von" inside a name is a particle, and "to" after a name no move.
        assert!(places("Anna von Berg nach Rücksprache").is_empty());
        assert!(places("Sent from Kevin to Laura.").len() < 2);
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
    fn small_towns_count_after_a_place_word() {
        // Towns of 5,000 to 15,000 people are listed, but only after a
        // place word: as names they are surnames and firms as often.
        assert_eq!(places("Herr Geisel ist bis Freitag in Calau."), ["Calau"]);
        assert_eq!(
            places("Verhuisd van Gransee naar Calau."),
            ["Gransee", "Calau"]
        );
        assert_eq!(places("Frau Calau hat angerufen."), Vec::<&str>::new());
        // A spa town without its "Bad"; "ß" where the list has "ss".
        assert_eq!(
            places("Er ist bis Freitag in Fallingbostel."),
            ["Fallingbostel"]
        );
        assert_eq!(places("Lieferung nach Meißen."), ["Meißen"]);
        // A cell of a small town's name alone is no listed place.
        assert!(super::is_listed_place("Paris"));
        assert!(!super::is_listed_place("Calau"));
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
        // A listed town is no reason to stop early.
        assert_eq!(places("She moved to Berlin Mitte."), ["Berlin Mitte"]);
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
        for (text, place) in [
            ("Kundin ist umgezogen nach Oberammergau", "Oberammergau"),
            ("Il est domicilié à Saint-Flour depuis 2019", "Saint-Flour"),
            (
                "se mudó a Villanueva del Arzobispo",
                "Villanueva del Arzobispo",
            ),
            ("woonachtig te Ootmarsum", "Ootmarsum"),
            ("si è trasferita a Castelvetrano", "Castelvetrano"),
            ("Wohnort: Bad Tölz", "Bad Tölz"),
            ("Woonplaats: Giethoorn", "Giethoorn"),
            ("City: Kettleby", "Kettleby"),
            ("Località: Roccaraso", "Roccaraso"),
        ] {
            assert_eq!(places(text), [place], "{text}");
        }
        // A label of something else is no town label.
        assert_eq!(places("Status: Pending"), Vec::<&str>::new());
        // Not after an ordinary place word, and not a month.
        assert_eq!(places("Meet in Room Twelve"), Vec::<&str>::new());
        assert_eq!(places("She moved to May"), Vec::<&str>::new());
    }

    #[test]
    fn the_quick_ways_out_keep_every_address_and_postcode() {
        // Abbreviated street words in either case, looked up without
        // allocating; street words first, in capitals too.
        for (text, want) in [
            ("vive en C/ Mayor 3", "C/ Mayor 3"),
            ("vive en c/ Mayor 3", "c/ Mayor 3"),
            ("oficina AVDA. Diagonal 640", "AVDA. Diagonal 640"),
            ("au Bd. Voltaire 12", "Bd. Voltaire 12"),
            ("envoyé au 12 RUE de la Paix", "12 RUE de la Paix"),
            // House numbers of up to five digits and a letter.
            ("at 12345b Elm Street now", "12345b Elm Street"),
            // Postcodes alone: a capital, a digit second or third.
            ("office SW1A 2AA today", "SW1A 2AA"),
            ("office M1 1AE today", "M1 1AE"),
            ("bureau K1A 0B1 today", "K1A 0B1"),
        ] {
            assert_eq!(places(text), [want], "{text}");
        }
        // Six digits are no house number; Q starts no UK postcode.
        assert_eq!(places("at 123456 Elm Street now"), Vec::<&str>::new());
        assert_eq!(places("office QW1A 2AA today"), Vec::<&str>::new());
    }

    #[test]
    fn street_addresses() {
        for (text, want) in [
            ("Delivery to 12 Elm Street today", "12 Elm Street"),
            (
                "Send it to 1600 Pennsylvania Avenue, please",
                "1600 Pennsylvania Avenue",
            ),
            (
                "Neue Adresse: Hauptstraße 5, 10115 Berlin",
                "Hauptstraße 5, 10115 Berlin",
            ),
            ("wohnt in der Berliner Straße 17a", "Berliner Straße 17a"),
            ("Lieferung an Hauptstr. 5", "Hauptstr. 5"),
            ("Kölner Str. 90c, 50667 Köln", "Kölner Str. 90c, 50667 Köln"),
            ("Il habite 12 rue de la Paix", "12 rue de la Paix"),
            ("Vive en Calle Mayor, 5", "Calle Mayor, 5"),
            (
                "Enviar a Senda María Cristina, 61",
                "Senda María Cristina, 61",
            ),
            ("Abita in Via Roma 12", "Via Roma 12"),
            ("Woont op Kerkstraat 3", "Kerkstraat 3"),
            ("Moved to 12 Austin Lane", "12 Austin Lane"),
            ("Ship to 320 N Bridge Street", "320 N Bridge Street"),
            ("Office at 3451 W 4th Avenue, suite 2", "3451 W 4th Avenue"),
            ("Near 233 15th Street", "233 15th Street"),
            ("Deliver to 563 Larch Vale", "563 Larch Vale"),
            ("Zustellung Im Oberdorf 17c, bitte", "Im Oberdorf 17c"),
            ("Lieferung an Am Buttermarkt 9", "Am Buttermarkt 9"),
            ("Adresse: Auf dem Stein 97a", "Auf dem Stein 97a"),
            ("Livrer au 751 boulevard d'Alésia", "751 boulevard d'Alésia"),
            ("Entregar en Parcela Eva Fierro 7", "Parcela Eva Fierro 7"),
            (
                "Entregar en Bloque Ana Aguirre s/n.",
                "Bloque Ana Aguirre s/n",
            ),
            ("Deliver to 642 Logan Circuit today", "642 Logan Circuit"),
        ] {
            assert!(places(text).contains(&want), "{text}: {:?}", places(text));
        }
        for text in [
            "Wall Street fell 3 points",
            "Spring 2024 release",
            "Street 5 is closed",
            "order 12 Place Settings",
            "Calle Mayor is busy",
            "Take Route 66 west",
            "Arbeitsweg 30 Minuten",
            "Im Jahr 2020 kamen",
            "Am Montag 3 Kunden",
            "An Anna 5 Briefe",
        ] {
            assert!(
                places(text)
                    .iter()
                    .all(|p| !p.chars().any(|c| c.is_ascii_digit())),
                "{text}: {:?}",
                places(text)
            );
        }
    }

    #[test]
    fn whole_one_line_addresses() {
        for (text, want) in [
            (
                "Ship to 12 Elm St, Springfield, IL 62704 by Friday",
                "12 Elm St, Springfield, IL 62704",
            ),
            (
                "Lives at 10 Downing Street, London SW1A 2AA now",
                "10 Downing Street, London SW1A 2AA",
            ),
            (
                "Neue Adresse: Hauptstr. 5, 10115 Berlin.",
                "Hauptstr. 5, 10115 Berlin",
            ),
            (
                "Il habite 12 rue de la Paix, 75002 Paris depuis mai",
                "12 rue de la Paix, 75002 Paris",
            ),
            (
                "Vive en Calle Mayor, 5, 28013 Madrid.",
                "Calle Mayor, 5, 28013 Madrid",
            ),
            (
                "Woont op Kerkstraat 12, 1017 GC Amsterdam.",
                "Kerkstraat 12, 1017 GC Amsterdam",
            ),
            (
                "Abita in Via Roma 12, 00184 Roma (RM).",
                "Via Roma 12, 00184 Roma (RM)",
            ),
            (
                "Mailing address: Wilsonstad, IA 09060.",
                "Wilsonstad, IA 09060",
            ),
            (
                "Ship to 500 Oak Avenue, Portland, OR 97204-1234 today",
                "500 Oak Avenue, Portland, OR 97204-1234",
            ),
        ] {
            assert!(places(text).contains(&want), "{text}: {:?}", places(text));
        }
    }

    #[test]
    fn one_line_addresses_in_the_other_orders() {
        for (text, want) in [
            // Italian: the postcode after a comma, the town after another.
            (
                "Spedire a Viale Bianca, 445, 70024, Gravina in Puglia (BA).",
                "Viale Bianca, 445, 70024, Gravina in Puglia (BA)",
            ),
            (
                "Spedire a Via Roma, 12 Appartamento 4 00184, Roma (RM).",
                "Via Roma, 12 Appartamento 4 00184, Roma (RM)",
            ),
            (
                "Consegnare in Largo Marconi 55/A - 54211 Ostuni (BR).",
                "Largo Marconi 55/A - 54211 Ostuni (BR)",
            ),
            // Dutch and Belgian: the postcode, a comma, the town.
            (
                "Sturen naar Kerkstraat 2, 6136 HB, Den Helder.",
                "Kerkstraat 2, 6136 HB, Den Helder",
            ),
            (
                "Levering op Molenbaan 20, 5148, Fléron.",
                "Molenbaan 20, 5148, Fléron",
            ),
            // Austrian: a town named after where it lies.
            (
                "Lieferadresse: Hauptstraße 48, 6060 Hall in Tirol",
                "Hauptstraße 48, 6060 Hall in Tirol",
            ),
            // Spanish: the town, then the postcode; a space before a comma.
            (
                "Enviar a Calle Mayor 29, La Rioja, 26001.",
                "Calle Mayor 29, La Rioja, 26001",
            ),
            (
                "Enviar a Calle Mayor 6 Puerta 5 León, 24001.",
                "Calle Mayor 6 Puerta 5 León, 24001",
            ),
            (
                "Cita en Calle Mayor 61 Piso 4 , Murcia.",
                "Calle Mayor 61 Piso 4 , Murcia",
            ),
        ] {
            assert_eq!(places(text), [want], "{text}");
        }
        // A town's "in" joins one word only: not the next clause.
        assert_eq!(
            places("Afleveradres Lindenweg 49, 6458 HX Valkenburg Woont in Veere"),
            ["Lindenweg 49, 6458 HX Valkenburg Woont", "Veere"]
        );
        // "in" joins a town only after a postcode.
        assert_eq!(
            places("Shipped from Rotterdam in Holland."),
            ["Rotterdam", "Holland"]
        );
    }

    #[test]
    fn an_address_stops_where_the_address_does() {
        assert_eq!(
            places("Delivered to 12 Elm Street, Thanks again"),
            ["12 Elm Street"]
        );
        assert_eq!(places("Sent to Hauptstr. 5, 3 Pakete"), ["Hauptstr. 5"]);
        assert_eq!(
            places("Wilsonstad, we have 62704 units"),
            Vec::<&str>::new()
        );
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
