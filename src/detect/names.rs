//! People's names in text, without a model: census name lists (see
//! `data/README.md`), titles (`Dr`, `Mme`), and cue words (`my name is`,
//! `regards,`). A given name followed by a capitalised word is a name; a
//! capitalised word alone is not.

use super::words::{capitalised, is_title, words, Lexicon, Word, CALENDAR, TITLES};
use super::{Entity, Finding};
use std::collections::HashSet;
use std::sync::OnceLock;

// The lists are lower-case ASCII: a word with other letters is in none.
fn given() -> &'static Lexicon {
    static SET: OnceLock<Lexicon> = OnceLock::new();
    SET.get_or_init(|| {
        let l = super::lists::get();
        Lexicon::new(l.given.lines().chain(l.given_ssa.lines()))
    })
}

fn surnames() -> &'static Lexicon {
    static SET: OnceLock<Lexicon> = OnceLock::new();
    SET.get_or_init(|| {
        let l = super::lists::get();
        Lexicon::new(l.surnames.lines().chain(l.surnames_2010.lines()))
    })
}

/// Whether `word` is a common given name (1990 US census lists, US Social
/// Security baby names since 1930).
pub fn is_given_name(word: &str) -> bool {
    given().has(word)
}

/// Whether `word` is a common surname (1990 and 2010 US census lists).
pub fn is_surname(word: &str) -> bool {
    surnames().has(word)
}

/// The words surrogate names are drawn from: given names of the 1990
/// census list and surnames of the 1990 census list (the same lists the
/// detector reads; never a fake-data generator's), three letters or more,
/// without words that are also common words (stopwords, days and months,
/// titles, street words: "Will", "May", "Street"), and each list without
/// the other's words, so that a part used alone names its role.
pub(crate) fn surrogate_names() -> &'static (Vec<&'static str>, Vec<&'static str>) {
    static LISTS: OnceLock<(Vec<&'static str>, Vec<&'static str>)> = OnceLock::new();
    LISTS.get_or_init(|| {
        let plain = |w: &&'static str| {
            w.len() >= 3
                && w.bytes().all(|b| b.is_ascii_lowercase())
                && !super::proper::stopwords().has(w)
                && ![CALENDAR, TITLES, NOT_NAMES]
                    .iter()
                    .any(|l| l.iter().any(|n| n.eq_ignore_ascii_case(w)))
        };
        let l = super::lists::get();
        let given: HashSet<&str> = l.given.lines().collect();
        let sur: HashSet<&str> = l.surnames.lines().collect();
        let g = l
            .given
            .lines()
            .filter(plain)
            .filter(|w| !sur.contains(w))
            .collect();
        let s = l
            .surnames
            .lines()
            .filter(plain)
            .filter(|w| !given.contains(w))
            .collect();
        (g, s)
    })
}

/// Words that end a name when they follow a given name: "May Day",
/// "Grace Period", "Austin Street" (and [`CALENDAR`]).
const NOT_NAMES: &[&str] = &[
    "Street",
    "St",
    "Avenue",
    "Ave",
    "Road",
    "Rd",
    "Lane",
    "Drive",
    "Boulevard",
    "University",
    "College",
    "School",
    "Hospital",
    "Park",
    "City",
    "County",
    "State",
    "Payment",
    "Account",
    "Card",
    "Day",
    "Period",
    "Month",
    "Year",
    "The",
    "And",
    "Or",
    "To",
    "Of",
    "In",
    "On",
    "At",
    // Buildings and institutions named after people or places ("Wellington
    // Airport", "Bahnhof Zoo", "Gare Saint-Lazare").
    "Airport",
    "Station",
    "Hotel",
    "Museum",
    "Church",
    "Cathedral",
    "Centre",
    "Center",
    "Hall",
    "Square",
    "Bridge",
    "Tower",
    "Castle",
    "Palace",
    "Theatre",
    "Theater",
    "Stadium",
    "Market",
    "Institute",
    "Office",
    "Department",
    "Ministry",
    "Council",
    "Clinic",
    "Library",
    "Gallery",
    "Flughafen",
    "Bahnhof",
    "Hauptbahnhof",
    "Kirche",
    "Rathaus",
    "Gare",
    "Aéroport",
    "Hôtel",
    "Aeropuerto",
    "Estación",
    "Luchthaven",
    "Aeroporto",
    "Stazione",
    // The greeting that ends a German letter, before the name.
    "Grüßen",
    "Grüße",
    // Model words after a product's name ("Aurora Mini", "Atlas Pro"; not "Max", a given name).
    "Mini",
    "Pro",
    "Plus",
    "Ultra",
    "Lite",
    "Edition",
    "Series",
];

/// Words of organisations' names, legal forms first: a run of names that
/// one of them follows ("Farrell Group", "Schmidt & Sons", "Rossi SpA") is
/// a company, not a person.
const ORG_WORDS: &[&str] = &[
    "Inc",
    "Ltd",
    "LLC",
    "LLP",
    "Corp",
    "Corporation",
    "Company",
    "Co",
    "Limited",
    "PLC",
    "Plc",
    "Pty",
    "GmbH",
    "AG",
    "KG",
    "SA",
    "SAS",
    "SARL",
    "SpA",
    "Srl",
    "BV",
    "NV",
    "Group",
    "Sons",
    "Brothers",
    "Partners",
    "Holdings",
    "Associates",
    "Industries",
    "Enterprises",
    "Bank",
    "Foundation",
];

/// Whether `w` is one of [`ORG_WORDS`]: one hashed lookup.
fn is_org_word(w: &str) -> bool {
    static SET: OnceLock<Lexicon> = OnceLock::new();
    SET.get_or_init(|| Lexicon::new(ORG_WORDS.iter().copied()))
        .has_exact(w)
}

/// Words that may stand between a name and its organisation word.
pub(super) const ORG_LINKS: &[&str] = &["and", "und", "et", "y", "e", "en"];

/// One hashed lookup: three linear scans of these lists were a good part of
/// the names pass (every capitalised word of a text is looked up).
pub(super) fn not_a_name(word: &str) -> bool {
    static SET: OnceLock<Lexicon> = OnceLock::new();
    SET.get_or_init(|| Lexicon::new(NOT_NAMES.iter().chain(CALENDAR).chain(ORG_WORDS).copied()))
        .has_exact(word)
}

