//! How sure a finding is: a base score for what the recognizer checked, moved
//! up by words before it that name the entity ("card 4111 ...") and down by
//! words that name something else ("order 415-555-0132").

use super::cues::{
    cued, AADHAAR_CUES, ABA_CUES, BSN_CUES, DE_TAX_CUES, DL_CUES, ITIN_CUES, MEDICARE_CUES,
    NHS_CUES, PASSPORT_CUES, PHONE_CUES, SIN_CUES, SSN_CUES, TFN_CUES,
};
use super::Entity;

/// What the recognizer alone establishes: a check digit is strong evidence,
/// a shape alone is weaker.
pub(super) fn base(entity: Entity) -> f64 {
    use Entity::*;
    match entity {
        CreditCard | IbanCode | UkNhs | NlBsn | DeTaxId | EsNif | EsNie | FrNir | ItFiscalCode
        | InAadhaar | SgNricFin | CaSin | AuTfn | AuMedicare | AbaRoutingNumber | Crypto => 0.9,
        EmailAddress | ApiKey => 0.9,
        MacAddress | UkNino => 0.8,
        IpAddress => 0.75,
        UsSsn | UsItin => 0.7,
        PhoneNumber | DateTime | Url => 0.6,
        Person => 0.7,
        Location | UsPassport | UsDriverLicense | UsBankNumber => 0.5,
        Custom(_) => 0.85,
    }
}

/// Words that name the entity when they stand just before it.
fn naming_words(entity: Entity) -> &'static [&'static str] {
    use Entity::*;
    match entity {
        EmailAddress => &["email", "e-mail", "mail", "contact", "courriel", "correo"],
        PhoneNumber => PHONE_CUES,
        CreditCard => &[
            "card",
            "visa",
            "mastercard",
            "amex",
            "credit",
            "debit",
            "paid",
        ],
        IbanCode => &["iban", "account", "bank", "transfer", "konto", "compte"],
        IpAddress => &["ip", "login", "from", "server", "host", "address"],
        MacAddress => &["mac", "device", "hardware"],
        Url => &["url", "visit", "site", "link", "website"],
        DateTime => &[
            "born", "dob", "birth", "date", "on", "since", "geboren", "née",
        ],
        UsSsn => SSN_CUES,
        UsItin => ITIN_CUES,
        UkNhs => NHS_CUES,
        NlBsn => BSN_CUES,
        DeTaxId => DE_TAX_CUES,
        AuTfn => TFN_CUES,
        AuMedicare => MEDICARE_CUES,
        AbaRoutingNumber => ABA_CUES,
        CaSin => SIN_CUES,
        InAadhaar => AADHAAR_CUES,
        UsPassport => PASSPORT_CUES,
        UsDriverLicense => DL_CUES,
        UkNino => &["nino", "national insurance", "ni"],
        Crypto => &["wallet", "btc", "bitcoin", "eth", "address"],
        ApiKey => &["key", "token", "secret", "password"],
        _ => &[],
    }
}

/// Words that say a number is something else.
const OTHER_NUMBERS: &[&str] = &[
    "order",
    "invoice",
    "ref",
    "reference",
    "sku",
    "tracking",
    "ticket",
    "version",
    "build",
    "release",
    "po",
    "item",
    "product",
    "serial",
    "batch",
    "case",
];

/// The score of a finding of `entity` at `start` in `text`, from the
/// recognizer's own, in 0.05 to 1.00, two decimals.
pub(super) fn score(entity: Entity, text: &str, start: usize, recognizer: f64) -> f64 {
    let mut score = recognizer;
    if cued(text, start, naming_words(entity)) {
        score += 0.1;
    }
    let numeric = !matches!(
        entity,
        Entity::EmailAddress | Entity::Url | Entity::Person | Entity::Location | Entity::ApiKey
    );
    if numeric && cued(text, start, OTHER_NUMBERS) {
        score -= 0.3;
    }
    (score.clamp(0.05, 1.0) * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_moves_the_score() {
        let phone = base(Entity::PhoneNumber);
        let plain = score(Entity::PhoneNumber, "x 415-555-0132", 2, phone);
        let named = score(Entity::PhoneNumber, "call 415-555-0132", 5, phone);
        let other = score(Entity::PhoneNumber, "order 415-555-0132", 6, phone);
        assert!(named > plain && plain > other, "{named} {plain} {other}");
        assert_eq!(
            score(Entity::CreditCard, "card 4111111111111111", 5, 0.9),
            1.0
        );
    }
}
