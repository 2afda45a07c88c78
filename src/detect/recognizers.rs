//! The recognizer table: one regex each (all run in a single pass) and the
//! check (in `checks.rs`) that accepts, trims or rejects each candidate.

use super::checks::*;
use super::cues::*;
use super::ids;
use super::Entity;

/// A candidate check: given the whole text and a candidate span, return the
/// span to report (possibly trimmed) or `None` to reject it.
pub(super) type Check = fn(&str, usize, usize) -> Option<(usize, usize)>;

pub(super) struct Recognizer {
    pub entity: Entity,
    pub pattern: &'static str,
    pub check: Check,
    /// When the check rejects a candidate, search on from its end rather
    /// than its next byte: for patterns that run through anything but white
    /// space, where restarting inside would rescan the rest each time.
    pub skip_rejected: bool,
}

/// Month names of the other five languages, written out (German with
/// Austria's "Jänner", French and Spanish also without accents).
const MONTHS_INTL: &str = "januar|j(?:ä|ae)nner|februar|m(?:ä|ae)rz|mai|juni|juli|oktober|dezember|janvier|f(?:é|e)vrier|mars|avril|juin|juillet|ao(?:û|u)t|septembre|octobre|novembre|d(?:é|e)cembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|se(?:p)?tiembre|octubre|noviembre|diciembre|januari|februari|maart|mei|augustus|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre";

const MONTHS: &str = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

