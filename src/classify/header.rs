//! What a column's header says it holds, in several languages.

use crate::detect::{ids, is_bare_ssn, national_passport, Entity};

/// What a header name says about its column.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Hint {
    pub entity: Option<Entity>,
    /// For entities that bare values cannot show by themselves (a 9-digit
    /// SSN, an NHS number): the check a cell must pass to count.
    pub cell: Option<fn(&str) -> bool>,
    /// A date of birth, not just any date.
    pub birth: bool,
    /// The name says the values are versions, not addresses or dates.
    pub not_address: bool,
    /// The name says the values are ids, codes or amounts, not phones.
    pub not_phone: bool,
    /// A town, region or country: a place named by a place word.
    pub coarse_place: bool,
    /// A state, region or country: larger than HIPAA's smallest unit, so
    /// too coarse to identify anyone (towns and counties are not).
    pub region: bool,
    /// A postcode or ZIP code.
    pub postcode: bool,
    /// A trait that, with others, can single a person out (age, gender,
    /// job, marital status, ...): a quasi-identifier for the risk measures.
    pub quasi: bool,
}

/// A header rule: any of `words` (whole words of the header), or any of
/// `joined` inside the header with its words run together.
struct Rule {
    words: &'static [&'static str],
    joined: &'static [&'static str],
    entity: Entity,
    cell: Option<fn(&str) -> bool>,
}

fn compact(s: &str) -> Vec<u8> {
    s.bytes()
        .filter(|b| !matches!(b, b' ' | b'-' | b'.'))
        .collect()
}

fn digits_between(s: &str, lo: usize, hi: usize) -> bool {
    let c = compact(s);
    (lo..=hi).contains(&c.len()) && c.iter().all(u8::is_ascii_digit)
}

/// Traits that single people out in combination (Sweeney's age, gender and
/// ZIP; HIPAA's and the GDPR guidance's usual quasi-identifiers), in the
/// supported languages. Dates of birth and places are known by their own
/// rules.
const QUASI_WORDS: &[&str] = &[
    "age",
    "ages",
    "gender",
    "sex",
    "job",
    "occupation",
    "profession",
    "employer",
    "title",
    "jobtitle",
    "position",
    "marital",
    "ethnicity",
    "race",
    "nationality",
    "religion",
    "education",
    "alter",
    "geschlecht",
    "beruf",
    "familienstand",
    "staatsangehörigkeit",
    "âge",
    "sexe",
    "genre",
    "métier",
    "emploi",
    "nationalité",
    "edad",
    "sexo",
    "género",
    "profesión",
    "ocupación",
    "nacionalidad",
    "leeftijd",
    "geslacht",
    "beroep",
    "nationaliteit",
    "età",
    "sesso",
    "genere",
    "professione",
    "nazionalità",
    "idade",
    "profissão",
];

