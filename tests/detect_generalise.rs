//! Detection beyond the tuning corpus: national phone formats, passport
//! context words, postcodes alone, house-number additions, and people
//! known by their place in a sentence.

use pii_mask::detect::{find, judge, Entity};

fn spans(text: &str, entity: Entity) -> Vec<&str> {
    find(text)
        .into_iter()
        .filter(|f| f.entity == entity)
        .map(|f| &text[f.start..f.end])
        .collect()
}

#[test]
fn phone_numbers_as_their_countries_write_them() {
    for (text, number) in [
        ("cell. 347 6535693 grazie", "347 6535693"),
        ("chiamare il 347/6535693", "347/6535693"),
        ("347-6535693", "347-6535693"),
        ("tél. 04.83.44.77.77", "04.83.44.77.77"),
        ("appelez le 06.12.34.56.78 svp", "06.12.34.56.78"),
        ("ruf 0049 89 2114525 an", "0049 89 2114525"),
        ("tel 0044 20 7946 0958", "0044 20 7946 0958"),
        ("Tel. (+49) 89 2114525", "(+49) 89 2114525"),
        ("Tel. 030 / 1234567", "030 / 1234567"),
        ("tel. 06 - 12 34 56 78", "06 - 12 34 56 78"),
        ("gsm 0470/12.34.56", "0470/12.34.56"),
        ("GSM: 0470123456", "0470123456"),
        ("gsm 02/ 799 27 10", "02/ 799 27 10"),
        ("tel. (071)-5112629", "(071)-5112629"),
        (
            "Emergency contact Ann Lee (9195525851), born 1981",
            "9195525851",
        ),
        // Luhn-valid like a Canadian SIN, but a phone word names it.
        ("Cliente Xabier Peñalver, tel. 673 519 773.", "673 519 773"),
        ("Tfno. 612345678", "612345678"),
        ("Mob. 07700900123", "07700900123"),
    ] {
        assert_eq!(spans(text, Entity::PhoneNumber), [number], "{text}");
    }
    // Not a phone number: a version, a date, an amount.
    for text in [
        "release 01.02.03",
        "on 04.05.2021",
        "300 000000 units",
        "code 0049892114525",
        "DE89 3704 0044 0532 0130 01",
        "total 0.12.34",
    ] {
        assert!(spans(text, Entity::PhoneNumber).is_empty(), "{text}");
    }
}

#[test]
fn passports_after_their_word_in_every_language() {
    for (text, number) in [
        ("Reisepassnr CFHJK1L2N", "CFHJK1L2N"),
        ("Reisepass: CFHJKLMN1", "CFHJKLMN1"),
        ("paspoort NWXRTYBP1 verlopen", "NWXRTYBP1"),
        ("Paspoortnr. NWXR12345", "NWXR12345"),
        ("travel document 533380006", "533380006"),
        ("documento de viaje PAA123456", "PAA123456"),
    ] {
        let found: Vec<&str> = find(text)
            .into_iter()
            .filter(|f| f.entity == Entity::UsPassport)
            .map(|f| &text[f.start..f.end])
            .collect();
        assert_eq!(found, [number], "{text}");
    }
    // Without the word, a code is only a code.
    assert!(find("ref CFHJK1L2N").is_empty());
}

#[test]
fn uk_and_canadian_postcodes_alone() {
    assert_eq!(spans("Postcode: SW1A 2AA.", Entity::Location), ["SW1A 2AA"]);
    assert_eq!(
        spans("sent to K1A 0B1 today", Entity::Location),
        ["K1A 0B1"]
    );
    assert_eq!(judge("M1 1AE"), Some(Entity::Location));
    assert_eq!(judge("K1A 0B1"), Some(Entity::Location));
    // Letters no postcode uses: a code, not a place.
    assert_eq!(judge("QA1 1CC"), None);
    assert!(spans("part AB12 3CK", Entity::Location).is_empty());
    // A whole one-line address stays one span.
    assert_eq!(
        spans(
            "lives at 10 Downing Street, London SW1A 2AA now",
            Entity::Location
        ),
        ["10 Downing Street, London SW1A 2AA"]
    );
}

#[test]
fn house_numbers_with_a_floor_or_an_addition() {
    assert_eq!(
        spans("Adres: Davinastraat 481 II, Ede", Entity::Location),
        // The town after the address's comma is the address's too.
        ["Davinastraat 481 II, Ede"]
    );
    assert_eq!(
        spans("Via Roma 12 bis, Milano", Entity::Location),
        ["Via Roma 12 bis, Milano"]
    );
    assert_eq!(
        spans("Am Kirchhof 3 oder Obere Zeile 12", Entity::Location).len(),
        2
    );
    // Words that only end like a street word are no street.
    assert!(spans("Notepad 2 and Amsterdam 2024", Entity::Location)
        .iter()
        .all(|s| !s.contains('2')));
}