/// Whether an organisation word follows word `end` (past `&`, `and` and
/// their translations, and one more name): "Farrell Group", "Schmidt &
/// Sons", "Rossi e Figli SpA" is not claimed, "Miller and Partners" is.
pub(super) fn organisation_after(text: &str, ws: &[Word<'_>], end: usize) -> bool {
    let mut prev = end;
    for k in end + 1..end + 4 {
        let Some(w) = ws.get(k) else {
            return false;
        };
        let gap = text[ws[prev].end..w.start].trim();
        if !matches!(gap, "" | "," | "&" | "-") {
            return false;
        }
        if is_org_word(w.text) {
            return true;
        }
        if !ORG_LINKS.contains(&w.text) && !capitalised(w.text) {
            return false;
        }
        prev = k;
    }
    false
}

/// Lower-case cue words after which a capitalised word is a name.
const CUES: &[&[&str]] = &[
    &["my", "name", "is"],
    &["name", "is"],
    &["signed"],
    &["signed", "by"],
    &["regards"],
    &["sincerely"],
    &["thanks"],
    &["cheers"],
    &["attn"],
    &["je", "m'appelle"],
    // Greetings and who to contact: "Hi Tara,", "Reach Omar on ...".
    &["hi"],
    &["hello"],
    &["dear"],
    &["hey"],
    &["hallo"],
    &["liebe"],
    &["lieber"],
    &["bonjour"],
    &["cher"],
    &["chère"],
    &["hola"],
    &["querido"],
    &["querida"],
    &["ciao"],
    &["caro"],
    &["cara"],
    &["beste"],
    &["call"],
    &["reach"],
    &["contact"],
    &["ask"],
    &["tell"],
    &["remind"],
    &["spoke", "to"],
    &["spoke", "with"],
    &["talked", "to"],
    &["met", "with"],
    &["bel"],
    &["rappeler"],
    &["llamar", "a"],
    &["chiamare"],
    &["me", "llamo"],
    &["ich", "heiße"],
    &["mi", "chiamo"],
    // Form labels and the roles people hold in a record: "Name: Ada
    // Quist", "Patient: ...", "Ansprechpartner ...", "Titular: ...".
    &["name"],
    &["naam"],
    &["nom"],
    &["nombre"],
    &["nome"],
    &["contact"],
    &["kontakt"],
    &["ansprechpartner"],
    &["ansprechpartnerin"],
    &["contactpersoon"],
    &["persona", "de", "contacto"],
    &["referente"],
    &["patient"],
    &["patiënt"],
    &["paciente"],
    &["paziente"],
    &["customer"],
    &["kunde"],
    &["kundin"],
    &["klant"],
    &["client"],
    &["cliente"],
    &["employee"],
    &["mitarbeiter"],
    &["mitarbeiterin"],
    &["medewerker"],
    &["empleado"],
    &["empleada"],
    &["dipendente"],
    &["salarié"],
    &["salariée"],
    &["holder"],
    &["inhaber"],
    &["inhaberin"],
    &["titular"],
    &["titolare"],
    &["titulaire"],
    &["passenger"],
    &["passagier"],
    &["pasajero"],
    &["passeggero"],
    &["passager"],
    // Who was there, and who signs: "Attendees: ...", "Mit freundlichen
    // Grüßen, ...".
    &["attendees"],
    &["participants"],
    &["teilnehmer"],
    &["anwesend"],
    &["asistentes"],
    &["aanwezig"],
    &["presenti"],
    &["cc"],
    &["contacto"],
    &["grüßen"],
    &["grüße"],
    &["cordialement"],
    &["salutations"],
    &["groet"],
    &["groeten"],
    &["saludo"],
    &["saludos"],
    &["saluti"],
    &["rang"],
    &["next", "of", "kin"],
    &["noodcontact"],
    &["notfallkontakt"],
    // Who a message, call or complaint came from: "Rückfrage von Wiebke
    // Pfeiffer", "Réclamation de Camille Guillot", "Klacht van ...".
    &["complaint", "from"],
    &["request", "from"],
    &["message", "from"],
    &["rückfrage", "von"],
    &["anfrage", "von"],
    &["nachricht", "von"],
    &["anruf", "von"],
    &["beschwerde", "von"],
    &["reklamation", "von"],
    &["réclamation", "de"],
    &["demande", "de"],
    &["appel", "de"],
    &["plainte", "de"],
    &["incidencia", "de"],
    &["reclamación", "de"],
    &["solicitud", "de"],
    &["llamada", "de"],
    &["reclamo", "di"],
    &["richiesta", "di"],
    &["chiamata", "di"],
    &["klacht", "van"],
    &["verzoek", "van"],
    &["bericht", "van"],
];

/// The last words of [`CUES`]: most words before a capitalised one end no
/// cue, and one lookup says so.
fn cue_ends() -> &'static Lexicon {
    static SET: OnceLock<Lexicon> = OnceLock::new();
    SET.get_or_init(|| Lexicon::new(CUES.iter().filter_map(|cue| cue.last().copied())))
}

fn greetings() -> &'static Lexicon {
    static SET: OnceLock<Lexicon> = OnceLock::new();
    SET.get_or_init(|| Lexicon::new(GREETINGS.iter().copied()))
}

/// Greetings: the capitalised words after one, up to a comma, are a name
/// whether listed or not ("Hi Gust,", "Dear Casimer Trantow,").
const GREETINGS: &[&str] = &[
    "hi", "hello", "dear", "hey", "hallo", "liebe", "lieber", "bonjour", "cher", "chère", "hola",
    "querido", "querida", "ciao", "caro", "cara", "beste", "beeste", "geachte", "gentile",
    "estimado", "estimada", "sehr",
];

/// Words a greeting addresses that are not names.
const ADDRESSED: &[&str] = &[
    "All",
    "Team",
    "Everyone",
    "Everybody",
    "There",
    "Folks",
    "Guys",
    "Sir",
    "Madam",
    "Support",
    "Again",
    "World",
    "Friends",
    "Colleagues",
    "Customer",
    "Customers",
    "Zusammen",
    "Allerseits",
    "Kollegen",
    "Tous",
    "Todos",
    "Tutti",
    "Allemaal",
    "Collega",
    "Colleghi",
    "Herren",
    "Damen",
    "Mesdames",
    "Messieurs",
    "Señores",
    "Signori",
];

/// Nouns that a product's, brand's or plan's name follows, not a person's:
/// "Commande Maison Lavande", "Bestellung Aurora Mini", "Tarif Rose".
const THING_NOUNS: &[&str] = &[
    "Order",
    "Product",
    "Brand",
    "Model",
    "Plan",
    "Commande",
    "Produit",
    "Article",
    "Marque",
    "Modèle",
    "Bestellung",
    "Produkt",
    "Artikel",
    "Marke",
    "Modell",
    "Tarif",
    "Pedido",
    "Producto",
    "Artículo",
    "Marca",
    "Modelo",
    "Ordine",
    "Prodotto",
    "Articolo",
    "Modello",
    "Bestelling",
    "Merk",
    "Abonnement",
];

