//! Proper nouns by their place in a sentence, not by a list: in English,
//! French, Spanish, Dutch and Italian, a capitalised word inside a clause
//! (after a lower-case word, not at the start of a sentence) that is no
//! function word of any of the six languages is a proper name: "invoice
//! sent to Verhoeven", "llamó Urquiza ayer", "visita a Chiavenna". What the
//! name and place lists, cues and shapes in `names` and `places` did not
//! claim is claimed here, as a place after a place preposition ("in",
//! "à", "te") and as a person otherwise: either way the masker removes it.
//!
//! German capitalises every noun, so German text (told by its function
//! words) is left to the other rules. Function words come from
//! stopwords-iso (MIT, see `data/LICENSES.md`).

use super::names::{is_particle, name_run, name_shaped, organisation_after, ORG_LINKS};
use super::words::{capitalised, Lexicon, Word};
use super::{Entity, Finding};
use std::sync::OnceLock;

pub(super) fn stopwords() -> &'static Lexicon {
    static SET: OnceLock<Lexicon> = OnceLock::new();
    SET.get_or_init(|| Lexicon::new(super::lists::get().stopwords.lines()))
}

/// Whether a capitalised `word` is a common word, no name: an article
/// ("Der", "Les"), a department, a language or an everyday tool. (Not
/// every function word of the lists: they hold words that are also given
/// names, "Sincere", "Will".)
pub(super) fn is_common(word: &str) -> bool {
    NOT_PROPER.contains(&word)
        || DEPARTMENTS.contains(&word)
        || (word.len() <= 5 && is_determiner(&word.to_lowercase()))
}

/// Whether `word` is an article or determiner ("la", "the", "het", "die").
pub(super) fn is_determiner(word: &str) -> bool {
    DETERMINERS.contains(&word)
        || ["der", "die", "das", "den", "dem", "ein", "eine"].contains(&word)
}

/// Lower-case words only German uses among the six languages: one in a
/// text says its capitalised words may be common nouns.
#[rustfmt::skip]
const GERMAN: &[&str] = &[
    "und", "ist", "nicht", "mit", "wurde", "wird", "für", "auf", "bitte", "sich", "ein",
    "eine", "einen", "einem", "einer", "dem", "das", "zum", "zur", "beim", "wegen", "noch",
    "auch", "schon", "kein", "keine", "ich", "wir", "sie", "ihr", "wohnt", "seit", "über",
    "unter", "nach", "aus", "bei", "vom", "sind", "haben", "hatte", "oder", "aber", "die",
    "im", "zu", "vor", "gegen", "ohne", "laut", "hat", "neue", "neuen", "neuer", "neues",
    "vielen", "geehrte", "geehrter", "wünscht",
];

/// Lower-case words after which a capitalised name is a place.
#[rustfmt::skip]
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "from", "near", "à", "en", "desde", "te", "uit", "naar", "a", "da", "vers",
    "hacia", "around", "outside", "nearby",
];

/// Lower-case words after which a capitalised word is a thing, a title or
/// a heading, not a proper name: articles and determiners ("the Premium
/// plan", "la Banque", "het Rode Kruis", "il Servizio").
#[rustfmt::skip]
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "our", "your", "their", "its", "this", "that", "these", "those", "my",
    "his", "her", "every", "each", "any", "some", "no",
    "le", "la", "les", "l", "un", "une", "des", "du", "au", "aux", "ce", "cette", "ces",
    "notre", "votre", "leur", "son", "sa", "ses", "mon", "ma", "mes",
    "el", "los", "las", "una", "unos", "unas", "del", "al", "este", "esta", "nuestro",
    "nuestra", "su", "sus", "mi",
    "het", "een", "de", "deze", "dit", "onze", "uw", "hun", "zijn", "haar",
    "il", "lo", "gli", "i", "uno", "nel", "nella", "del", "della", "dal", "dalla", "alla",
    "nostro", "nostra", "vostro", "vostra", "questo", "questa", "sul", "sulla",
];