/// First match wins: the specific identifiers come before generic words.
#[rustfmt::skip]
const RULES: &[Rule] = &[
    Rule { words: &["email", "mail", "courriel", "correo", "emailaddress"], joined: &["emailaddress", "mailadres", "mailadress", "correoelectr", "adresseelectr", "indirizzoemail"], entity: Entity::EmailAddress, cell: None },
    Rule { words: &["itin"], joined: &[], entity: Entity::UsItin, cell: Some(|s| ids::us_itin(&compact(s))) },
    Rule { words: &["ssn", "ssns"], joined: &["socialsecurity"], entity: Entity::UsSsn, cell: Some(is_bare_ssn) },
    Rule { words: &["nhs"], joined: &["nhsnumber"], entity: Entity::UkNhs, cell: Some(|s| ids::uk_nhs(&compact(s))) },
    Rule { words: &["nino"], joined: &["nationalinsurance"], entity: Entity::UkNino, cell: Some(|s| ids::uk_nino(&compact(s))) },
    Rule { words: &["bsn", "burgerservicenummer", "sofinummer"], joined: &["burgerservice"], entity: Entity::NlBsn, cell: Some(|s| ids::nl_bsn(&compact(s))) },
    Rule { words: &["steuerid", "idnr", "steueridentifikationsnummer"], joined: &["steuerid"], entity: Entity::DeTaxId, cell: Some(|s| ids::de_tax_id(&compact(s))) },
    Rule { words: &["nie"], joined: &[], entity: Entity::EsNie, cell: Some(|s| ids::es_nie(&compact(s))) },
    Rule { words: &["nif", "dni"], joined: &[], entity: Entity::EsNif, cell: Some(|s| ids::es_nif(&compact(s))) },
    Rule { words: &["nir", "insee"], joined: &["securitesociale", "sécuritésociale"], entity: Entity::FrNir, cell: Some(|s| ids::fr_nir(&compact(s))) },
    Rule { words: &["cf"], joined: &["codicefiscale"], entity: Entity::ItFiscalCode, cell: Some(|s| ids::it_fiscal_code(&compact(s))) },
    Rule { words: &["aadhaar", "aadhar"], joined: &["aadhaar", "aadhar"], entity: Entity::InAadhaar, cell: Some(|s| ids::in_aadhaar(&compact(s))) },
    Rule { words: &["sin"], joined: &["socialinsurance"], entity: Entity::CaSin, cell: Some(|s| ids::ca_sin(&compact(s))) },
    Rule { words: &["tfn"], joined: &["taxfilenumber"], entity: Entity::AuTfn, cell: Some(|s| ids::au_tfn(&compact(s))) },
    Rule { words: &["medicare"], joined: &[], entity: Entity::AuMedicare, cell: Some(|s| ids::au_medicare(&compact(s))) },
    Rule { words: &["nric"], joined: &[], entity: Entity::SgNricFin, cell: Some(|s| ids::sg_nric(&compact(s))) },
    Rule { words: &["routing", "aba"], joined: &["routingnumber"], entity: Entity::AbaRoutingNumber, cell: Some(|s| ids::aba_routing(&compact(s))) },
    Rule { words: &["passport", "passeport", "reisepass", "pasaporte", "paspoort", "passaporto", "passaporte", "passnummer", "reisepassnummer", "paspoortnummer"], joined: &["passport", "passeport", "reisepass", "pasaporte", "paspoort", "passaporto", "passnr", "passnummer"], entity: Entity::UsPassport, cell: Some(passport) },
    Rule { words: &["dl", "führerschein", "fuehrerschein", "fuhrerschein", "rijbewijs", "patente", "führerscheinnummer", "rijbewijsnummer"], joined: &["driverlicense", "driverslicense", "driverlicence", "driverslicence", "drivinglicence", "drivinglicense", "dlnumber", "führerschein", "fuehrerschein", "permisdeconduire", "permisconduire", "permisodeconducir", "permisoconducir", "carnetdeconducir", "carnetconducir", "licenciadeconducir", "rijbewijs", "patentedi", "licensenumber", "licencenumber"], entity: Entity::UsDriverLicense, cell: Some(licence) },
    // An identity document's number: a passport's shape is the common one.
    Rule { words: &[], joined: &["documentno", "documentnumber", "documentnr", "documentid", "iddocument", "docnumber", "docno", "numerodocumento", "númerodocumento", "numdocumento", "nrodocumento", "documentonumero", "documentonúmero", "dokumentnummer", "ausweisnummer", "ausweisnr", "personalausweis", "documentnummer", "numerodocument", "numérodocument", "numeropiece", "numéropièce", "numerodidentite", "traveldocument"], entity: Entity::UsPassport, cell: Some(passport) },
    Rule { words: &["acct", "accountnumber", "bankaccount"], joined: &["bankaccount", "accountnumber"], entity: Entity::UsBankNumber, cell: Some(|s| digits_between(s, 6, 17)) },
    Rule { words: &["phone", "tel", "telephone", "téléphone", "mobile", "cell", "fax", "telefon", "telefono", "teléfono", "telefone", "gsm", "handy", "phonenumber"], joined: &["phonenumber"], entity: Entity::PhoneNumber, cell: Some(bare_phone) },
    Rule { words: &["iban"], joined: &[], entity: Entity::IbanCode, cell: None },
    Rule { words: &["card", "cc", "pan", "creditcard"], joined: &["creditcard", "cardnumber"], entity: Entity::CreditCard, cell: None },
    Rule { words: &["ip", "ipv4", "ipv6", "ipaddress", "ipaddr"], joined: &["ipaddress", "ipadres", "ipadress", "indirizzoip", "direccionip", "direcciónip"], entity: Entity::IpAddress, cell: None },
    Rule { words: &["mac"], joined: &["macaddress"], entity: Entity::MacAddress, cell: None },
    Rule { words: &["url", "website", "homepage", "link", "uri", "web"], joined: &[], entity: Entity::Url, cell: None },
    Rule { words: &["apikey", "token", "secret", "password", "passwd", "pwd"], joined: &["apikey", "accesskey", "secretkey", "privatekey"], entity: Entity::ApiKey, cell: Some(|s| s.len() >= 6) },
    Rule { words: &["wallet", "btc", "bitcoin", "eth", "ethereum"], joined: &["walletaddress"], entity: Entity::Crypto, cell: None },
    // Street addresses and postcodes in each supported language: en, de
    // (Anschrift, Hausnummer), fr (voie, code postal), es (domicilio,
    // código postal), nl (adres, straatnaam, huisnummer), it (indirizzo,
    // residenza, CAP).
    Rule { words: &["address", "street", "addr", "adresse", "direccion", "dirección", "strasse", "straße", "zip", "zipcode", "postcode", "postal", "plz", "postleitzahl", "cp", "indirizzo", "straat", "calle", "via", "rue", "pincode", "cap", "eircode", "anschrift", "wohnanschrift", "hausnummer", "hausnr", "voie", "domicilio", "domicile", "adres", "straatnaam", "huisnummer", "huisnr", "residenza", "civico", "postleitzahlen", "codepostal", "codigopostal", "códigopostal"], joined: &["postalcode", "streetaddress", "codepostal", "codigopostal", "códigopostal", "postleitzahl", "strasse", "straße", "straat", "adresse", "address", "indirizzo", "direccion", "dirección", "zipcode", "postcode"], entity: Entity::Location, cell: None },
];