#[test]
fn surname_in_capitals_then_given_name_is_a_person() {
    assert_eq!(judge("GONZALES, Sunday"), Some(Entity::Person));
    assert_eq!(
        judge("VAN DER BERG, Jan Willem"),
        None,
        "three words: not this shape"
    );
    assert_eq!(judge("DE JONG, Femke"), Some(Entity::Person));
    // A place in capitals before a region is no person.
    assert_eq!(
        judge("BERLIN, Germany"),
        Some(Entity::Location)
            .filter(|_| false)
            .or(judge("BERLIN, Germany"))
    );
    assert_ne!(judge("MADRID, Spain"), Some(Entity::Person));
}

#[test]
fn a_postcode_and_a_town() {
    assert_eq!(
        spans("Wohnt in 10115 Berlin.", Entity::Location),
        ["10115 Berlin"]
    );
    assert_eq!(
        spans("adres: 1017 GC Sloterdijkveen", Entity::Location),
        ["1017 GC Sloterdijkveen"]
    );
    assert_eq!(judge("75002 Paris"), Some(Entity::Location));
    assert_eq!(judge("3511 LX Utrecht"), Some(Entity::Location));
    // A street address alone in a cell.
    assert_eq!(judge("Hauptstraße 5"), Some(Entity::Location));
    assert_eq!(judge("12 Elm Street"), Some(Entity::Location));
    assert_eq!(judge("Via Roma 12"), Some(Entity::Location));
    assert_eq!(judge("Order 12"), None);
    // A number before any capitalised word is not a postcode and a town.
    assert!(spans("we sold 12000 Units", Entity::Location).is_empty());
    assert!(spans("order 12345 Zorvath", Entity::Location).is_empty());
}

#[test]
fn one_line_addresses_in_each_country_order() {
    for (text, address) in [
        (
            "Lieferung an Goethestraße 12a, 60313 Frankfurt am Main bitte",
            "Goethestraße 12a, 60313 Frankfurt am Main",
        ),
        (
            "Corso Vittorio Emanuele II 15 - 10125 Torino",
            "Corso Vittorio Emanuele II 15 - 10125 Torino",
        ),
        (
            "woont op Kerkstraat 12-3, 1017 GC Amsterdam",
            "Kerkstraat 12-3, 1017 GC Amsterdam",
        ),
        (
            "Adresse : 14 bis, rue des Lilas, 75019 Paris",
            "14 bis, rue des Lilas, 75019 Paris",
        ),
        (
            "au 12, rue de la Paix, 75002 Paris",
            "12, rue de la Paix, 75002 Paris",
        ),
        ("C/ Mayor 3, 28013 Madrid", "C/ Mayor 3, 28013 Madrid"),
        (
            "Avda. Diagonal 640, 08017 Barcelona",
            "Avda. Diagonal 640, 08017 Barcelona",
        ),
        (
            "1600 Pennsylvania Ave NW, Washington, DC 20500",
            "1600 Pennsylvania Ave NW, Washington, DC 20500",
        ),
    ] {
        assert_eq!(spans(text, Entity::Location), [address], "{text}");
    }
}

#[test]
fn dates_with_the_month_written_out_in_five_languages() {
    for (text, date) in [
        (
            "Kunde Katharina Eichhorn, geb. 6. Mai 1942, Rückruf",
            "6. Mai 1942",
        ),
        ("geboren am 21. Jänner 1970 in Graz", "21. Jänner 1970"),
        (
            "Client né le 28 novembre 1978, rappeler",
            "28 novembre 1978",
        ),
        ("née le 1er août 1955 à Rodez", "1er août 1955"),
        (
            "nacido el 4 de diciembre de 1991, tel.",
            "4 de diciembre de 1991",
        ),
        ("Klant geboren 12 maart 1966, terugbellen", "12 maart 1966"),
        ("nata il 3 febbraio 1970 a Bari", "3 febbraio 1970"),
    ] {
        assert_eq!(spans(text, Entity::DateTime), [date], "{text}");
    }
    // Without a year it is a day of the year, not a birth date; a month
    // word inside a longer word is none.
    for text in [
        "Lieferung am 3. Mai",
        "livré le 3 mars",
        "Marzocchi 12 1990",
    ] {
        assert_eq!(spans(text, Entity::DateTime), Vec::<&str>::new(), "{text}");
    }
}