/// In priority order: where two recognizers match at the same place, the
/// earlier wins (an email is not also a URL; a card is not also a phone).
///
/// Repetitions that can run on through ordinary text (an email's local part,
/// a domain's labels) are bounded: a rejected candidate is searched again
/// from its next byte, and an unbounded pattern would make each of those
/// searches run to the end of a long run like `1.1.1.1...` (quadratic).
pub(super) fn recognizers() -> Vec<Recognizer> {
    let months = |p: &str| p.replace("MONTHS", MONTHS);
    vec![
        Recognizer {
            entity: Entity::EmailAddress,
            pattern: r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?){0,8}\.[A-Za-z][A-Za-z0-9\-]{0,61}[A-Za-z0-9]",
            check: email,
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::ApiKey,
            pattern: concat!(
                r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b",
                r"|\bgh[pousr]_[A-Za-z0-9]{36,255}\b|\bgithub_pat_[A-Za-z0-9_]{22,255}\b",
                r"|\bglpat-[A-Za-z0-9_\-]{20,}|\bxox[abposr]-[A-Za-z0-9\-]{10,}",
                r"|\b[srp]k_(?:live|test)_[A-Za-z0-9]{16,}\b",
                r"|\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}",
                r"|\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}",
                r"|-----BEGIN [A-Z ]*PRIVATE KEY-----(?s:.)*?-----END [A-Z ]*PRIVATE KEY-----",
            ),
            check: api_key,
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::Url,
            pattern: r#"(?i:https?://|ftp://|www\.)[^\s<>"'`]+"#,
            check: url,
            skip_rejected: true,
        },
        Recognizer {
            entity: Entity::Crypto,
            pattern: r"\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\b|\b(?:bc1|BC1)[02-9ac-hj-np-zAC-HJ-NP-Z]{11,71}\b|\b0x[0-9a-fA-F]{40}\b",
            check: crypto,
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::IbanCode,
            // Either case: mod 97 tells an IBAN from a word.
            pattern: r"\b(?:[A-Z]{2}|[a-z]{2})[0-9]{2}(?:[ \-]?[A-Za-z0-9]{4}){2,7}(?:[ \-]?[A-Za-z0-9]{1,4})?\b",
            check: iban,
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::ItFiscalCode,
            pattern: r"\b[A-Za-z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPR-Ta-ehlmpr-t][0-9LMNPQRSTUV]{2}[A-Za-z][0-9LMNPQRSTUV]{3}[A-Za-z]\b",
            check: |t, s, e| compact_check(t, s, e, ids::it_fiscal_code),
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::UkNino,
            pattern: r"\b[A-Za-z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-Da-d]\b",
            check: |t, s, e| compact_check(t, s, e, ids::uk_nino),
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::EsNie,
            pattern: r"\b[XYZxyz]-?[0-9]{7}-?[A-Za-z]\b",
            check: |t, s, e| compact_check(t, s, e, ids::es_nie),
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::EsNif,
            pattern: r"\b[0-9]{7,8}-?[A-Za-z]\b",
            check: |t, s, e| compact_check(t, s, e, ids::es_nif),
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::SgNricFin,
            pattern: r"\b[STFG][0-9]{7}[A-Z]\b",
            check: |t, s, e| compact_check(t, s, e, ids::sg_nric),
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::FrNir,
            pattern: r"\b[1278] ?[0-9]{2} ?(?:0[1-9]|1[0-2]|[2-9][0-9]) ?(?:[0-9]{2}|2[AB]) ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}\b",
            check: |t, s, e| compact_check(t, s, e, ids::fr_nir),
            skip_rejected: false,
        },
        // Bare numbers, where a word before them names the identifier.
        // A day, a month named in German, French, Spanish, Dutch or Italian
        // and a year: "6. Mai 1942", "1er mars 1980", "4 de diciembre de
        // 1991", "12 maart 1966". The year is required: "3 mars" alone is
        // more often a delivery than a birth.
        Recognizer {
            entity: Entity::DateTime,
            pattern: leak(
                r"(?i:\b[0-9]{1,2}(?:\.|er|º)? (?:de )?(?:MONTHS) (?:de |del )?[0-9]{4}\b)"
                    .replace("MONTHS", MONTHS_INTL),
            ),
            check: not_inside_word,
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::UkNhs,
            pattern: r"\b[0-9]{3}[ \-]?[0-9]{3}[ \-]?[0-9]{4}\b",
            check: |t, s, e| cued_check(t, s, e, NHS_CUES, ids::uk_nhs),
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::NlBsn,
            pattern: r"\b[0-9]{4}\.?[0-9]{2}\.?[0-9]{3}\b",
            check: |t, s, e| cued_check(t, s, e, BSN_CUES, ids::nl_bsn),
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::DeTaxId,
            pattern: r"\b[0-9]{2} ?[0-9]{3} ?[0-9]{3} ?[0-9]{3}\b",
            check: |t, s, e| cued_check(t, s, e, DE_TAX_CUES, ids::de_tax_id),
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::AuTfn,
            pattern: r"\b[0-9]{3} ?[0-9]{3} ?[0-9]{2,3}\b",
            check: |t, s, e| cued_check(t, s, e, TFN_CUES, ids::au_tfn),
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::AuMedicare,
            pattern: r"\b[2-6][0-9]{3} ?[0-9]{5} ?[0-9]{1,2}\b",
            check: |t, s, e| cued_check(t, s, e, MEDICARE_CUES, ids::au_medicare),
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::AbaRoutingNumber,
            pattern: r"\b[0-9]{9}\b",
            check: |t, s, e| cued_check(t, s, e, ABA_CUES, ids::aba_routing),
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::CaSin,
            pattern: r"\b[0-9]{9}\b",
            check: |t, s, e| cued_check(t, s, e, SIN_CUES, ids::ca_sin),
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::InAadhaar,
            pattern: r"\b[2-9][0-9]{11}\b",
            check: |t, s, e| cued_check(t, s, e, AADHAAR_CUES, ids::in_aadhaar),
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::UsItin,
            pattern: r"\b9[0-9]{8}\b",
            check: |t, s, e| cued_check(t, s, e, ITIN_CUES, ids::us_itin),
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::UsSsn,
            pattern: r"\b[0-9]{9}\b",
            check: |t, s, e| cued_check(t, s, e, SSN_CUES, ssn_digits_ok),
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::CreditCard,
            pattern: r"\b[0-9]{4}(?:[ \-|]?[0-9]{3,6}){1,4}\b",
            check: credit_card,
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::MacAddress,
            pattern: r"\b(?:[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})\b",
            check: mac,
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::IpAddress,
            pattern: r"\b(?:[0-9]{1,3}\.){3}[0-9]{1,3}\b(?:/[0-9]{1,3})?",
            check: ipv4,
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::IpAddress,
            pattern: r"(?:[0-9A-Fa-f]{0,4}:){2,8}(?:(?:[0-9]{1,3}\.){3}[0-9]{1,3}|[0-9A-Fa-f]{1,4})?(?:%[0-9A-Za-z]+)?(?:/[0-9]{1,4})?",
            check: ipv6,
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::UsSsn,
            pattern: r"\b[0-9]{3}[\-. ][0-9]{2}[\-. ][0-9]{4}\b",
            check: us_ssn,
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::UsItin,
            pattern: r"\b9[0-9]{2}[\-. ][0-9]{2}[\-. ][0-9]{4}\b",
            check: |t, s, e| separated_check(t, s, e, ids::us_itin),
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::CaSin,
            pattern: r"\b[0-9]{3}[ \-][0-9]{3}[ \-][0-9]{3}\b",
            // After a phone word and no SIN word, a Spanish or Italian phone
            // that happens to pass Luhn: "tel. 673 519 773".
            check: |t, s, e| {
                (!cued(t, s, PHONE_CUES) || cued(t, s, SIN_CUES))
                    .then(|| separated_check(t, s, e, ids::ca_sin))
                    .flatten()
            },
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::InAadhaar,
            pattern: r"\b[2-9][0-9]{3}[ \-:][0-9]{4}[ \-:][0-9]{4}\b",
            check: |t, s, e| separated_check(t, s, e, ids::in_aadhaar),
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::DateTime,
            pattern: r"\b[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?(?:Z|[+\-][0-9]{2}:?[0-9]{2})?)?",
            check: iso_date,
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::DateTime,
            pattern: r"\b[0-9]{1,4}[/.\-][0-9]{1,2}[/.\-][0-9]{2,4}\b|\b[0-9]{1,2}/[0-9]{4}\b",
            check: numeric_date,
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::DateTime,
            // A month name before a day or a year is written once: each
            // copy of the names is ~100 automaton states to build at
            // start-up. Where the name ends is never in doubt (a `.`, space
            // or `-` follows it), so the shared prefix changes no match.
            pattern: leak(months(
                r"(?i:\b[0-9]{1,2}(?:st|nd|rd|th)?[ \-](?:MONTHS)\.?(?:,?[ \-][0-9]{4}\b|\b)|\b(?:MONTHS)\.?[ \-](?:[0-9]{1,2}(?:st|nd|rd|th)?(?:,?[ \-][0-9]{4})?\b|[0-9]{4}\b))",
            )),
            check: not_inside_word,
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::UkNhs,
            pattern: r"\b[0-9]{3} [0-9]{3} [0-9]{4}\b",
            // Uncued, `0xx xxx xxxx` is a phone number with its trunk 0 (NHS
            // numbers in England and Wales start 4 to 7).
            check: |t, s, e| {
                let phone_like = t.as_bytes()[s] == b'0' && !cued(t, s, NHS_CUES);
                if phone_like {
                    None
                } else {
                    separated_check(t, s, e, ids::uk_nhs)
                }
            },
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::PhoneNumber,
            // The country code after `+`, after the international prefix
            // `00` that most of Europe dials (`0049 89 2114525`), or in
            // brackets (`(+49) 89 2114525`).
            pattern: r"(?:\+[1-9][0-9]{0,3}|\b00[1-9][0-9]{0,3}|\(\+[1-9][0-9]{0,3}\))(?:[ .\-]?(?:\([0-9]{1,4}\)|[0-9]{1,6})){1,6}\b",
            check: phone_international,
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::PhoneNumber,
            // An extension may follow: `(415)555-0132x12`, `... ext. 12`.
            pattern: r"(?:\b[0-9]{1,3}[ .\-])?(?:\([0-9]{3}\)[ .\-]?|\b[0-9]{3}[ .\-])[0-9]{3}[ .\-][0-9]{4}(?: ?(?:x|ext\.?|extn\.?) ?[0-9]{1,6})?\b",
            check: phone_nanp,
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::PhoneNumber,
            // A trunk 0 and an area code, maybe in brackets: `020 7946
            // 0958`, `(02) 9876 5432`, `030/123456`, `06-12345678`.
            // The area code may stand apart (`030 / 1234567`, `06 - 12 34
            // 56 78`); Belgians group with dots after it (`0470/12.34.56`)
            // or write a space after the slash (`02/ 799 27 10`); Dutch
            // a dash after the brackets (`(071)-5112629`).
            pattern: r"(?:\(0[1-9][0-9]{0,3}\)[ \-]?|\b0[1-9][0-9]{0,3}(?: / | - |/ |[ \-/])?)[0-9]{2,4}(?:[ \-.]?[0-9]{2,4}){1,3}\b",
            check: phone_trunk,
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::PhoneNumber,
            // National numbers without a trunk 0, in the groups their
            // countries write them in: Spain 3-2-2-2, 3-3-3 and 2-3-2-2,
            // Italian mobiles (3xx) 3-3-3, 3-3-4 and 3-4-4, Singapore 4-4,
            // Indian mobiles 5-5, toll-free 1800 (AU, IN, SG). Italian
            // mobiles are also written 3-7 (`347 6535693`, `347/6535693`),
            // French numbers in pairs with dots (`04.83.44.77.77`).
            pattern: concat!(
                r"\b[6-9][0-9]{2} [0-9]{2} [0-9]{2} [0-9]{2}\b|\b[6-9][0-9]{2} [0-9]{3} [0-9]{3}\b",
                r"|\b9[1-8] [0-9]{3} [0-9]{2} [0-9]{2}\b",
                r"|\b3[0-9]{2}[ \-][0-9]{3,4}[ \-][0-9]{3,4}\b",
                r"|\b3[0-9]{2}[ /\-][0-9]{6,7}\b",
                r"|\b0[1-9](?:\.[0-9]{2}){4}\b",
                r"|\b[3689][0-9]{3}[ \-][0-9]{4}\b",
                r"|\b[6-9][0-9]{4}[ \-][0-9]{5}\b",
                r"|\b1800[ \-][0-9]{2,3}[ \-][0-9]{3,4}\b",
            ),
            check: phone_national,
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::PhoneNumber,
            // Digits alone: a phone number after a word naming one, after
            // a contact's name, or with a trunk 0 and a national length.
            pattern: r"\b[0-9]{8,12}\b",
            check: phone_bare,
            skip_rejected: false,
        },
        // Identity documents: no check digit that all countries share, so
        // a word naming the document must stand before the number.
        Recognizer {
            entity: Entity::UsPassport,
            // ICAO 9303 document numbers: up to 9 letters and digits (a
            // German one takes letters from CFGHJKLMNPRTVWXYZ anywhere, a
            // Dutch one starts with two letters).
            // Bare numbers shorter than six digits are no candidates (every
            // number in a text would be one).
            pattern: r"\b(?:[0-9][0-9A-Z]{5,9}|[A-Z][A-Z0-9]{0,7}[0-9][0-9A-Z]{0,8})\b",
            check: |t, s, e| document(t, s, e, PASSPORT_CUES, 6, 10, 2),
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::UsDriverLicense,
            pattern: r"\b(?:[0-9][0-9A-Z]{4,16}|[A-Z]{1,5}[0-9][0-9A-Z]{2,16})(?:-[0-9A-Z]{2,12}){0,3}\b",
            check: |t, s, e| document(t, s, e, DL_CUES, 5, 20, 4),
            skip_rejected: false,
        },
        Recognizer {
            entity: Entity::Url,
            pattern: r#"\b(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.){1,8}(?i:com|org|net|edu|gov|mil|int|info|biz|io|co|ai|app|dev|me|tv|eu|uk|us|ca|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|pt|ie|il|in|jp|cn|au|nz|br|mx|ru|za|kr|sg|hk|tw)\b(?:[/?#][^\s<>"'`]*)?"#,
            check: url,
            skip_rejected: false,
        },
    ]
}

/// Patterns are built once per process; a leaked string keeps the table static.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}