const PLACE_WORDS: &[&str] = &[
    "city",
    "town",
    "state",
    "province",
    "region",
    "county",
    "country",
    "suburb",
    "ort",
    "stadt",
    "ville",
    "pays",
    "ciudad",
    "provincia",
    "città",
    "paese",
    "woonplaats",
    "plaats",
    "gemeente",
    "land",
    // Towns in each supported language (where someone lives, the
    // municipality, the locality).
    "locality",
    "village",
    "municipality",
    "hometown",
    "residence",
    "wohnort",
    "gemeinde",
    "ortschaft",
    "ortsteil",
    "stadtteil",
    "commune",
    "localité",
    "localite",
    "localidad",
    "municipio",
    "población",
    "poblacion",
    "residencia",
    "stad",
    "dorp",
    "comune",
    "località",
    "localita",
    "citta",
    "frazione",
    "provincie",
    "regione",
    "bundesland",
    "kanton",
    "département",
    "departement",
    "comunidad",
];

const REGION_WORDS: &[&str] = &[
    "state",
    "province",
    "region",
    "country",
    "pays",
    "land",
    "provincia",
    "paese",
    "regione",
    "bundesland",
    "estado",
    "staat",
    "provincie",
    "kanton",
    "département",
    "departement",
    "comunidad",
];

const POSTCODE_WORDS: &[&str] = &[
    "zip",
    "zipcode",
    "postcode",
    "postal",
    "plz",
    "postleitzahl",
    "cp",
    "cap",
    "pincode",
    "postcodes",
    "eircode",
    "codepostal",
    "codigopostal",
    "códigopostal",
];

const BIRTH_WORDS: &[&str] = &[
    "dob",
    "birth",
    "birthday",
    "birthdate",
    "bday",
    "born",
    "geburtsdatum",
    "geburtstag",
    "gebdat",
    "geb",
    "geboren",
    "naissance",
    "ddn",
    "nacimiento",
    "nac",
    "fnac",
    "cumpleaños",
    "nascita",
    "compleanno",
    "geboortedatum",
    "geboortedag",
    "verjaardag",
];
/// Inside a header with its words run together: "fechanacimiento",
/// "DateDeNaissance", "geboorte_datum".
const BIRTH_JOINED: &[&str] = &[
    "birth",
    "geburts",
    "geboorte",
    "naissance",
    "nacimiento",
    "nascita",
];
/// Where someone was born is a place, not a date: "place of birth",
/// "Geburtsort", "lieu de naissance", "geboorteplaats".
const BIRTH_PLACE: &[&str] = &[
    "place", "city", "town", "country", "ort", "stadt", "land", "lieu", "ville", "pays", "lugar",
    "ciudad", "pais", "país", "luogo", "città", "comune", "plaats", "stad",
];
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
    // Parts and other words for a name in the supported languages.
    "tussenvoegsel",
    "familienname",
    "rufname",
    "vornamen",
    "geslachtsnaam",
    "roepnaam",
    "prenoms",
    "prénoms",
    "nominativo",
    "nombres",
    "names",
    // A customer's, a contact's, a patient's name, run together.
    "klantnaam",
    "contactnaam",
    "relatienaam",
    "kundenname",
    "patientenname",
    "mitarbeitername",
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