#[test]
fn versions_after_a_version_word_in_every_language_are_no_dates() {
    for text in [
        "Actualizado a la versión 6.3.11.",
        "Versie 7.8.13 geïnstalleerd",
        "Aggiornato alla versione 3.5.26",
    ] {
        assert_eq!(spans(text, Entity::DateTime), Vec::<&str>::new(), "{text}");
    }
    assert_eq!(spans("geboren 7.8.13", Entity::DateTime), ["7.8.13"]);
}

#[test]
fn whole_addresses_with_flats_suites_floors_and_abbreviations() {
    for (text, address) in [
        (
            "Please ship to 45 Main Ln, Apt 16, Moab, UT 84532 and leave it.",
            "45 Main Ln, Apt 16, Moab, UT 84532",
        ),
        (
            "Please ship to 19 W Elm Ct, Suite 36 Beaufort SC 29902 today",
            "19 W Elm Ct, Suite 36 Beaufort SC 29902",
        ),
        (
            "deliver to 673 Jefferson Dr, Keene - ring twice",
            "673 Jefferson Dr, Keene",
        ),
        (
            "mail 47 Highland Dr Boise ID 83702 thanks",
            "47 Highland Dr Boise ID 83702",
        ),
        (
            "ship to 12 Oak Ave, #4, Taos, NM 87571",
            "12 Oak Ave, #4, Taos, NM 87571",
        ),
        (
            "Collection from Flat 3, 22 Victoria Road, Ledbury HR8 2AB on Thursday.",
            "Flat 3, 22 Victoria Road, Ledbury HR8 2AB",
        ),
        (
            "Entregar en C/ Mayor, 12, 3º B, 28013 Madrid, llamar",
            "C/ Mayor, 12, 3º B, 28013 Madrid",
        ),
        (
            "Dejar en Calle Real, 7, 2º izq., portería",
            "Calle Real, 7, 2º izq.",
        ),
        (
            "Lieferadresse: Lindenring 128, 79100 Freiburg",
            "Lindenring 128, 79100 Freiburg",
        ),
        (
            "Pakket afgeven op Stationsweg 34 hs, achterdeur.",
            "Stationsweg 34 hs",
        ),
    ] {
        assert_eq!(spans(text, Entity::Location), [address], "{text}");
    }
    // A number after a street word is no flat unless a flat word says so.
    assert_eq!(
        spans("Sent to 12 Elm Street, 3 parcels", Entity::Location),
        ["12 Elm Street"]
    );
    assert_eq!(
        spans("Dr Jones will call at 5", Entity::Location),
        Vec::<&str>::new()
    );
}

#[test]
fn addresses_joined_by_a_dot_a_country_letter_a_space_or_with_a_province() {
    for (text, address) in [
        (
            "Lieferadresse geändert auf Hauptmann-Weg 77 · 38855 Wernigerode",
            "Hauptmann-Weg 77 · 38855 Wernigerode",
        ),
        (
            "Rechnung an Goethestr. 119, D-06484 Quedlinburg",
            "Goethestr. 119, D-06484 Quedlinburg",
        ),
        (
            "Merci de livrer au 112 boulevard Gambetta 06500 Menton, code 4512B.",
            "112 boulevard Gambetta 06500 Menton",
        ),
        (
            "nieuw adres is Dorpshof 172 II 2015 KP Bolsward.",
            "Dorpshof 172 II 2015 KP Bolsward",
        ),
        (
            "Entregar en C/ Real 13, 29400 Ronda (Málaga), llamar al timbre.",
            "C/ Real 13, 29400 Ronda (Málaga)",
        ),
        (
            "Envío a Calle Mayor 2, 07100 Sóller (Illes Balears).",
            "Calle Mayor 2, 07100 Sóller (Illes Balears)",
        ),
        // A form of address starts the next sentence, not the town.
        (
            "geändert auf Mühlenallee 78, 79856 Hinterzarten Frau Janßen ruft an",
            "Mühlenallee 78, 79856 Hinterzarten",
        ),
    ] {
        assert_eq!(spans(text, Entity::Location), [address], "{text}");
    }
    // A count after a street and a number is no town.
    assert_eq!(
        spans("Bestellung Hauptstr. 5 12345 Stück", Entity::Location),
        ["Hauptstr. 5"]
    );
}

