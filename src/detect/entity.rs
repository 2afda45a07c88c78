use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::RefCell;
use std::sync::Mutex;

/// A kind of personal data. Names follow Microsoft Presidio's; the user's
/// own entities (declared in a policy) carry the name the user gave them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
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
    /// From a header, from name lists and the shape of a column's values,
    /// and in text from name lists and cues (`names.rs`).
    Person,
    /// From a header, a column's values, and in text from a gazetteer,
    /// street words and postcodes (`places.rs`).
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
    /// Declared in a policy's `entities`, by its name.
    Custom(&'static str),
}

/// Distinct names of declared entities, kept for the life of the process
/// (an `Entity` is `Copy`); bounded, so a flood of policies cannot grow it.
static NAMES: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
const MAX_NAMES: usize = 4096;

/// The one copy of a declared entity's name.
pub(crate) fn intern_custom(name: &str) -> Result<&'static str, String> {
    let mut names = NAMES
        .lock()
        .map_err(|_| "internal: name table poisoned".to_string())?;
    if let Some(&n) = names.iter().find(|n| **n == name) {
        return Ok(n);
    }
    if names.len() >= MAX_NAMES {
        return Err(format!(
            "more than {MAX_NAMES} distinct entity names in one process"
        ));
    }
    let n: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.push(n);
    Ok(n)
}

thread_local! {
    /// Declared entities that deserialising may name (set while a policy
    /// that declares them is read).
    static DECLARED: RefCell<Vec<Entity>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with `declared` nameable in deserialised entity names.
pub(crate) fn with_declared<T>(declared: Vec<Entity>, f: impl FnOnce() -> T) -> T {
    let old = DECLARED.with(|d| d.replace(declared));
    let out = f();
    DECLARED.with(|d| *d.borrow_mut() = old);
    out
}

impl Serialize for Entity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Entity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Entity, D::Error> {
        let name = String::deserialize(d)?;
        Entity::from_name(&name)
            .or_else(|| DECLARED.with(|list| list.borrow().iter().copied().find(|e| e.as_str() == name)))
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "unknown entity \"{name}\" (a built-in name such as EMAIL_ADDRESS, or one the policy declares in \"entities\")"
                ))
            })
    }
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
            Entity::Custom(name) => name,
        }
    }

    /// Whether the user declared it.
    pub fn is_custom(self) -> bool {
        matches!(self, Entity::Custom(_))
    }

    /// The built-in entity with this Presidio name.
    pub fn from_name(name: &str) -> Option<Entity> {
        Entity::ALL.into_iter().find(|e| e.as_str() == name)
    }
}

impl std::fmt::Display for Entity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A built-in name or one a policy declares (the pattern a declared name
/// must match), so editors can complete the built-in ones.
#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Entity {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "EntityType".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let builtin: Vec<&str> = Entity::ALL.iter().map(|e| e.as_str()).collect();
        schemars::json_schema!({
            "description": "A kind of personal data: a built-in name (Microsoft Presidio's where one exists) or one the policy declares in `entities`.",
            "anyOf": [
                { "enum": builtin },
                { "type": "string", "pattern": crate::custom::NAME_PATTERN }
            ]
        })
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