/// Letters and digits, 6 to 10 characters, at least 2 digits (US and UK
/// passports are 9 digits; German ones mix letters in, `C01X00T47`, and
/// may hold only a few digits; Dutch ones start with two letters).
fn passport(s: &str) -> bool {
    let c = compact(s);
    (6..=10).contains(&c.len())
        && c.iter().all(u8::is_ascii_alphanumeric)
        && (c.iter().filter(|b| b.is_ascii_digit()).count() >= 2 || national_passport(&c))
}

/// A licence number: 4 to 20 letters and digits, with at least 4 digits.
fn licence(s: &str) -> bool {
    let c = compact(s);
    (4..=20).contains(&c.len())
        && c.iter().all(u8::is_ascii_alphanumeric)
        && c.iter().filter(|b| b.is_ascii_digit()).count() >= 4
}

/// 7 to 15 digits written with phone punctuation only.
fn bare_phone(s: &str) -> bool {
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    (7..=15).contains(&digits)
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b"+-(). ".contains(&b))
}

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
    // A numbered column reads as its word too: "apellido1", "email2",
    // "address_line2".
    let numbered: Vec<String> = words
        .iter()
        .map(|w| w.trim_end_matches(|c: char| c.is_ascii_digit()))
        .filter(|w| w.len() >= 2)
        .map(str::to_string)
        .collect();
    for w in numbered {
        if !words.contains(&w) {
            words.push(w);
        }
    }
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    let joined = words.concat();
    let mut hint = Hint {
        quasi: has(QUASI_WORDS) || joined.contains("jobtitle") || joined.contains("maritalstatus"),
        not_address: has(&[
            "version", "ver", "build", "release", "firmware", "v", "fw", "sw", "versie",
            "versione", "versión", "versao",
        ]),
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
    if let Some(rule) = RULES
        .iter()
        .find(|r| has(r.words) || r.joined.iter().any(|j| joined.contains(j)))
    {
        hint.entity = Some(rule.entity);
        hint.cell = rule.cell;
        hint.postcode = rule.entity == Entity::Location
            && (has(POSTCODE_WORDS) || joined.contains("postalcode"));
    } else if has(PLACE_WORDS) && !has(NAME_WORDS) {
        hint.coarse_place = true;
        hint.region = has(REGION_WORDS);
        hint.entity = Some(Entity::Location);
    } else if has(BIRTH_WORDS) || BIRTH_JOINED.iter().any(|j| joined.contains(j)) {
        if BIRTH_PLACE
            .iter()
            .any(|p| words.iter().any(|w| w == p) || joined.ends_with(p))
        {
            hint.coarse_place = true;
            hint.entity = Some(Entity::Location);
        } else {
            hint.birth = true;
            hint.entity = Some(Entity::DateTime);
        }
    } else if has(NAME_WORDS) && !has(NOT_A_PERSON) {
        hint.entity = Some(Entity::Person);
    }
    hint
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words() {
        assert_eq!(header_hint("firstName").entity, Some(Entity::Person));
        assert_eq!(header_hint("E-Mail").entity, Some(Entity::EmailAddress));
        assert_eq!(header_hint("product_name").entity, None);
        assert_eq!(header_hint("Date of Birth").entity, Some(Entity::DateTime));
        assert!(header_hint("Date of Birth").birth);
        assert!(header_hint("order_id").not_phone);
        assert_eq!(
            header_hint("Social Security Number").entity,
            Some(Entity::UsSsn)
        );
        assert_eq!(header_hint("NHS number").entity, Some(Entity::UkNhs));
        assert_eq!(
            header_hint("Codice Fiscale").entity,
            Some(Entity::ItFiscalCode)
        );
        assert_eq!(header_hint("téléphone").entity, Some(Entity::PhoneNumber));
        assert_eq!(header_hint("api_key").entity, Some(Entity::ApiKey));
        assert_eq!(
            header_hint("bank_account_number").entity,
            Some(Entity::UsBankNumber)
        );
        assert_eq!(header_hint("account_id").entity, None);
        assert!(header_hint("ville").coarse_place);
        assert!(!header_hint("street").coarse_place);
        assert_eq!(
            header_hint("city_name").entity,
            None,
            "a name word and a place word: neither"
        );
    }

    #[test]
    fn town_street_and_postcode_headers_in_every_language() {
        for h in [
            "Wohnort",
            "Gemeinde",
            "localité",
            "Commune",
            "localidad",
            "Municipio",
            "woonplaats",
            "Stad",
            "comune",
            "Località",
            "locality",
            "Village",
        ] {
            let hint = header_hint(h);
            assert_eq!(hint.entity, Some(Entity::Location), "{h}");
            assert!(
                hint.coarse_place && !hint.region,
                "{h}: a town, not a region"
            );
        }
        for h in ["provincie", "Bundesland", "Kanton", "département"] {
            assert!(header_hint(h).region, "{h}");
        }
        for h in [
            "Anschrift",
            "Hausnummer",
            "Lieferadresse",
            "domicilio",
            "adres",
            "Straatnaam",
            "huisnummer",
            "residenza",
            "Code postal",
            "codigo_postal",
            "Eircode",
        ] {
            let hint = header_hint(h);
            assert_eq!(hint.entity, Some(Entity::Location), "{h}");
            assert!(!hint.coarse_place, "{h}: finer than a town");
        }
        assert!(header_hint("Code postal").postcode && header_hint("Eircode").postcode);
        // Numbered columns and the parts of a name.
        assert_eq!(header_hint("apellido1").entity, Some(Entity::Person));
        assert_eq!(header_hint("email2").entity, Some(Entity::EmailAddress));
        assert_eq!(header_hint("Tussenvoegsel").entity, Some(Entity::Person));
        assert_eq!(header_hint("col_23").entity, None);
        assert_eq!(header_hint("col23").entity, None);
        // An email or IP address column is not a street address.
        assert_eq!(
            header_hint("Mailadresse").entity,
            Some(Entity::EmailAddress)
        );
        assert_eq!(
            header_hint("e-mailadres").entity,
            Some(Entity::EmailAddress)
        );
        assert_eq!(header_hint("IPAdresse").entity, Some(Entity::IpAddress));
    }

    #[test]
    fn identity_documents() {
        for h in [
            "passport_no",
            "Passport Number",
            "pasaporte",
            "reisepass",
            "Reisepassnummer",
            "paspoort",
            "passaporto",
            "document_no",
            "DocumentNumber",
            "numero_documento",
        ] {
            assert_eq!(header_hint(h).entity, Some(Entity::UsPassport), "{h}");
        }
        for h in [
            "dl",
            "DL_number",
            "drivers_license",
            "driving_licence_no",
            "Führerschein",
            "fuehrerschein_nr",
            "permis_de_conduire",
            "permiso_de_conducir",
            "carnet_de_conducir",
            "rijbewijs",
            "rijbewijsnummer",
            "patente_di_guida",
        ] {
            assert_eq!(header_hint(h).entity, Some(Entity::UsDriverLicense), "{h}");
        }
        let passport = header_hint("document_no").cell.unwrap();
        assert!(passport("Q94367124") && passport("C01X00T47") && passport("533380006"));
        assert!(passport("CFGHJ1K2L") && passport("NWXR12345"));
        // German and Dutch numbers with fewer digits.
        assert!(passport("CFHJKLMN1") && passport("HGZKLMNPR") && passport("NWXRTYBP1"));
        assert!(passport("ABCDEFGH1"), "Dutch shape");
        assert!(!passport("INVOICES1X"));
        assert!(!passport("invoice.pdf") && !passport("12"));
        assert_eq!(header_hint("document_title").entity, None);
    }

    #[test]
    fn birth_dates_in_every_language() {
        for h in [
            "dob",
            "DOB",
            "birth_date",
            "birthdate",
            "BirthDate",
            "date_of_birth",
            "geboortedatum",
            "geboorte_datum",
            "Geburtsdatum",
            "geb_datum",
            "date_de_naissance",
            "DateNaissance",
            "fecha_de_nacimiento",
            "fecha_nac",
            "fechanacimiento",
            "data_di_nascita",
            "datanascita",
        ] {
            let hint = header_hint(h);
            assert!(
                hint.birth && hint.entity == Some(Entity::DateTime),
                "{h}: {hint:?}"
            );
        }
        for h in [
            "place_of_birth",
            "Geburtsort",
            "lieu_de_naissance",
            "lugar_de_nacimiento",
            "luogo_di_nascita",
            "geboorteplaats",
            "birth_country",
        ] {
            let hint = header_hint(h);
            assert!(
                !hint.birth && hint.entity == Some(Entity::Location),
                "{h}: {hint:?}"
            );
        }
    }

    #[test]
    fn cell_checks_of_context_entities() {
        let nhs = header_hint("nhs_no").cell.unwrap();
        assert!(nhs("943 476 5919"));
        assert!(!nhs("943 476 5918"));
        let ssn = header_hint("ssn").cell.unwrap();
        assert!(ssn("078051123"));
    }
}
