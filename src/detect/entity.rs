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
}

impl Entity {
    pub const ALL: [Entity; 11] = [
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