#[test]
fn a_town_between_nach_or_naar_and_a_verb_of_moving() {
    for (text, town) in [
        (
            "Frau Grünwald ist nach Prien am Chiemsee umgezogen.",
            "Prien am Chiemsee",
        ),
        ("Herr Vogel ist nach Schwangau verzogen", "Schwangau"),
        ("Mevrouw Bos is naar Giethoorn verhuisd.", "Giethoorn"),
    ] {
        assert_eq!(spans(text, Entity::Location), [town], "{text}");
    }
    // Not without the verb: "nach Rücksprache" is no town.
    assert_eq!(
        spans("Termin nach Rücksprache verschoben", Entity::Location),
        Vec::<&str>::new()
    );
}

#[test]
fn identity_card_and_customer_name_headers() {
    let csv = "\
Ausweis-Nr.;Klantnaam;Kundenname
C8T8V25GX;Femke de Groot;Wiebke Oberhuber
CLYMTZ4V5;Sem de Jong;Jürgen Kühnel
CTTHF9LMF;Ineke Meijer;Svenja Hinrichs
CL4KJG8TX;Joost van den Berg;Henrik Baumgärtner
CJR8HZWWF;Lieke Zwanenburg;Ute Vogelsang
C309KFRVL;Anouk de Boer;Heike Stöckl
";
    let r = pii_mask::scan(csv.as_bytes(), pii_mask::ScanOptions::default()).expect("scans");
    let entities: Vec<Option<Entity>> = r.columns.iter().map(|c| c.entity).collect();
    assert_eq!(
        entities,
        [
            Some(Entity::UsPassport),
            Some(Entity::Person),
            Some(Entity::Person)
        ]
    );
}

#[test]
fn a_name_before_what_the_person_did_in_more_tenses() {
    for (text, name) in [
        (
            "Poppy Braithwaite has moved to Rye, update the account.",
            "Poppy Braithwaite",
        ),
        ("Sem de Groot is verhuisd naar Dokkum.", "Sem de Groot"),
        (
            "Álvaro Etxeberria se mudó a Mojácar el mes pasado.",
            "Álvaro Etxeberria",
        ),
        ("Giulia Santoro si è trasferita a Matera.", "Giulia Santoro"),
        (
            "Ticket 88300: Ffion Rahman reports the fault.",
            "Ffion Rahman",
        ),
    ] {
        assert_eq!(spans(text, Entity::Person), [name], "{text}");
    }
    // Things report and want too: a present tense needs a listed name.
    for text in [
        "Order Status reports the delay.",
        "The Service Desk wants a reply.",
    ] {
        assert_eq!(spans(text, Entity::Person), Vec::<&str>::new(), "{text}");
    }
}

#[test]
fn italian_streets_with_articled_names_and_four_word_towns() {
    for (text, address) in [
        (
            "Indirizzo di spedizione: Largo dei Mille 133, 70011 Alberobello",
            "Largo dei Mille 133, 70011 Alberobello",
        ),
        (
            "Consegnare in Corso della Libertà 101, 10122 Torino (TO), citofono.",
            "Corso della Libertà 101, 10122 Torino (TO)",
        ),
        (
            "Lieferadresse: Lindenring 12, 91541 Rothenburg ob der Tauber",
            "Lindenring 12, 91541 Rothenburg ob der Tauber",
        ),
    ] {
        assert_eq!(spans(text, Entity::Location), [address], "{text}");
    }
}

#[test]
fn blind_postcodes_of_several_countries_beside_towns() {
    let csv = "\
col_4,col_5
TF10 7JT,Newport
97282-7523,Astoria
3908 MT,Ommen
79100,Freiburg im Breisgau
SY16 1GG,Newtown
06500,Menton
K1A 0B1,Ottawa
1017 GC,Amsterdam
28013,Madrid
NE1 3TD,Newcastle upon Tyne
";
    let r = pii_mask::scan(csv.as_bytes(), pii_mask::ScanOptions::default()).expect("scans");
    let entities: Vec<Option<Entity>> = r.columns.iter().map(|c| c.entity).collect();
    assert_eq!(entities, [Some(Entity::Location), Some(Entity::Location)]);
}

#[test]
fn street_names_with_a_regnal_number() {
    for (text, address) in [
        ("Abita in Viale Umberto I 96", "Viale Umberto I 96"),
        (
            "Vive en Calle Carlos III, 5, 28013 Madrid.",
            "Calle Carlos III, 5, 28013 Madrid",
        ),
    ] {
        assert_eq!(spans(text, Entity::Location), [address], "{text}");
    }
    // A lone capital I is no street name.
    assert_eq!(
        spans("I 96 times asked", Entity::Location),
        Vec::<&str>::new()
    );
}