/// Capitalised words that are neither people nor places in running text:
/// languages and nationalities (English capitalises them), and the names
/// of everyday software and services a note mentions.
#[rustfmt::skip]
const NOT_PROPER: &[&str] = &[
    "English", "French", "German", "Spanish", "Dutch", "Italian", "European", "American",
    "British", "Belgian", "Swiss", "Austrian", "Irish", "Canadian", "Australian",
    "Internet", "Email", "Mail", "Excel", "Word", "Outlook", "Teams", "Zoom", "Skype",
    "WhatsApp", "Windows", "Linux", "Android", "Google", "Microsoft", "Apple", "Amazon",
    "PayPal", "Visa", "Mastercard", "Chrome", "Firefox", "Safari", "Office", "Premium",
    "Basic", "Pro", "Plus", "Gold", "Silver", "Standard", "Business", "Enterprise",
    "Euro", "Euros", "Dollar", "Dollars", "Christmas", "Easter", "Weihnachten", "Noël",
    "Navidad", "Pasqua", "Pasen", "Kerstmis", "Natale", "Pâques", "Ramadan",
];

/// Lower-case words after which a capitalised word names a thing: a
/// department, a plan, a model, a tool ("transferred to team Alpha",
/// "afdeling Klantenservice", "ufficio Contabilità", "via Okta").
#[rustfmt::skip]
const THING_BEFORE: &[&str] = &[
    "department", "dept", "team", "service", "services", "tier", "plan", "model", "version",
    "product", "rating", "status", "app", "tool", "portal", "platform", "via", "using",
    "project", "programme", "program", "brand", "course", "module", "category", "level",
    "département", "équipe", "modèle", "produit", "offre", "formule", "poste", "projet",
    "departamento", "equipo", "modelo", "producto", "plan", "puesto", "proyecto",
    "afdeling", "dienst", "functie", "product", "pakket", "abonnement",
    "ufficio", "reparto", "squadra", "modello", "prodotto", "ruolo", "progetto", "servizio",
];

/// Departments: capitalised in notes like names ("Follow-up with Legal",
/// "escalated to Billing", "inoltrata a Contabilità").
#[rustfmt::skip]
const DEPARTMENTS: &[&str] = &[
    "Legal", "Sales", "Finance", "Marketing", "Support", "Accounting", "Accounts", "Billing",
    "Compliance", "Operations", "Procurement", "Purchasing", "Logistics", "Engineering",
    "Security", "Management", "Payroll", "Reception", "Facilities", "Helpdesk", "Service",
    "Comptabilité", "Ventes", "Juridique", "Achats", "Facturation", "Direction", "Paie",
    "Contabilidad", "Ventas", "Compras", "Soporte", "Facturación", "Dirección", "Nóminas",
    "Boekhouding", "Verkoop", "Inkoop", "Klantenservice", "Juridische", "Directie",
    "Contabilità", "Vendite", "Acquisti", "Assistenza", "Amministrazione", "Direzione",
];

/// Lower-case words that may follow a name besides function words: when
/// ("Verhoeven yesterday") and what a person did ([`AFTER_NAME`]-like).
#[rustfmt::skip]
const AFTER_PROPER: &[&str] = &[
    "yesterday", "tomorrow", "tonight", "gisteren", "vandaag", "morgen", "demain", "hier",
    "mañana", "domani", "stamattina", "vanmorgen", "ce", "called", "phoned", "rang", "said",
    "says", "wrote", "emailed", "asked", "replied", "confirmed", "agreed", "paid", "signed",
    "llamó", "dijo", "pagó", "firmó", "belde", "zei", "betaalde", "tekende", "chiamato",
    "telefonato", "detto", "pagato", "firmato", "ha", "heeft", "appelé",
];

/// Whether what follows a run lets it be a name: the end, punctuation, a
/// function word, a word of when, or a past tense ("Verhoeven asked",
/// "Lemarchal pour mardi"); not a noun it qualifies ("Okta portal",
/// "Sales department", "Goodwill gesture").
fn name_may_end(text: &str, ws: &[Word<'_>], next: usize) -> bool {
    let end = ws[next - 1].end;
    let rest = &text[end..];
    let Some(after) = rest.strip_prefix(' ') else {
        return rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric());
    };
    if after.starts_with(|c: char| !c.is_alphanumeric()) {
        return true;
    }
    ws.get(next).is_some_and(|w| {
        w.start == end + 1
            && w.text.chars().next().is_some_and(char::is_lowercase)
            && (stopwords().has(w.text)
                || AFTER_PROPER.contains(&w.text)
                || (w.text.len() >= 5 && w.text.ends_with("ed")))
    })
}