/// Whether one of [`THING_NOUNS`] stands just before word `i`.
fn after_thing_noun(text: &str, ws: &[Word<'_>], i: usize) -> bool {
    i > 0 && THING_NOUNS.contains(&ws[i - 1].text) && &text[ws[i - 1].end..ws[i].start] == " "
}

/// Degrees and generations written after a name.
const POST_NOMINALS: &[&str] = &[
    "B.Sc.", "B.A.", "B.Eng.", "M.Sc.", "M.A.", "MBA.", "MBA", "Ph.D.", "PhD", "MD", "DDS", "Jr.",
    "Jr", "Sr.", "III", "II", "Esq.",
];

/// What stands between the names of a list: "A, B and C", "A, B und C".
const LIST_LINKS: &[&str] = &[", ", " and ", " und ", " et ", " y ", " en ", " e "];

/// Lower-case particles inside a name: "Jan van der Berg", "María de la Cruz".
pub(super) const PARTICLES: &[&str] = &[
    "van", "der", "den", "de", "la", "le", "du", "da", "di", "del", "della", "dos", "das", "von",
    "zu", "ten", "ter", "y", "bin", "al", "los", "las", "dei", "degli",
];

/// Whether `w` is one of [`PARTICLES`]: one hashed lookup (the words of
/// every run of capitalised words, and the word after, are looked up).
pub(crate) fn is_particle(w: &str) -> bool {
    static SET: OnceLock<Lexicon> = OnceLock::new();
    SET.get_or_init(|| Lexicon::new(PARTICLES.iter().copied()))
        .has_exact(w)
}

/// Words after which a capitalised pair is a thing or a place, not a person:
/// articles, determiners and place prepositions in the supported languages
/// ("the Privacy Policy", "in New Hope", "die Deutsche Bahn", "la Banque
/// Postale", "het Rode Kruis", "nel Regno Unito").
#[rustfmt::skip]
const NOT_BEFORE_NAME: &[&str] = &[
    "the", "a", "our", "your", "their", "its", "this", "that", "these", "those", "my",
    "in", "at", "near", "into", "from", "via", "of",
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "im", "am", "zum", "zur", "vom", "beim", "ins", "nach", "aus", "bei", "unsere", "ihre",
    "le", "la", "les", "l", "du", "des", "au", "aux", "un", "une", "à", "en", "notre", "votre",
    "el", "los", "las", "del", "al", "una", "nuestra", "su",
    "het", "een", "te", "naar", "uit", "onze", "uw",
    "il", "lo", "gli", "i", "uno", "nel", "nella", "dal", "dalla", "alla", "nostra", "vostra",
];

/// Endings of German nouns (capitalised mid-sentence like names):
/// "Rechnung", "Sicherheit", "Gesellschaft", "Station".
const NOUN_ENDINGS: &[&str] = &[
    "ung", "heit", "keit", "schaft", "tion", "sion", "tät", "ment",
];

/// Verbs after which a lone given name is a person: "Tara called".
const AFTER_NAME: &[&str] = &[
    "called",
    "phoned",
    "rang",
    "said",
    "says",
    "wrote",
    "emailed",
    "asked",
    "replied",
    "mentioned",
    "confirmed",
    "visited",
    "complained",
    "requested",
    "paid",
    "signed",
    "agreed",
];

/// Whether only a space separates two words (or ". " after an initial:
/// "John F. Kennedy", but not "Alan. New").
fn joined(text: &str, a: &Word<'_>, b: &Word<'_>) -> bool {
    match &text[a.end..b.start] {
        " " => true,
        ". " => a.text.chars().count() == 1,
        _ => false,
    }
}

/// Name words following `words[i]`: capitalised, next to each other, at most
/// three, none a stop word.
pub(super) fn name_run(text: &str, ws: &[Word<'_>], i: usize) -> usize {
    let initial = |w: &Word<'_>| {
        w.text.len() == 1
            && w.text.chars().all(char::is_uppercase)
            && text[w.end..].starts_with(". ")
    };
    let mut n = 0;
    let mut names = 0;
    while i + n < ws.len() && names < 3 {
        let w = &ws[i + n];
        let adjacent = n == 0 || joined(text, &ws[i + n - 1], w);
        // Neither particles nor a name word go on a run they are not
        // joined to: no lookups then.
        if !adjacent {
            break;
        }
        // Particles, then a capitalised word: "van der Berg".
        let particles = if n > 0 {
            ws[i + n..]
                .iter()
                .take_while(|p| is_particle(p.text))
                .count()
                .min(3)
        } else {
            0
        };
        if particles > 0 {
            let chain = (i + n..=i + n + particles)
                .all(|k| ws.get(k).is_some_and(|x| joined(text, &ws[k - 1], x)));
            let last = ws.get(i + n + particles);
            if chain && last.is_some_and(|l| capitalised(l.text)) {
                n += particles;
                continue;
            }
            break;
        }
        let shaped = capitalised(w.text) || (n > 0 && initial(w));
        if !shaped || (not_a_name(w.text) && !name_despite_word(text, ws, i, n)) {
            break;
        }
        n += 1;
        names += 1;
    }
    // A run does not end on an initial.
    if n > 0 && initial(&ws[i + n - 1]) {
        n -= 1;
    }
    n
}

/// Whether word `i + n`, a street, building or calendar word, is a name
/// here all the same: a surname that ends a name after a listed given name
/// where a list item or the text ends ("Tracey Hall,", "-- Laurie Lane"),
/// or a month that is also a given name before a listed surname that ends
/// there, after a title or a list's comma or colon ("Dr. April Burch",
/// "Present: Ann Lee, June Walsh.").
fn name_despite_word(text: &str, ws: &[Word<'_>], i: usize, n: usize) -> bool {
    let w = &ws[i + n];
    let ends = |k: usize| {
        let rest = &text[ws[k].end..];
        rest.is_empty()
            || rest.starts_with([',', ';', ')', '\n'])
            || rest.starts_with(". ")
            || rest == "."
    };
    if n > 0 {
        return n == 1
            && !CALENDAR.contains(&w.text)
            && !is_org_word(w.text)
            && is_given_name(ws[i].text)
            && is_surname(w.text)
            && ends(i + n);
    }
    let titled =
        i > 0 && is_title(ws[i - 1].text) && matches!(&text[ws[i - 1].end..w.start], " " | ". ");
    let listed = i > 0 && [", ", ": "].iter().any(|p| text[..w.start].ends_with(p));
    (titled || listed)
        && CALENDAR.contains(&w.text)
        && is_given_name(w.text)
        && ws.get(i + 1).is_some_and(|s| {
            joined(text, w, s)
                && capitalised(s.text)
                && is_surname(s.text)
                && !not_a_name(s.text)
                && (titled || ends(i + 1))
        })
}

/// The last word of a surname that starts with particles at word `i`, just
/// after a title: "Dhr. van den Berg" (up to three particles).
fn title_particles(text: &str, ws: &[Word<'_>], i: usize) -> Option<usize> {
    // Every lower-case word comes here: the gap first, the lists last.
    if i == 0
        || !matches!(&text[ws[i - 1].end..ws[i].start], " " | ". ")
        || !is_title(ws[i - 1].text)
        || !is_particle(ws[i].text)
    {
        return None;
    }
    let n = ws[i..]
        .iter()
        .take(3)
        .take_while(|p| is_particle(p.text))
        .count();
    let last = i + n;
    ((i + 1..=last).all(|k| ws.get(k).is_some_and(|x| joined(text, &ws[k - 1], x)))
        && name_shaped(ws[last].text))
    .then_some(last)
}

pub(super) fn find_people(text: &str, ws: &[Word<'_>], out: &mut Vec<Finding>) {
    let has_at = text.contains('@');
    let mut i = 0;
    while i < ws.len() {
        let w = &ws[i];
        // Neither a name nor an initial starts in lower case (most words),
        // but for a surname with its particles after a title: "Dhr. van
        // den Berg", "Herr von Weizsäcker".
        if w.text
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_lowercase)
        {
            if let Some(end) = title_particles(text, ws, i) {
                out.push(Finding {
                    entity: Entity::Person,
                    start: w.start,
                    end: ws[end].end,
                    score: 0.85,
                });
                i = end + 1;
                continue;
            }
            i += 1;
            continue;
        }
        let run = name_run(text, ws, i);
        if run == 0 {
            // Initials before a listed surname: "J. Smith", "A. B. Jones".
            if let Some((start, end)) = initials_surname(text, ws, i) {
                out.push(Finding {
                    entity: Entity::Person,
                    start,
                    end: ws[end].end,
                    score: 0.75,
                });
                i = end + 1;
                continue;
            }
            i += 1;
            continue;
        }
        let after_title = i > 0
            && is_title(ws[i - 1].text)
            && matches!(&text[ws[i - 1].end..w.start], " " | ". ")
            // "M." is also a size or an initial: a common word after it
            // starts a sentence ("Size M. Then ...").
            && (ws[i - 1].text != "M" || !super::proper::stopwords().has(w.text));
        // Last word first: most words before a name end no cue.
        // The cue just before, a space, comma or colon between: not "Hi
        // (EAN ...", not "contact. New address".
        let after_cue = i > 0
            && matches!(text[ws[i - 1].end..w.start].trim(), "" | "," | ":")
            && cue_ends().has(ws[i - 1].text)
            && CUES.iter().any(|cue| {
                cue.len() <= i
                    && cue
                        .iter()
                        .rev()
                        .zip(ws[..i].iter().rev())
                        .all(|(c, w)| w.text.eq_ignore_ascii_case(c))
            });
        // The next name in a list after a name found: "Teilnehmer: Ute
        // Rose, Hermann Kabus-Lehmann und Silva Stadelmann".
        let list_next = out.last().is_some_and(|f: &Finding| {
            f.entity == Entity::Person && f.end <= w.start && {
                // A degree or generation after the name before the link:
                // "Hannah Haering B.Sc., Eitel Wilmsen".
                let gap = &text[f.end..w.start];
                let gap = gap
                    .strip_prefix(' ')
                    .and_then(|g| POST_NOMINALS.iter().find_map(|p| g.strip_prefix(p)))
                    .unwrap_or(gap);
                LIST_LINKS.contains(&gap)
            }
        });
        let last = &ws[i + run - 1];
        if organisation_after(text, ws, i + run - 1) {
            i += run;
            continue;
        }
        let before_verb = ws.get(i + run).is_some_and(|next| {
            &text[last.end..next.start] == " " && AFTER_NAME.contains(&next.text)
        });
        let greeted = greeted(text, ws, i, run);
        // Cheapest evidence first: most capitalised words are none of these.
        let listed = || is_given_name(w.text) || is_surname(w.text);
        // A listed surname ending a run before a verb, after an unlisted
        // word: "Zorvath White called"; a third word before is no part of
        // it ("Customer Zorvath White called").
        let unlisted_then_surname =
            || before_verb && run >= 2 && !listed() && is_surname(last.text) && !after_cue;
        // Any name-shaped pair before a verb naming what a person did:
        // "Moos Kuijpers moved to ...", "Customer Evelien Kuiper called"
        // (a word before the pair that is no given name is no part of it).
        let name_words = ws[i..i + run]
            .iter()
            .filter(|w| !is_particle(w.text))
            .count();
        let shaped_then_verb = || {
            run >= 2
                && verb_after(text, ws, i, run)
                // "Der Kunde hat angerufen": an article is no name.
                && !ws[i..i + run]
                    .iter()
                    .any(|w| !is_particle(w.text) && super::proper::is_common(w.text))
                // "la Banque Postale a confirmé": a thing.
                && !(i > 0
                    && &text[ws[i - 1].end..w.start] == " "
                    && super::proper::is_determiner(ws[i - 1].text))
                && ws[i + usize::from(name_words >= 3)..i + run]
                    .iter()
                    .filter(|w| !is_particle(w.text))
                    .all(|w| name_shaped(w.text))
        };
        if !after_title && !greeted && (unlisted_then_surname() || shaped_then_verb()) {
            let whole = name_words <= 2 || is_given_name(w.text) || after_cue;
            out.push(Finding {
                entity: Entity::Person,
                start: ws[if whole { i } else { i + 1 }].start,
                end: last.end,
                score: 0.85,
            });
            i += run;
            continue;
        }
        let is_name = after_title
            || greeted
            || (run >= 2
                && is_given_name(w.text)
                && !is_title(w.text)
                && !after_thing_noun(text, ws, i))
            || (after_cue
                && (listed()
                    || is_surname(last.text)
                    || (run >= 2
                        && ws[i..i + run]
                            .iter()
                            .filter(|w| !is_particle(w.text))
                            .all(|w| name_shaped(w.text)))
                    || (run == 1 && name_shaped(w.text) && before_number(text, w.end))))
            || (list_next
                && run >= 2
                && ws[i..i + run]
                    .iter()
                    .filter(|w| !is_particle(w.text))
                    .all(|w| name_shaped(w.text)))
            || mid_clause_pair(text, ws, i, run)
            || (before_verb && listed())
            || (has_at && before_own_email(text, ws, i, run))
            || before_phone(text, ws, i, run);
        if is_name {
            // A title or cue, or a listed surname after the given name, is
            // stronger evidence than a given name and any capitalised word.
            let surname = run >= 2 && is_surname(ws[i + run - 1].text);
            let base = if after_title || after_cue || before_verb || surname || greeted {
                0.85
            } else {
                0.6
            };
            out.push(Finding {
                entity: Entity::Person,
                start: w.start,
                end: ws[i + run - 1].end,
                score: base,
            });
            i += run;
        } else {
            i += 1;
        }
    }
}

/// One or two initials from word `i` ("J. ", "A. B. ") and a listed
/// surname: the span's start and the surname's word index.
fn initials_surname(text: &str, ws: &[Word<'_>], i: usize) -> Option<(usize, usize)> {
    let initial = |k: usize| {
        ws.get(k).is_some_and(|w| {
            w.text.len() == 1
                && w.text.chars().all(char::is_uppercase)
                && text[w.end..].starts_with(". ")
                && ws.get(k + 1).is_some_and(|n| n.start == w.end + 2)
        })
    };
    if !initial(i) {
        return None;
    }
    let k = if initial(i + 1) { i + 2 } else { i + 1 };
    let surname = ws.get(k)?;
    (capitalised(surname.text) && is_surname(surname.text) && !not_a_name(surname.text))
        .then_some((ws[i].start, k))
}

/// A word shaped like a name: a capital, then lower-case letters somewhere
/// (not an acronym such as "IBAN" or "EUR"), and not a German noun.
pub(super) fn name_shaped(w: &str) -> bool {
    capitalised(w)
        && w.chars().any(char::is_lowercase)
        && !NOUN_ENDINGS
            .iter()
            .any(|e| w.len() > e.len() + 2 && w.ends_with(e))
        && !not_a_name(w)
        && !ADDRESSED.contains(&w)
        && !is_title(w)
}

/// The pronouns German capitalises to address its reader: "für Ihre
/// Nachricht" is no name.
const FORMAL_PRONOUNS: &[&str] = &[
    "Ihre", "Ihr", "Ihrem", "Ihren", "Ihrer", "Ihres", "Sie", "Ihnen", "Euer", "Eure",
];

/// Two or three name-shaped words inside a clause, right after a lower-case
/// word that is no article or place preposition, and followed by the end,
/// punctuation or a lower-case word: "registered to Ada Quist.", "approved
/// for Baldo Falco;", "Rückruf an Fine Schrader unter". Mid-sentence, a
/// capitalised pair is a proper name; lists and cues tell people from
/// places and things elsewhere, this is the rest.
fn mid_clause_pair(text: &str, ws: &[Word<'_>], i: usize, run: usize) -> bool {
    if !(2..=3).contains(&run) || i == 0 {
        return false;
    }
    let prev = &ws[i - 1];
    let lower_before = prev.text.chars().next().is_some_and(char::is_lowercase)
        && &text[prev.end..ws[i].start] == " "
        && !NOT_BEFORE_NAME.contains(&prev.text);
    let last = &ws[i + run - 1];
    let rest = &text[last.end..];
    let closed = rest.is_empty()
        || rest.starts_with(['.', ',', ';', ':', '!', '?', ')', '\n'])
        || rest
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(|c: char| c.is_lowercase() || c == '('));
    // German's formal "Ihre Nachricht", "Ihr Konto": a pronoun first.
    lower_before
        && closed
        && !FORMAL_PRONOUNS.contains(&ws[i].text)
        && ws[i..i + run]
            .iter()
            .filter(|w| !is_particle(w.text))
            .all(|w| name_shaped(w.text))
}

/// Whether "on", "at" or their translations and a phone number follow `end`:
/// "Reach Aruna on +91...", "Bel Xandra op 06...", "rappeler Zoé au 01...".
fn before_number(text: &str, end: usize) -> bool {
    let rest = text[end..].strip_prefix(' ').unwrap_or("");
    ["on ", "at ", "op ", "au ", "unter ", "al ", "a ", "am "]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '('))
}

/// Whether two or three name-shaped words stand just before a phone
/// number, set apart by a comma, colon, dash or bracket: "Ada Quist, +31 6
/// 1234 5678", "Wiebke Quast: 030 1234567", "Odo Quist (0170 1234567)".
fn before_phone(text: &str, ws: &[Word<'_>], i: usize, run: usize) -> bool {
    if !(2..=4).contains(&run) {
        return false;
    }
    let end = ws[i + run - 1].end;
    let Some(rest) = [", ", ": ", " - ", " (", " – "]
        .iter()
        .find_map(|sep| text[end..].strip_prefix(sep))
    else {
        return false;
    };
    let number: Vec<u8> = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || b" +-()./".contains(b))
        .collect();
    let digits = number.iter().filter(|b| b.is_ascii_digit()).count();
    (rest.starts_with(['+', '(']) || rest.starts_with(|c: char| c.is_ascii_digit()))
        && (7..=15).contains(&digits)
        && ws[i..i + run]
            .iter()
            .filter(|w| !is_particle(w.text))
            .all(|w| name_shaped(w.text))
}

/// What a person did, in the other languages: past tenses ("belde",
/// "llamó", "schrieb") and, after an auxiliary ([`AUXILIARIES`]), past
/// participles ("heeft gebeld", "ha chiamato", "a appelé", "hat
/// angerufen").
#[rustfmt::skip]
const DID: &[&str] = &[
    "belde", "zei", "schreef", "mailde", "vroeg", "betaalde", "tekende", "verhuisde", "meldde",
    "reageerde", "klaagde", "llamó", "escribió", "pidió", "pagó", "firmó", "confirmó",
    "rief", "schrieb", "bat", "zahlte", "bestätigte", "meldete", "appela", "écrivit",
    "gebeld", "geschreven", "gevraagd", "betaald", "getekend", "bevestigd", "gemaild",
    "appelé", "écrit", "demandé", "payé", "signé", "confirmé", "téléphoné", "réclamé",
    "llamado", "escrito", "pedido", "pagado", "firmado", "confirmado", "reclamado",
    "chiamato", "scritto", "chiesto", "pagato", "firmato", "confermato", "telefonato",
    "angerufen", "geschrieben", "gefragt", "bezahlt", "unterschrieben", "bestätigt",
    // Dutch moves after "is" ("is verhuisd naar").
    "verhuisd", "vertrokken",
];

/// English present tenses of a ticket or a note ("Ffion Rahman reports the
/// fault"): things do these too ("Order Status reports"), so one of the
/// words must be a listed given name or surname.
const DOES: &[&str] = &[
    "reports",
    "writes",
    "wants",
    "asks",
    "requests",
    "needs",
    "prefers",
    "complains",
];

/// After a reflexive pronoun (Spanish "se", Italian "si", with "è"): verbs
/// of moving and complaining ("se mudó a", "si è trasferita a").
const REFLEXIVE_DID: &[&str] = &[
    "mudó",
    "trasladó",
    "quejó",
    "casó",
    "trasferito",
    "trasferita",
    "lamentato",
    "lamentata",
];

/// Auxiliaries before a past participle of [`DID`].
const AUXILIARIES: &[&str] = &["heeft", "ha", "a", "hat", "has", "had", "is"];

/// Whether a lower-case verb follows words `i..i + run` that names what a
/// person did: [`AFTER_NAME`], an English past tense ("moved",
/// "reviewed"), or [`DID`] (after an auxiliary if a participle).
fn verb_after(text: &str, ws: &[Word<'_>], i: usize, run: usize) -> bool {
    let last = &ws[i + run - 1];
    let spaced = |a: &Word<'_>, b: &Word<'_>| &text[a.end..b.start] == " ";
    ws.get(i + run).is_some_and(|next| {
        spaced(last, next)
            && (AFTER_NAME.contains(&next.text)
                || DID.contains(&next.text)
                || (DOES.contains(&next.text)
                    && (is_given_name(ws[i].text) || is_surname(last.text)))
                || (AUXILIARIES.contains(&next.text)
                    && ws.get(i + run + 1).is_some_and(|p| {
                        spaced(next, p)
                            && (DID.contains(&p.text)
                                // "has moved", "had called": English.
                                || (next.text.starts_with('h') && english_past(p.text)))
                    }))
                || (matches!(next.text, "se" | "si")
                    && ws[i + run + 1..]
                        .iter()
                        .take(2)
                        .any(|p| REFLEXIVE_DID.contains(&p.text)))
                || english_past(next.text))
    })
}

/// An English past tense or participle by its shape: "moved", "reviewed".
fn english_past(w: &str) -> bool {
    w.len() >= 5 && w.ends_with("ed") && w.chars().all(|c| c.is_ascii_lowercase())
}

/// Whether words `i..i + run` follow a greeting and end at a comma, an
/// exclamation mark, a colon or the end: "Hi Gust,", "Dear Ms Lee:".
fn greeted(text: &str, ws: &[Word<'_>], i: usize, run: usize) -> bool {
    let greeting = i > 0
        && greetings().has(ws[i - 1].text)
        && text[ws[i - 1].end..ws[i].start].trim().is_empty();
    if !greeting {
        return false;
    }
    let end = ws[i + run - 1].end;
    let closed = text[end..].trim_start_matches(' ').is_empty()
        || text[end..].starts_with([',', '!', ':', '\n']);
    closed && !ws[i..i + run].iter().any(|w| ADDRESSED.contains(&w.text))
}

/// Whether an email address whose local part holds one of the words follows
/// words `i..i + run`: "Khalil Torphy <khalil.torphy@example.com>",
/// "Ana Ruiz, ana.ruiz@example.es".
fn before_own_email(text: &str, ws: &[Word<'_>], i: usize, run: usize) -> bool {
    if run < 2 {
        return false; // "Notes <notes@...>": one word is too little
    }
    let end = ws[i + run - 1].end;
    let rest = text[end..].trim_start_matches([' ', ',', '<', '(', ':']);
    if rest.len() + 4 < text.len() - end {
        return false; // more than a few characters between
    }
    let local = rest
        .split(|c: char| c.is_whitespace() || c == '>' || c == ')')
        .next()
        .and_then(|token| token.split_once('@'))
        .map(|(local, _)| local);
    let Some(local) = local.filter(|l| !l.is_empty() && l.len() <= 64) else {
        return false;
    };
    let local = local.as_bytes();
    let has = |part: &[u8]| {
        local
            .windows(part.len())
            .any(|win| win.eq_ignore_ascii_case(part))
    };
    // The first name ("khalil.torphy", "khalilt"), or its initial and the
    // last name ("ktorphy"); role accounts (`notes@`, `support@`) name no one.
    let (first, last) = (ws[i].text.as_bytes(), ws[i + run - 1].text.as_bytes());
    let initial_last = last.len() >= 3
        && local
            .first()
            .is_some_and(|c| c.eq_ignore_ascii_case(&first[0]))
        && has(last);
    first.is_ascii() && ((first.len() >= 3 && has(first)) || initial_last)
}

/// Whether a whole cell is written `SURNAME, Given` (travel and registry
/// exports): the surname in capitals, one or two words of each; the part
/// before the comma is returned, for the caller to check it is no place.
pub(super) fn surname_first_caps(cell: &str) -> Option<&str> {
    let (surname, given) = cell.trim().split_once(", ")?;
    let caps = |w: &str| {
        w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '\'' || c == '-')
    };
    let title = |w: &str| {
        let mut c = w.chars();
        c.next().is_some_and(char::is_uppercase)
            && c.clone().next().is_some()
            && c.all(|c| c.is_lowercase() || c == '\'' || c == '-')
    };
    let sw: Vec<&str> = surname.split(' ').collect();
    let gw: Vec<&str> = given.split(' ').collect();
    let ok = (1..=2).contains(&sw.len())
        && (1..=2).contains(&gw.len())
        && sw.iter().all(|w| caps(w))
        && gw.iter().all(|w| title(w));
    ok.then_some(surname)
}

/// Whether a whole cell is a person's name: one to four capitalised words
/// (initials allowed) including a listed given name, or `Surname, Given`.
pub fn is_name_cell(cell: &str) -> bool {
    let cell = cell.trim();
    // "Russel - Morrison" joins two names into a firm's; a person's
    // double name has its hyphen inside ("Smitham-Wilson").
    if cell.contains(" - ") {
        return false;
    }
    let ws = words(cell);
    if ws.is_empty() || ws.len() > 4 || !ws.iter().all(|w| capitalised(w.text) || w.text.len() == 1)
    {
        return false;
    }
    // Nothing but the words, spaces, initials' periods and one comma.
    let rest = cell
        .chars()
        .filter(|c| !c.is_alphabetic() && !matches!(c, ' ' | '.' | '\'' | '-' | '’'));
    let commas = rest.clone().filter(|&c| c == ',').count();
    if rest.count() != commas || commas > 1 {
        return false;
    }
    let names = ws.iter().filter(|w| w.text.len() > 1);
    names.clone().any(|w| is_given_name(w.text)) && names.clone().all(|w| !not_a_name(w.text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::find_names;

    fn names(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find_names(text, &mut out);
        out.iter()
            .filter(|f| f.entity == Entity::Person)
            .map(|f| &text[f.start..f.end])
            .collect()
    }

    #[test]
    fn street_and_calendar_words_that_are_names() {
        for (text, want) in [
            (
                "Present: Judith Frost, Tracey Hall, Dr Carole Kaur.",
                vec!["Judith Frost", "Tracey Hall", "Carole Kaur"],
            ),
            ("Thanks again! -- Laurie Lane", vec!["Laurie Lane"]),
            ("Dr. April Burch referred the patient", vec!["April Burch"]),
            (
                "Present: Mohammed Lyons, June Walsh, Emma Stephens.",
                vec!["Mohammed Lyons", "June Walsh", "Emma Stephens"],
            ),
        ] {
            assert_eq!(names(text), want, "{text}");
        }
        // Not a street, a building or a date.
        for text in [
            "Meet me at Town Hall, then lunch.",
            "Due June 2024, see you.",
            "The Grace Street office, again.",
        ] {
            assert!(names(text).is_empty(), "{text}: {:?}", names(text));
        }
        assert_eq!(names("Closed in May, Walsh said"), ["Walsh"]);
    }

    #[test]
    fn given_name_and_surname_titles_and_cues() {
        assert_eq!(
            names("Spoke to Maria Gonzalez and Dr. Okafor today."),
            ["Maria Gonzalez", "Okafor"]
        );
        assert_eq!(names("Kind regards, Tom"), ["Tom"]);
        assert_eq!(names("Kind regards,\nTom"), ["Tom"]);
        assert_eq!(names("my name is Olsen"), ["Olsen"]);
        assert_eq!(names("Mme Dubois a appelé"), ["Dubois"]);
        assert_eq!(names("John F. Kennedy flew"), ["John F. Kennedy"]);
        assert_eq!(
            names("ZOË MÜLLER"),
            Vec::<&str>::new(),
            "not listed given name"
        );
        assert_eq!(names("JOHN SMITH paid"), ["JOHN SMITH"]);
        assert_eq!(names("Hi Tara, your parcel ships"), ["Tara"]);
        assert_eq!(names("Tara called twice"), ["Tara"]);
        assert_eq!(names("Reach Omar on 555"), ["Omar"]);
        assert_eq!(
            names("Thanks Alan. New card sent"),
            ["Alan"],
            "a cue, and no run across the full stop"
        );
    }

    #[test]
    fn names_in_lists_signatures_and_after_written_out_titles() {
        assert_eq!(
            names("Participants : Théophile Pierre, Grégoire Besnard et Inès Chrétien."),
            ["Théophile Pierre", "Grégoire Besnard", "Inès Chrétien"]
        );
        assert_eq!(
            names("Mit freundlichen Grüßen, Gertraut Dörr"),
            ["Gertraut Dörr"]
        );
        assert_eq!(names("M. Joly demande l'envoi"), ["Joly"]);
        assert_eq!(
            names("Rückfrage von Wiebke Pfeiffer wegen der Bestellung"),
            ["Wiebke Pfeiffer"]
        );
        assert_eq!(
            names("Réclamation de Camille Guillot sur le produit"),
            ["Camille Guillot"]
        );
        assert_eq!(
            names("Rang Bethan Hargreaves on 07401 130947"),
            ["Bethan Hargreaves"]
        );
        assert_eq!(names("Mevrouw Verhelst vraagt levering"), ["Verhelst"]);
        assert_eq!(
            names("Dhr. van den Eerenbeemt vraagt"),
            ["van den Eerenbeemt"]
        );
        assert_eq!(names("Mag. Nikolina Gratzl übernimmt"), ["Nikolina Gratzl"]);
        assert_eq!(
            names("Teilnehmer: Hannah Haering B.Sc., Eitel Wilmsen und Adina Kensy."),
            ["Hannah Haering", "Eitel Wilmsen", "Adina Kensy"]
        );
        // A brand after "Commande" is no person, though "Belle" is a name.
        assert!(names("Commande Belle Rive annulée, remboursement fait.").is_empty());
        // A list goes on only from a name, and only with name-shaped pairs.
        assert!(names("Rossi, Bianchi e Figli").is_empty());
        assert!(names("Size M. Then we shipped").is_empty());
    }

    #[test]
    fn names_beyond_the_lists_by_their_place_in_the_text() {
        // After a greeting, up to the comma.
        assert_eq!(names("Hi Gust, your parcel ships"), ["Gust"]);
        assert_eq!(
            names("Dear Casimer Trantow, thank you"),
            ["Casimer Trantow"]
        );
        assert_eq!(names("Hallo Wiebke!"), ["Wiebke"]);
        // Before their own email address.
        assert_eq!(
            names("Contact Quorra Vask <quorra.vask@example.com>"),
            ["Quorra Vask"]
        );
        assert_eq!(
            names("Signed up: Tiago Oyelaran, toyelaran@example.org"),
            ["Tiago Oyelaran"]
        );
        // Initials before a surname.
        assert_eq!(
            names("Approved by J. Smith and A. B. Jones"),
            ["J. Smith", "A. B. Jones"]
        );
        assert_eq!(names("See p. 12 and Fig. B. Table"), Vec::<&str>::new());
        // Particles inside a name.
        assert_eq!(
            names("Spoke to Jan van der Berg today"),
            ["Jan van der Berg"]
        );
        assert_eq!(names("Maria de la Cruz paid"), ["Maria de la Cruz"]);
        // Modern given names (SSA lists) and 2010 census surnames.
        assert_eq!(names("Customer Khalil Torphy called"), ["Khalil Torphy"]);
        assert_eq!(names("Verified by Jazlyn Carroll."), ["Jazlyn Carroll"]);
        assert_eq!(names("Rohan Jansen called"), ["Rohan Jansen"]);
        assert_eq!(names("Customer Sarah Smith called"), ["Sarah Smith"]);
        assert_eq!(names("Customer Zorvath White called"), ["Zorvath White"]);
        assert_eq!(names("Zorvath White called"), ["Zorvath White"]);
        assert_eq!(
            names("Merci de rappeler Zorvath Muller au 01"),
            ["Zorvath Muller"]
        );
        assert_eq!(
            names("Client Zorvath de la Cruz called"),
            ["Zorvath de la Cruz"]
        );
        // A cue counts only right before the name.
        assert_eq!(names("Item 5 (EAN 4003370626197)"), Vec::<&str>::new());
        assert_eq!(
            names("Ask the office contact. New address"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn greetings_to_groups_and_words_before_other_addresses_are_not_names() {
        for t in [
            "Hi Team, the build is green",
            "Hello World!",
            "Dear Customer, your order",
            "Hi all, see the Release Notes <notes@example.com>",
            "Reach Support Desk <help@example.com>",
            "in the van der Waals force",
        ] {
            assert!(names(t).is_empty(), "{t}: {:?}", names(t));
        }
    }

    #[test]
    fn ordinary_capitalised_words_are_not_names() {
        for t in [
            "Will you call?",
            "May Day parade",
            "Bill Payment failed",
            "The Grand Hotel",
            "Paris in June",
            "Austin Street 5",
        ] {
            assert!(names(t).is_empty(), "{t}: {:?}", names(t));
        }
    }

    #[test]
    fn overlapping_places_become_one_span() {
        // Found by the detect fuzz target: the ZIP's last digits read as the
        // next address's house number.
        let text = "at 12 Elm St, Springfield, IL 62712 Elm St04; done";
        let mut found = Vec::new();
        find_names(text, &mut found);
        assert!(
            found.windows(2).all(|w| w[0].end <= w[1].start),
            "{found:?}"
        );
        let spans: Vec<&str> = found.iter().map(|f| &text[f.start..f.end]).collect();
        assert!(
            spans.iter().any(|s| s.contains("62712 Elm St")),
            "{spans:?}"
        );
    }

    #[test]
    fn companies_named_after_people_are_not_people() {
        for t in [
            "Farrell Group",
            "invoice from Miller and Partners",
            "Schmidt & Sons GmbH",
            "Rossi SpA, Milano",
            "paid to John Smith LLC",
        ] {
            assert!(names(t).is_empty(), "{t}: {:?}", names(t));
        }
        assert_eq!(names("Mary Miller wrote to Acme Group"), ["Mary Miller"]);
        assert!(!is_name_cell("Farrell Group"));
    }

    #[test]
    fn whole_cells() {
        assert!(is_name_cell("Ann Lee"));
        assert!(is_name_cell("Smith, John"));
        assert!(is_name_cell("Mary J. Blige"));
        assert!(is_name_cell("Patricia"));
        assert!(!is_name_cell("Acme Corp"));
        assert!(!is_name_cell("ann lee"));
        assert!(!is_name_cell("Order 5"));
        assert!(!is_name_cell("June Street"));
        // Two names joined by a free-standing dash: a firm's name.
        assert!(!is_name_cell("James - Ryan"));
        assert!(is_name_cell("Mary Smitham-Wilson"));
        assert_eq!(surname_first_caps("GONZALES, Sunday"), Some("GONZALES"));
        assert_eq!(surname_first_caps("VAN DIJK, Anna Maria"), Some("VAN DIJK"));
        assert_eq!(surname_first_caps("Gonzales, Sunday"), None);
        assert_eq!(surname_first_caps("NASA, Houston TX"), None);
    }

    #[test]
    fn unlisted_names_by_their_shape_in_a_clause() {
        // A capitalised pair inside a clause, after a lower-case word.
        assert_eq!(names("Device registered to Odo Quist."), ["Odo Quist"]);
        assert_eq!(
            names("Refund approved for Baldo Falco; card ending 12"),
            ["Baldo Falco"]
        );
        assert_eq!(
            names("Rückruf an Fine Schrader unter 0301234"),
            ["Fine Schrader"]
        );
        assert_eq!(names("gecontroleerd voor Pola Bosch."), ["Pola Bosch"]);
        assert_eq!(names("Vielen Dank von Vik de Groot"), ["Vik de Groot"]);
        assert_eq!(names("Zorvath de la Cruz called"), ["Zorvath de la Cruz"]);
        // Before a verb naming what a person did.
        assert_eq!(
            names("Address confirmed: Moos Kuijpers moved to Ede."),
            ["Moos Kuijpers"]
        );
        assert_eq!(
            names("Customer Evelien Kuiper called from home"),
            ["Evelien Kuiper"]
        );
        // ... in the other languages too.
        assert_eq!(
            names("Wietske Hoogendijk belde terug"),
            ["Wietske Hoogendijk"]
        );
        assert_eq!(
            names("Ansgar Pfleiderer hat angerufen"),
            ["Ansgar Pfleiderer"]
        );
        assert_eq!(
            names("Oriane Lemarchal a appelé hier"),
            ["Oriane Lemarchal"]
        );
        assert_eq!(names("Nerea Urquiza llamó ayer"), ["Nerea Urquiza"]);
        assert_eq!(
            names("Aurelio Bracciolini ha chiamato"),
            ["Aurelio Bracciolini"]
        );
        assert_eq!(names("Der Kunde hat angerufen"), Vec::<&str>::new());
        assert_eq!(names("Service Client a appelé"), Vec::<&str>::new());
        // After a cue word, unlisted: "Bel Xandra Otten op ...".
        assert_eq!(names("Bel Xandra Otten op 06"), ["Xandra Otten"]);
        assert_eq!(
            names("Bel Roan van der Meulen op 06"),
            ["Roan van der Meulen"]
        );
        assert_eq!(names("Reach Xandra on +31 6 1234"), ["Xandra"]);
        // After a form label or a role.
        assert_eq!(names("Name: Xandra Otten"), ["Xandra Otten"]);
        assert_eq!(
            names("Ansprechpartnerin: Wiebke Quast, Tel. 030"),
            ["Wiebke Quast"]
        );
        assert_eq!(names("Titular: Zorvath de la Cruz"), ["Zorvath de la Cruz"]);
        assert_eq!(names("Patient Odo Quist, geb. 1970"), ["Odo Quist"]);
        // Before a phone number.
        assert_eq!(names("Zorvath Quist, +31 6 1234 5678"), ["Zorvath Quist"]);
        assert_eq!(names("Wiebke Quast: 030 1234567"), ["Wiebke Quast"]);
        assert_eq!(names("Odo van Quist (0170 1234567)"), ["Odo van Quist"]);
        assert_eq!(names("Reach Support at 555-0100"), Vec::<&str>::new());
    }

    #[test]
    fn capitalised_things_inside_a_clause_are_not_names() {
        for t in [
            "read the Privacy Policy today",
            "we moved in New Hope",
            "sent via Deutsche Post, tracked",
            "die Deutsche Bahn kam zu spät",
            "la Banque Postale a confirmé",
            "paid in EUR NOW",
            "eine neue Rechnung Nummer folgt",
            "bitte Zahlung Bestätigung senden",
            "approved for Acme Holdings today",
            "sent to Customer Service.",
            "Customer Service: open",
            "client Acme Holdings paid",
            "Name: Support Team",
            "Customer Service: 0800 123 4567",
            "Head Office, 020 7946 0958",
            "Opening Hours: 9-17",
            "sent on Monday March 3",
        ] {
            assert!(names(t).is_empty(), "{t}: {:?}", names(t));
        }
    }
}
