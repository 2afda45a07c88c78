use serde::{Deserialize, Serialize};

/// A kind of personal data. Names follow Microsoft Presidio's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Entity {
    EmailAddress,
    PhoneNumber,
    CreditCard,
    IbanCode,
    UsSsn,
    IpAddress,
    Url,
    DateTime,
    MacAddress,
    /// Known from a column header only (dictionaries come later).
    Person,
    /// Known from a column header only.
    Location,
    UkNino,
    UkNhs,
    UsItin,
    UsPassport,
    UsDriverLicense,
    UsBankNumber,
    AbaRoutingNumber,
    CaSin,
    NlBsn,
    DeTaxId,
    EsNif,
    EsNie,
    FrNir,
    ItFiscalCode,
    InAadhaar,
    AuTfn,
    AuMedicare,
    SgNricFin,
    Crypto,
    ApiKey,
}

impl Entity {
    pub const ALL: [Entity; 31] = [
        Entity::EmailAddress,
        Entity::PhoneNumber,
        Entity::CreditCard,
        Entity::IbanCode,
        Entity::UsSsn,
        Entity::IpAddress,
        Entity::Url,
        Entity::DateTime,
        Entity::MacAddress,
        Entity::Person,
        Entity::Location,
        Entity::UkNino,
        Entity::UkNhs,
        Entity::UsItin,
        Entity::UsPassport,
        Entity::UsDriverLicense,
        Entity::UsBankNumber,
        Entity::AbaRoutingNumber,
        Entity::CaSin,
        Entity::NlBsn,
        Entity::DeTaxId,
        Entity::EsNif,
        Entity::EsNie,
        Entity::FrNir,
        Entity::ItFiscalCode,
        Entity::InAadhaar,
        Entity::AuTfn,
        Entity::AuMedicare,
        Entity::SgNricFin,
        Entity::Crypto,
        Entity::ApiKey,
    ];

    /// The Presidio name, e.g. `EMAIL_ADDRESS`.
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::EmailAddress => "EMAIL_ADDRESS",
            Entity::PhoneNumber => "PHONE_NUMBER",
            Entity::CreditCard => "CREDIT_CARD",
            Entity::IbanCode => "IBAN_CODE",
            Entity::UsSsn => "US_SSN",
            Entity::IpAddress => "IP_ADDRESS",
            Entity::Url => "URL",
            Entity::DateTime => "DATE_TIME",
            Entity::MacAddress => "MAC_ADDRESS",
            Entity::Person => "PERSON",
            Entity::Location => "LOCATION",
            Entity::UkNino => "UK_NINO",
            Entity::UkNhs => "UK_NHS",
            Entity::UsItin => "US_ITIN",
            Entity::UsPassport => "US_PASSPORT",
            Entity::UsDriverLicense => "US_DRIVER_LICENSE",
            Entity::UsBankNumber => "US_BANK_NUMBER",
            Entity::AbaRoutingNumber => "ABA_ROUTING_NUMBER",
            Entity::CaSin => "CA_SIN",
            Entity::NlBsn => "NL_BSN",
            Entity::DeTaxId => "DE_TAX_ID",
            Entity::EsNif => "ES_NIF",
            Entity::EsNie => "ES_NIE",
            Entity::FrNir => "FR_NIR",
            Entity::ItFiscalCode => "IT_FISCAL_CODE",
            Entity::InAadhaar => "IN_AADHAAR",
            Entity::AuTfn => "AU_TFN",
            Entity::AuMedicare => "AU_MEDICARE",
            Entity::SgNricFin => "SG_NRIC_FIN",
            Entity::Crypto => "CRYPTO",
            Entity::ApiKey => "API_KEY",
        }
    }

    /// The entity with this Presidio name.
    pub fn from_name(name: &str) -> Option<Entity> {
        Entity::ALL.into_iter().find(|e| e.as_str() == name)
    }
}

impl std::fmt::Display for Entity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_names_are_the_presidio_names() {
        for e in Entity::ALL {
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(json, format!("\"{}\"", e.as_str()));
            assert_eq!(Entity::from_name(e.as_str()), Some(e));
        }
    }
}
