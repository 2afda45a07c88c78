//! Passport and driving-licence numbers in text, after the word that names
//! the document in any supported language (issue 9).

mod common;

use common::spans;
use pii_mask::detect::Entity;

#[test]
fn passports_after_their_word() {
    for (text, number) in [
        ("Passport Q94367124 checked at the desk", "Q94367124"),
        ("passport no. 533380006, expires soon", "533380006"),
        ("Reisepass C01X00T47 liegt vor", "C01X00T47"),
        ("Reisepass-Nr.: C01X00T47", "C01X00T47"),
        ("numéro de passeport 12AB34567", "12AB34567"),
        ("Pasaporte AAA123456 vigente", "AAA123456"),
        ("Paspoort NW1234567 verlopen", "NW1234567"),
        ("passaporto YA1234567 rinnovato", "YA1234567"),
        ("Passport\u{A0}L898902C3", "L898902C3"),
        ("Reisepass CFGHJ1K2L gültig", "CFGHJ1K2L"),
        ("paspoortnummer NWXR12345", "NWXR12345"),
    ] {
        assert_eq!(spans(text), [(Entity::UsPassport, number)], "{text:?}");
    }
}

#[test]
fn driving_licences_after_their_word() {
    for (text, number) in [
        ("DL D1234567 (CA)", "D1234567"),
        ("driver's license: 123456789", "123456789"),
        ("Driving licence MORGA753116SM9IJ", "MORGA753116SM9IJ"),
        ("Führerschein B072RRE2I55 vorgelegt", "B072RRE2I55"),
        ("permis de conduire 123456789012", "123456789012"),
        ("permiso de conducir 12345678", "12345678"),
        ("rijbewijs 5012345678", "5012345678"),
        ("patente U1A2B3C4D5 scaduta", "U1A2B3C4D5"),
        ("Ontario DL A1234-56789-01234", "A1234-56789-01234"),
    ] {
        assert_eq!(spans(text), [(Entity::UsDriverLicense, number)], "{text:?}");
    }
}

#[test]
fn document_shapes_without_their_word_are_not_documents() {
    for text in [
        "order Q94367124 shipped",
        "ticket ABC12345 closed",
        "in 2024 we passed 12345678 requests",
        "the pass was 123456789 metres long",
        "license key ABCD-1234-EFGH-5678",
        "passport photo ABCDEF1 taken",
        "the passport office on FLOOR2",
    ] {
        let got: Vec<_> = spans(text)
            .into_iter()
            .filter(|(e, _)| matches!(e, Entity::UsPassport | Entity::UsDriverLicense))
            .collect();
        assert!(got.is_empty(), "{text:?}: {got:?}");
    }
}