/// Whether the text reads as German: then a capitalised word mid-sentence
/// is as likely a noun as a name.
fn german(ws: &[Word<'_>]) -> bool {
    // A set, not a scan of the list per word: this ran on every word.
    static SET: OnceLock<Lexicon> = OnceLock::new();
    let set = SET.get_or_init(|| Lexicon::new(GERMAN.iter().copied()));
    ws.iter()
        .any(|w| w.text.len() <= 6 && set.has_exact(w.text))
}

/// Words that say a text is English.
const ENGLISH: &[&str] = &[
    "the", "and", "of", "for", "with", "is", "was", "has", "to", "an",
];

/// Whether word `i` stands inside a clause: after a lower-case word and one
/// space (or ", "), so it does not start a sentence; and which place
/// preposition that word is, if any ("" if none).
fn inside_clause(text: &str, ws: &[Word<'_>], i: usize, english: bool) -> Option<&'static str> {
    let prev = ws.get(i.checked_sub(1)?)?;
    if !prev.text.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    match &text[prev.end..ws[i].start] {
        " " => {}
        ", " => return Some(""),
        _ => return None,
    }
    let lower = prev.text;
    // Names joined into a firm's: "Hamilton, Stewart and Leffler".
    if ORG_LINKS.contains(&lower)
        && i >= 2
        && ws[i - 2]
            .text
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    {
        return None;
    }
    // "a": an article in English ("a Premium account"), "to" or "at" in
    // Italian and Spanish ("a Trani").
    if lower == "a" && !english {
        return Some("a");
    }
    // Particles after an article: "the van der Waals force".
    let mut k = i - 1;
    while k > 0 && is_particle(ws[k].text) {
        k -= 1;
    }
    if k < i - 1 && DETERMINERS.contains(&ws[k].text) {
        return None;
    }
    if DETERMINERS.contains(&lower) || THING_BEFORE.contains(&lower) {
        return None;
    }
    Some(
        PLACE_PREPOSITIONS
            .iter()
            .find(|p| **p == lower)
            .copied()
            .unwrap_or(""),
    )
}

/// A word that may be a proper name: shaped like one and no function word.
pub(super) fn candidate(w: &str) -> bool {
    name_shaped(w)
        && w.chars().count() >= 3
        && !stopwords().has(w)
        && !NOT_PROPER.contains(&w)
        && !DEPARTMENTS.contains(&w)
        // "Jansen's" is a name; "eBay", "iPhone" are products.
        && w.chars().skip(1).all(|c| !c.is_uppercase() || c == 'M')
}

/// Appends proper names inside clauses that no finding in `taken` (sorted
/// by start) overlaps.
pub(super) fn find_proper(text: &str, ws: &[Word<'_>], taken: &[Finding], out: &mut Vec<Finding>) {
    // Both passes below claim only capitalised words after the first: a
    // text without one needs no look at its language.
    if !ws.iter().skip(1).any(|w| capitalised(w.text)) {
        return;
    }
    if german(ws) {
        find_german_places(text, ws, taken, out);
        return;
    }
    let english = ws
        .iter()
        .any(|w| w.text.len() <= 4 && ENGLISH.contains(&w.text));
    let overlaps = |s: usize, e: usize| taken.iter().any(|f| f.start < e && s < f.end);
    let mut i = 1;
    while i < ws.len() {
        // A run starts on a capitalised word (`name_run` is 0 otherwise):
        // test that first, before the clause's list lookups.
        if !capitalised(ws[i].text) {
            i += 1;
            continue;
        }
        let Some(prep) = inside_clause(text, ws, i, english) else {
            i += 1;
            continue;
        };
        let run = name_run(text, ws, i);
        if run == 0 {
            i += 1;
            continue;
        }
        let words = &ws[i..i + run];
        let last = &words[run - 1];
        let rest = &text[last.end..];
        // Joined to more than a word: an address, a file, a product or
        // model ("Windows 11", "Report.pdf", "Acme/EU", "user_Name").
        // "Fig. 3", "Nov. 12": a short word before a period is an abbreviation.
        let abbreviation = run == 1 && last.text.chars().count() <= 3 && rest.starts_with('.');
        let glued = abbreviation
            || rest.starts_with(|c: char| "@/_\\#=+*".contains(c) || c.is_alphanumeric())
            || rest
                .strip_prefix('.')
                .is_some_and(|r| r.starts_with(char::is_alphanumeric))
            || rest
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            || text[..words[0].start].ends_with(['@', '/', '_', '#', '\\', '.', '-']);
        let all = words
            .iter()
            .filter(|w| !is_particle(w.text))
            .all(|w| candidate(w.text));
        if glued
            || !all
            || !name_may_end(text, ws, i + run)
            || organisation_after(text, ws, i + run - 1)
        {
            i += run;
            continue;
        }
        let (start, end) = (words[0].start, last.end);
        if !overlaps(start, end) {
            out.push(Finding {
                entity: if prep.is_empty() {
                    Entity::Person
                } else {
                    Entity::Location
                },
                start,
                end,
                score: if run >= 2 { 0.6 } else { 0.5 },
            });
        }
        i += run;
    }
}

/// Endings of German place names ("Oberhaching", "Gräfenhainichen",
/// "Wunsiedel" aside): the parts towns are named by (-dorf, -hausen,
/// -ingen), which few common nouns end in. A structural rule, no list of
/// towns.
#[rustfmt::skip]
const DE_PLACE_ENDINGS: &[&str] = &[
    "ingen", "hausen", "heim", "dorf", "burg", "berg", "stadt", "feld", "felde", "bach",
    "hofen", "kirchen", "leben", "stedt", "born", "brück", "brücken", "furt", "haching",
    "walde", "werder", "hagen", "rode", "roda", "nitz", "witz", "litz", "münster", "weiler",
    "beuren", "ried", "zell", "markt", "hütte", "winkel", "kamp", "siek", "büttel", "ow",
];

/// Endings of German common nouns (abstract nouns, diminutives, verbal
/// nouns): a word ending so after "in" or "nach" is no place ("in
/// Bearbeitung", "nach Rücksprache").
#[rustfmt::skip]
const DE_NOUN_ENDINGS: &[&str] = &[
    "ung", "ungen", "heit", "keit", "schaft", "tion", "sion", "tät", "nis", "ismus", "tum",
    "ment", "enz", "anz", "chen", "lein", "ling", "nahme", "gabe", "arbeit", "zeit", "sache",
    "weise", "frage", "stelle", "plan", "ablauf", "umfeld", "vorfeld", "übersee", "eigenheim",
    "innenstadt", "altstadt", "hinterhof", "besitz",
];

/// Whether `w` reads as a German common noun by its ending.
pub(super) fn german_noun_shaped(w: &str) -> bool {
    let lower = w.to_lowercase();
    DE_NOUN_ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// Whether a capitalised `w` is shaped like a German place name: a town
/// ending ("-hausen", "-ingen") or capitalised parts joined by hyphens
/// ("Bernkastel-Kues"), and no common noun's ending.
fn german_place_shaped(w: &str) -> bool {
    if german_noun_shaped(w) {
        return false;
    }
    let parts: Vec<&str> = w.split('-').collect();
    if parts.len() >= 2 {
        return parts
            .iter()
            .all(|p| p.chars().count() >= 3 && p.chars().next().is_some_and(char::is_uppercase));
    }
    let lower = w.to_lowercase();
    lower.chars().count() >= 6 && DE_PLACE_ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// Places in German text, where every noun is capitalised: after "in",
/// "aus", "nach" or "bei", a word shaped like a town's name ("aus
/// Oberhaching", "nach Bernkastel-Kues"), or "Bad"/"Sankt" and a name ("in
/// Bad Reichenhall").
fn find_german_places(text: &str, ws: &[Word<'_>], taken: &[Finding], out: &mut Vec<Finding>) {
    let overlaps = |s: usize, e: usize| taken.iter().any(|f| f.start < e && s < f.end);
    for i in 1..ws.len() {
        let prev = &ws[i - 1];
        if !["in", "aus", "nach", "bei"].contains(&prev.text) || &text[prev.end..ws[i].start] != " "
        {
            continue;
        }
        let w = ws[i].text;
        let next_name = ws.get(i + 1).filter(|n| {
            n.start == ws[i].end + 1 && candidate(n.text) && !german_noun_shaped(n.text)
        });
        let last = match next_name {
            Some(n) if ["Bad", "Sankt"].contains(&w) => n,
            _ if (candidate(w) || (w.contains('-') && w.split('-').all(candidate)))
                && german_place_shaped(w) =>
            {
                &ws[i]
            }
            _ => continue,
        };
        let rest = &text[last.end..];
        if rest.starts_with(|c: char| c.is_alphanumeric() || "@/_\\#=+*".contains(c))
            || rest
                .strip_prefix('.')
                .is_some_and(|r| r.starts_with(char::is_alphanumeric))
        {
            continue;
        }
        let (start, end) = (ws[i].start, last.end);
        if !overlaps(start, end) {
            out.push(Finding {
                entity: Entity::Location,
                start,
                end,
                score: 0.6,
            });
        }
    }
}

/// What the words of a short capitalised cell are, for a column under a
/// blind header: whether any is a common word (a function word, a
/// department, a tool, an organisation's or a calendar word: "Gold
/// Member", "Sales", "Acme Ltd"), and whether every word is a listed given
/// name or surname, or the cell a listed place.
pub(crate) fn cell_words(cell: &str) -> CellWords {
    let ws = super::words::words(cell);
    let common = ws.iter().enumerate().any(|(k, w)| {
        // "Little Snoring", "Great Ayton": a town's first word.
        let town_first = k == 0 && ws.len() > 1 && PLACE_FIRST.contains(&w.text);
        // "Jade van de Veen": a name's particles, in lower case between
        // its words.
        let particle = k > 0 && k + 1 < ws.len() && is_particle(w.text);
        !town_first && !particle && stopwords().has(w.text)
            || NOT_PROPER.contains(&w.text)
            || DEPARTMENTS.contains(&w.text)
            || super::names::not_a_name(w.text)
    });
    let listed = |w: &Word<'_>| super::is_given_name(w.text) || super::is_surname(w.text);
    // A listed given name and an unlisted surname: "Hendrikje Veldkamp".
    let given_first = (2..=3).contains(&ws.len())
        && super::is_given_name(ws[0].text)
        && ws[1..]
            .iter()
            .all(|w| candidate(w.text) || is_particle(w.text));
    let named = !ws.is_empty() && (ws.iter().all(listed) || given_first);
    CellWords {
        common,
        named,
        place: super::places::is_listed_place(cell) || (!named && place_shaped_cell(&ws)),
    }
}

/// Endings of town names in the six languages besides German's
/// ([`DE_PLACE_ENDINGS`]): "-ington", "-ville", "-drecht", "-huizen".
#[rustfmt::skip]
const PLACE_ENDINGS: &[&str] = &[
    "ton", "ford", "bury", "field", "chester", "caster", "mouth", "wick", "thorpe", "stead",
    "worth", "borough", "minster", "bridge", "ville", "court", "bourg", "drecht", "hoven",
    "huizen", "horst", "veen", "wijk", "zijl", "voort", "dijk",
];

/// First words of town names: "Bad Tölz", "San Donato", "Nieuw Vennep",
/// "Little Snoring".
#[rustfmt::skip]
const PLACE_FIRST: &[&str] = &[
    "Bad", "Sankt", "St", "Saint", "Sainte", "San", "Santa", "Santo", "Villa", "Nieuw", "Oud",
    "Little", "Great", "Upper", "Lower", "Ober", "Unter", "Alt", "Neu", "Castel", "Castello",
    "Monte", "Porto", "Puerto", "Borgo", "Villanueva", "Villafranca",
];

/// Lower-case words inside town names: "Villanueva de la Cañada",
/// "Stratford upon Avon", "Castelnuovo di Porto".
const PLACE_LINKS: &[&str] = &[
    "de", "la", "del", "di", "upon", "on", "sur", "am", "an", "der", "aan",
];

/// Whether a short cell is shaped like a town's name, by its form alone:
/// a town ending ("Wickhamford", "Oberhaching"), capitalised parts joined
/// by hyphens ("Sainte-Menehould", "Bernkastel-Kues"), a town's first word
/// ("Bad Reichenhall", "Villanueva de la Cañada") or a link no job title
/// uses ("Stratford upon Avon"). No list of towns; no given name ("Clifton" aside).
fn place_shaped_cell(ws: &[Word<'_>]) -> bool {
    let caps = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    match ws {
        [] => false,
        [w] => {
            let w = w.text;
            if super::is_given_name(w) || german_noun_shaped(w) {
                return false;
            }
            let parts: Vec<&str> = w.split('-').collect();
            if parts.len() >= 2 {
                return parts.iter().filter(|p| caps(p)).count() >= 2
                    && parts.iter().all(|p| {
                        p.chars().count() >= 2
                            && (caps(p)
                                || PLACE_LINKS.contains(p)
                                || ["sur", "le", "les", "the", "en"].contains(p))
                    });
            }
            let lower = w.to_lowercase();
            lower.chars().count() >= 6
                && (DE_PLACE_ENDINGS
                    .iter()
                    .chain(PLACE_ENDINGS)
                    .any(|e| lower.ends_with(e)))
        }
        [first, rest @ ..] => {
            let words_ok = rest
                .iter()
                .all(|w| caps(w.text) || PLACE_LINKS.contains(&w.text));
            words_ok
                && caps(rest[rest.len() - 1].text)
                // "de", "di" also join job titles ("Jefe de Ventas"): only
                // links no title uses count without a town's first word.
                && (PLACE_FIRST.contains(&first.text)
                    || rest
                        .iter()
                        .any(|w| ["upon", "on", "sur", "am", "aan"].contains(&w.text)))
        }
    }
}

/// See [`cell_words`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CellWords {
    pub common: bool,
    pub named: bool,
    pub place: bool,
}

#[cfg(test)]
mod tests {
    use crate::detect::{find, Entity};

    fn found(text: &str) -> Vec<(Entity, &str)> {
        find(text)
            .into_iter()
            .filter(|f| matches!(f.entity, Entity::Person | Entity::Location))
            .map(|f| (f.entity, &text[f.start..f.end]))
            .collect()
    }

    #[test]
    fn unlisted_names_inside_a_clause_in_five_languages() {
        let cases = [
            // CRM notes and support tickets, names on no census list.
            ("invoice resent to Verhoeven after the call", "Verhoeven"),
            ("ticket escalated by Wouterse, waiting on logs", "Wouterse"),
            ("rendez-vous pris avec Lemarchal pour mardi", "Lemarchal"),
            ("el pedido lo firmó Urquiza ayer", "Urquiza"),
            ("factuur nagestuurd voor Bosschaert", "Bosschaert"),
            ("pratica seguita da collega Ferrandi", "Ferrandi"),
            (
                "contract renewed for Aurelio Bracciolini today",
                "Aurelio Bracciolini",
            ),
        ];
        for (text, name) in cases {
            assert_eq!(found(text), [(Entity::Person, name)], "{text}");
        }
    }

    #[test]
    fn after_a_place_preposition_a_place() {
        let cases = [
            ("the parcel is stuck in Kettleby since Monday", "Kettleby"),
            ("rendez-vous à Montrebois demain", "Montrebois"),
            ("vive en Villafranca desde 2019", "Villafranca"),
            ("bezorgd te Oosterwolde", "Oosterwolde"),
            ("trasferito a Castelvetrano", "Castelvetrano"),
        ];
        for (text, place) in cases {
            assert_eq!(found(text), [(Entity::Location, place)], "{text}");
        }
    }

    #[test]
    fn capitalised_things_are_not_claimed() {
        for text in [
            // Sentence starts, headings, determiners, products, languages.
            "Refund approved. Customer happy.",
            "Status: Pending review",
            "upgraded to the Premium plan",
            "customer speaks English and French",
            "reset password via Outlook and Teams",
            "crashes on Windows 11 after update",
            "attached Report.pdf for review",
            "bought an iPhone last week",
            "sent to Acme Holdings Ltd yesterday",
            "Hamilton, Stewart and Leffler",
            "in the van der Waals force",
            "see p. 12 and Fig. 3 below",
            "la Banque a répondu",
            "het Rode Kruis belde",
            "invoice for ACME sent",
            // Departments, tools and what a capitalised word qualifies.
            "Follow-up with Legal about the request",
            "Employee transferred to Sales department in Q3.",
            "Password reset requested through Okta portal.",
            "voucher issued as Goodwill gesture",
            "Ordered 3 units of Model X200",
            "Rappel prévu avec le service Comptabilité lundi.",
            "Doorgezet naar afdeling Klantenservice voor afhandeling.",
            "Pratica inoltrata all'ufficio Contabilità per verifica.",
            // German capitalises nouns: left to the other rules.
            "die Rechnung wurde an Buchhaltung geschickt",
            "Kunde hat Rückruf wegen Lieferung erbeten",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }
}
