//! Look-alikes that are not personal data (issue 9): the groups of a UUID
//! are not identifiers, and a dotted quad after a word naming a version is a
//! version, not an IP address.

mod common;

use common::spans;
use pii_mask::detect::{judge, Entity};

#[test]
fn no_identifier_inside_a_uuid() {
    // UUIDs whose first group is seven digits and a letter: the shape of a
    // Spanish NIF, with a valid check letter.
    for uuid in [
        "9180756f-2bbb-41d2-a248-f6ac68db33b2",
        "7560661D-8116-46B0-AA72-B5BC50230A23",
        "5166259e-e1e3-4da0-aabb-8bf08650c55b",
    ] {
        let text = format!("request {uuid} failed");
        assert_eq!(spans(&text), [], "{text}");
        assert_eq!(judge(uuid), None, "{uuid}");
    }
    // A random sample: nothing in any of them.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..5000 {
        let mut hex = String::new();
        for _ in 0..32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            hex.push(char::from(b"0123456789abcdef"[(x % 16) as usize]));
        }
        let uuid = format!(
            "{}-{}-4{}-a{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[13..16],
            &hex[17..20],
            &hex[20..32]
        );
        assert_eq!(spans(&format!("id {uuid} ok")), [], "{uuid}");
    }
    // The id itself, next to a UUID, is still found.
    assert_eq!(
        spans("NIF 12345678Z, ref 9180756f-2bbb-41d2-a248-f6ac68db33b2"),
        [(Entity::EsNif, "12345678Z")]
    );
}

#[test]
fn versions_are_not_ip_addresses() {
    for text in [
        "firmware v. 10.2.0.1",
        "v.10.2.0.1",
        "ver. 10.2.0.1 installed",
        "versie 10.2.0.1",
        "de versie is 10.2.0.1",
        "versión 10.2.0.1",
        "versione 10.2.0.1",
        "upgraded fw to 10.2.0.1",
        "fw version is 10.2.0.1",
        "firmware updated to 10.2.0.1 today",
        "build #10.2.0.1",
        "rev 10.2.0.1",
    ] {
        let got: Vec<_> = spans(text)
            .into_iter()
            .filter(|(e, _)| *e == Entity::IpAddress)
            .collect();
        assert!(got.is_empty(), "{text:?}: {got:?}");
    }
    for text in [
        "login from 10.2.0.1",
        "Firmware update failed for host 10.2.0.1",
        "released the lock, then 10.2.0.1 connected",
    ] {
        assert!(
            spans(text).contains(&(Entity::IpAddress, "10.2.0.1")),
            "{text:?}: {:?}",
            spans(text)
        );
    }
}

#[test]
fn a_product_name_and_its_model_word_are_no_person() {
    for text in [
        "Returned Aurora Mini unit, ticket RMA-12345.",
        "Customer asked about the Sierra Pro pricing",
        "upgrade to Vega Plus next month",
    ] {
        assert!(
            common::spans(text)
                .iter()
                .all(|(e, _)| *e != Entity::Person),
            "{text}: {:?}",
            common::spans(text)
        );
    }
}

/// The suggested operator and entity of each column of `csv`.
fn column_ops(csv: &str) -> Vec<(String, Option<Entity>, String)> {
    let r = pii_mask::scan(csv.as_bytes(), pii_mask::ScanOptions::default()).expect("scans");
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
fn columns_that_repeat_a_few_product_or_brand_names_are_no_people() {
    // Products and brands, some of them also given names (Aurora, Sierra,
    // Rose, Clair), repeated down the column; beside them people's names,
    // which differ from row to row, and a header that says first names.
    let products = [
        "Nimbus", "Aurora", "Sierra", "Atlas", "Vega", "Orion", "Juniper",
    ];
    let brands = [
        "Maison Lavande",
        "Clair Matin",
        "Rose Marine",
        "Val Fleuri",
        "Belle Rive",
    ];
    let given = [
        "Anna", "Pierre", "Lucía", "Daan", "Giulia", "Oliver", "Marie", "Hugo", "Sofia", "Jonas",
        "Emma",
    ];
    let surnames = [
        "Weber", "Martin", "García", "Bakker", "Rossi", "Smith", "Dubois", "Fischer", "Romano",
        "Jansen", "Brown", "Moreau", "Vogel",
    ];
    let mut csv = String::from("Item,col_7,col_3,first_name\n");
    for i in 0..120 {
        csv += &format!(
            "{},{},{} {},{}\n",
            products[i % products.len()],
            brands[i % brands.len()],
            given[i % given.len()],
            surnames[(i * 7) % surnames.len()],
            given[i % given.len()],
        );
    }
    let cols = column_ops(&csv);
    assert_eq!((cols[0].1, cols[0].2.as_str()), (None, "keep"), "{cols:?}");
    assert_eq!((cols[1].1, cols[1].2.as_str()), (None, "keep"), "{cols:?}");
    assert_eq!(cols[2].1, Some(Entity::Person), "{cols:?}");
    assert_eq!(cols[3].1, Some(Entity::Person), "{cols:?}");
}

#[test]
fn german_formal_pronouns_and_form_labels_are_no_names() {
    for text in [
        "Sehr geehrte Frau Eichhorn, vielen Dank für Ihre Nachricht.",
        "vielen Dank für Ihre Nachricht und Ihre Geduld.",
        "Herr Schneider hat angerufen, neue Anschrift: Hauptstr. 5",
    ] {
        let people: Vec<&str> = common::spans(text)
            .into_iter()
            .filter(|(e, _)| *e == Entity::Person)
            .map(|(_, s)| s)
            .filter(|s| !["Eichhorn", "Schneider"].contains(s))
            .collect();
        assert_eq!(people, Vec::<&str>::new(), "{text}");
    }
}
