//! Words that name an identifier when they stand just before it ("BSN",
//! "Reisepass", "tel."), and the look-back that finds them.

pub(super) const NHS_CUES: &[&str] = &["nhs"];
pub(super) const BSN_CUES: &[&str] = &["bsn", "burgerservicenummer", "sofinummer"];
pub(super) const DE_TAX_CUES: &[&str] = &[
    "steuer-id",
    "steuerid",
    "idnr",
    "steuer-identifikationsnummer",
    "identifikationsnummer",
    "tax id",
];
pub(super) const TFN_CUES: &[&str] = &["tfn", "tax file number"];
pub(super) const MEDICARE_CUES: &[&str] = &["medicare"];
pub(super) const ABA_CUES: &[&str] = &["routing", "aba", "rtn"];
pub(super) const SIN_CUES: &[&str] = &["sin", "nas", "social insurance"];
pub(super) const AADHAAR_CUES: &[&str] = &["aadhaar", "aadhar"];
pub(super) const ITIN_CUES: &[&str] = &["itin"];
pub(super) const SSN_CUES: &[&str] = &["ssn", "social security"];
pub(super) const PHONE_CUES: &[&str] = &[
    "phone",
    "telephone",
    "tel",
    "call",
    "mobile",
    "mob",
    "cell",
    "fax",
    "sms",
    "whatsapp",
    "téléphone",
    "tél",
    "portable",
    "telefon",
    "handy",
    "mobil",
    "mobilnummer",
    "telefonnummer",
    "rufnummer",
    "teléfono",
    "telefono",
    "móvil",
    "movil",
    "celular",
    "cellulare",
    "telefoon",
    "telefoonnummer",
    "mobiel",
    "bel",
    // Abbreviations and the words of the other languages: "GSM" (Belgium),
    // "Tfno." and "Telf." (Spain), "Fon" (Germany), "cel." (Italy).
    "gsm",
    "tfno",
    "telf",
    "tlf",
    "fon",
    "cel",
    "natel",
    "portatile",
    // Who to reach: a bare number in their clause is a phone
    // ("Emergency contact Ann Lee (9195525851)").
    "contact",
    "kontakt",
    "contacto",
    "contatto",
    "contactpersoon",
    "noodcontact",
    "notfallkontakt",
];
/// Words that introduce someone to reach, before their name and a comma:
/// "Next of kin: Ann Lee, 01174960590" (the words of [`PHONE_CUES`] too).
pub(super) const CONTACT_CUES: &[&str] = &[
    "kin",
    "emergency",
    "emergencia",
    "emergenza",
    "urgence",
    "notfall",
    "noodgeval",
];

/// Words that say a bare run of digits is a number of something else: an
/// order, an account, a customer ("Kundennr. 0123456789").
pub(super) const OTHER_NUMBER_CUES: &[&str] = &[
    "order",
    "invoice",
    "ref",
    "reference",
    "ticket",
    "batch",
    "serial",
    "sku",
    "tracking",
    "account",
    "konto",
    "kto",
    "kontonummer",
    "iban",
    "nr",
    "no",
    "number",
    "nummer",
    "numéro",
    "número",
    "numero",
    "id",
    "kundennr",
    "kundennummer",
    "customer",
    "client",
    "auftrag",
    "rechnung",
    "bestellung",
    "commande",
    "facture",
    "pedido",
    "factura",
    "bestelling",
    "factuur",
    "ordine",
    "fattura",
    "case",
    "item",
    "product",
    "code",
];

pub(super) const PASSPORT_CUES: &[&str] = &[
    "passport",
    "passports",
    "reisepass",
    "reisepassnummer",
    "passnummer",
    "pass-nr",
    "passeport",
    "pasaporte",
    "paspoort",
    "paspoortnummer",
    "passaporto",
    "passaporte",
    // Run together with their "number": "Paspoortnr.", "Reisepassnr".
    "passnr",
    "reisepassnr",
    "paspoortnr",
    "pasaportenr",
    "passportno",
    // Other words for the same document.
    "travel document",
    "reisedokument",
    "reisdocument",
    "documento de viaje",
    "documento di viaggio",
    "document de voyage",
];
pub(super) const DL_CUES: &[&str] = &[
    "dl",
    "driver's license",
    "drivers license",
    "driver license",
    "driver's licence",
    "drivers licence",
    "driver licence",
    "driving licence",
    "driving license",
    "führerschein",
    "führerscheinnummer",
    "fuehrerschein",
    "permis de conduire",
    "permiso de conducir",
    "carnet de conducir",
    "licencia de conducir",
    "rijbewijs",
    "rijbewijsnummer",
    "patente",
];

/// Whether one of `cues` (lower-case words; several separated by a space or
/// hyphen) stands in the few words before `s`, in the same clause.
pub(super) fn cued(text: &str, s: usize, cues: &[&str]) -> bool {
    let mut buf: [&[u8]; 20] = [&[]; 20];
    let words = clause_words(text, s, &mut buf);
    !words.is_empty()
        && cues.iter().any(|cue| {
            let parts = 1 + cue.bytes().filter(|&c| c == b' ' || c == b'-').count();
            words.windows(parts).any(|ws| {
                ws.iter()
                    .zip(cue.split([' ', '-']))
                    .all(|(w, c)| w.eq_ignore_ascii_case(c.as_bytes()))
            })
        })
}

/// The words in the 40 bytes before `s`, in the clause `s` is in: "order 5,
/// call 415-555-0132" (the full stop of an abbreviation ends none:
/// "Passport No. X123"). On the stack: 40 bytes hold at most 20 words.
/// Non-ASCII bytes are letters ("Führerschein").
pub(super) fn clause_words<'t, 'b>(
    text: &'t str,
    s: usize,
    buf: &'b mut [&'t [u8]; 20],
) -> &'b [&'t [u8]] {
    let b = text.as_bytes();
    let from = s.saturating_sub(40);
    let clause = (from..s)
        .rev()
        .find(|&i| match b[i] {
            b',' | b';' | b'!' | b'?' | b'\n' | b'|' => true,
            b'.' => !abbreviation_before(b, i),
            _ => false,
        })
        .map_or(from, |i| i + 1);
    let mut n = 0;
    for w in b[clause..s].split(|&c| !c.is_ascii_alphanumeric() && c != b'\'' && c < 0x80) {
        if !w.is_empty() && n < buf.len() {
            buf[n] = w;
            n += 1;
        }
    }
    &buf[..n]
}

/// Whether the word ending at `dot` is one that is abbreviated with a full
/// stop before a number: "No.", "Nr.", "Núm.", "Tel.", "v.".
fn abbreviation_before(b: &[u8], dot: usize) -> bool {
    let start = b[..dot]
        .iter()
        .rposition(|&c| !c.is_ascii_alphabetic() && c < 0x80)
        .map_or(0, |i| i + 1);
    let word = &b[start..dot];
    [
        "no",
        "nr",
        "n",
        "nos",
        "num",
        "núm",
        "tel",
        "v",
        "ver",
        "vers",
        "passnr",
        "reisepassnr",
        "paspoortnr",
        "pasaportenr",
        "passportno",
        "mob",
        "tfno",
        "telf",
        "tlf",
        "cel",
        "tél",
    ]
    .iter()
    .any(|a| word.eq_ignore_ascii_case(a.as_bytes()))
}
