//! People and places known by the shape of the text or of a column, not by
//! a list: German towns after a preposition (German capitalises every
//! noun), the town after a street address or a postcode, and blind columns
//! of names and towns the lists do not hold. Every value here is made up.

use pii_mask::detect::{find, Entity};
use pii_mask::{scan, ScanOptions};

fn places(text: &str) -> Vec<&str> {
    find(text)
        .into_iter()
        .filter(|f| f.entity == Entity::Location)
        .map(|f| &text[f.start..f.end])
        .collect()
}

fn people_or_places(text: &str) -> Vec<&str> {
    find(text)
        .into_iter()
        .filter(|f| matches!(f.entity, Entity::Location | Entity::Person))
        .map(|f| &text[f.start..f.end])
        .collect()
}

#[test]
fn german_towns_after_a_preposition_by_their_shape() {
    for (text, place) in [
        ("Kundin aus Oberhaching meldet Schaden.", "Oberhaching"),
        ("Umzug nach Bernkastel-Kues geplant.", "Bernkastel-Kues"),
        ("Kur in Bad Reichenhall gebucht.", "Bad Reichenhall"),
        ("Die Ware liegt bei Wackersberg im Lager.", "Wackersberg"),
        (
            "Der Fahrer kommt aus Kleinmachnow, bitte warten.",
            "Kleinmachnow",
        ),
    ] {
        assert_eq!(places(text), [place], "{text}");
    }
}

#[test]
fn german_nouns_after_a_preposition_are_no_places() {
    for text in [
        "Der Vertrag ist in Bearbeitung und wird nach Rücksprache in Kraft gesetzt.",
        "Die Ware ist nach Übersee verschickt, Kunde aus Versehen doppelt belastet.",
        "Lieferung in Einzelteilen aus Lagerbestand nach Auftragseingang.",
        "Wir sind in Vorleistung gegangen, bitte aus Kulanz erstatten.",
        "Gutschrift aus Reklamation nach Prüfung durch Qualitätssicherung.",
        "Versand aus Zentrallager nach Freigabe.",
        "Rechnung nach Abschluss in Papierform.",
        "Er ist nach Hause gegangen und alles ist in Ordnung.",
        "Daten aus Excel-Export in SAP-System übertragen.",
    ] {
        assert_eq!(people_or_places(text), Vec::<&str>::new(), "{text}");
    }
}

#[test]
fn the_town_after_an_address_or_a_postcode() {
    for (text, place) in [
        (
            "She lives at 42 Birchwood Lane, Harrowgate.",
            "42 Birchwood Lane, Harrowgate",
        ),
        (
            "Lieferadresse: Lindenweg 14, 83646 Wackersberg",
            "Lindenweg 14, 83646 Wackersberg",
        ),
        ("PLZ/Ort: 83646 Wackersberg", "83646 Wackersberg"),
        ("Kerkstraat 12, Ootmarsum", "Kerkstraat 12, Ootmarsum"),
    ] {
        assert_eq!(places(text), [place], "{text}");
    }
    // A count after a number is no town; an address's flat number is no
    // town either, but part of the address.
    assert_eq!(places("Bestellung 4711, 12345 Stück"), Vec::<&str>::new());
    assert_eq!(places("12 Elm Street, Apt 4"), ["12 Elm Street, Apt 4"]);
}

/// The suggested operator and entity of each column of `csv`.
fn columns(csv: &str) -> Vec<(String, Option<Entity>, String)> {
    let r = scan(csv.as_bytes(), ScanOptions::default()).expect("scans");
    r.columns
        .into_iter()
        .map(|c| {
            let op = serde_json::to_value(&c.suggested).unwrap()["op"]
                .as_str()
                .unwrap()
                .to_string();
            (c.name, c.entity, op)
        })
        .collect()
}

#[test]
fn blind_columns_of_unlisted_names_and_towns_are_protected() {
    let csv = "\
col_1,col_2,col_3
Hendrikje Veldkamp,Oberhaching,Harrowgate
Ottavio Scarpellini,Gräfenhainichen,Little Snoring
Remedios Quintanilla,Wunsiedel,Ashbury
Jeanne Vautrin,Kleinmachnow,Thornbury
Marguerite Duplessis,Bernkastel-Kues,Wickhamford
Aurelio Bracciolini,Sainte-Menehould,Castelnuovo Berardenga
Wouter Bosschaert,Wackersberg,Stow-on-the-Wold
Pola Ferrandi,Terricciola,Nieuw-Vennep
Jürgen Hollerbach,Ootmarsum,Great Ayton
Sieglinde Abendroth,Kleinkahl,Saint-Rémy-de-Provence
";
    let cols = columns(csv);
    assert_eq!(cols[0].1, Some(Entity::Person), "{cols:?}");
    assert_eq!(cols[1].1, Some(Entity::Location), "{cols:?}");
    assert_eq!(cols[2].1, Some(Entity::Location), "{cols:?}");
    for c in &cols {
        assert!(c.2 != "keep" && c.2 != "scrub", "{c:?}");
    }
}

#[test]
fn blind_columns_of_titles_departments_and_companies_stay() {
    let csv = "\
col_1,col_2,col_3,col_4
Jefe de Ventas,North Region Manager,Customer Success,Kestrel Analytics
Responsable de Compras,South Sales Lead,Procurement,Halvorsen & Co
Técnico de Soporte,East Account Manager,Field Operations,Pinewood Labs
Analista de Datos,West Region Manager,Legal,Tessellate AG
Jefe de Producto,Regional Sales Director,Finance,Corvid Partners
Director de Finanzas,Area Manager,Marketing,Vireo Health
Jefe de Almacén,Key Account Manager,Payroll,Starling Freight
Asistente de Dirección,Field Service Manager,Logistics,Quarry Stone Ltd
";
    for c in columns(csv) {
        assert_eq!((c.1, c.2.as_str()), (None, "keep"), "{c:?}");
    }
}
