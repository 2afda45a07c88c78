//! Column detection when the headers say nothing (issue 9): without a
//! header row or under blind headers (`col_23`), a column is known by its
//! values and by its neighbours, and look-alikes stay kept.

use pii_mask::detect::Entity;
use pii_mask::{scan, Header, ScanOptions};

/// Each column's entity and suggested operator.
fn columns(csv: &str, header: Header) -> Vec<(Option<Entity>, &'static str)> {
    let opts = ScanOptions {
        header,
        ..ScanOptions::default()
    };
    scan(csv.as_bytes(), opts)
        .unwrap()
        .columns
        .iter()
        .map(|c| (c.entity, c.suggested.name()))
        .collect()
}

/// Twelve rows made by `row`, one a line.
fn rows(row: impl Fn(usize) -> String) -> String {
    (0..12).map(|i| row(i) + "\n").collect()
}

const GIVEN: [&str; 12] = [
    "Giulia",
    "Marco",
    "Francesca",
    "Luca",
    "Chiara",
    "Paolo",
    "Elena",
    "Matteo",
    "Sara",
    "Andrea",
    "Federica",
    "Stefano",
];
const SURNAMES: [&str; 12] = [
    "Lo Presti",
    "De Santis",
    "Bianchi",
    "Esposito",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
    "Bruno",
    "Gallo",
    "Conti",
    "Mancini",
];

#[test]
fn a_surname_column_beside_given_names_in_a_headerless_file() {
    // The given names are known by their values only; the surnames (two
    // with a particle, some names found inside) follow them.
    let csv = rows(|i| format!("{},{},{}", GIVEN[i], SURNAMES[i], i * 7));
    let got = columns(&csv, Header::Absent);
    assert_eq!(got[0], (Some(Entity::Person), "hash"));
    assert_eq!(got[1], (Some(Entity::Person), "hash"), "{got:?}");
    assert_eq!(got[2], (None, "keep"));
}

#[test]
fn towns_off_the_lists_beside_postcodes_in_a_headerless_file() {
    let streets = [
        "Dorpsstraat 4",
        "Kerkweg 12",
        "Brink 3",
        "Molenweg 27",
        "Schoolstraat 8",
        "Hoofdweg 101",
        "Vaart 9",
        "Esweg 14",
        "Beukenlaan 2",
        "Zuideinde 33",
        "Noordeinde 5",
        "Heideweg 71",
    ];
    let codes = [
        "7971 AB", "7961 CD", "7948 EF", "7971 GH", "7973 JK", "7991 LM", "7981 NP", "8381RS",
        "8386TV", "8382WX", "8384ZA", "8387BC",
    ];
    let villages = [
        "Wapserveen",
        "Ruinerwold",
        "Nijeveen",
        "Havelte",
        "Uffelte",
        "Dwingeloo",
        "Diever",
        "Vledder",
        "Wapse",
        "Frederiksoord",
        "Zorgvlied",
        "Doldersum",
    ];
    // Dutch postcodes, some written without the space.
    let csv = rows(|i| format!("{};{};{};{i}", streets[i], codes[i], villages[i]));
    let got = columns(&csv, Header::Absent);
    assert_eq!(got[1], (Some(Entity::Location), "generalize"));
    assert_eq!(got[2], (Some(Entity::Location), "redact"), "{got:?}");
    assert_eq!(got[3], (None, "keep"));
}

#[test]
fn full_names_with_particles_under_a_blind_header() {
    let names = [
        "Jade van de Veen",
        "Sem de Vries",
        "Femke van der Berg",
        "Daan de Jong",
        "Lotte van Dijk",
        "Bram ter Horst",
        "Sanne van den Bosch",
        "Ruben de Graaf",
        "Iris van Leeuwen",
        "Thijs van der Linden",
        "Noor de Wit",
        "Jesse van Vliet",
    ];
    let csv = format!(
        "col_1,col_2\n{}",
        rows(|i| format!("{},{}", names[i], i * 3))
    );
    let got = columns(&csv, Header::Auto);
    assert_eq!(got[0], (Some(Entity::Person), "hash"), "{got:?}");
}

#[test]
fn blind_dates_of_birth_with_an_empty_time_or_a_two_digit_year() {
    // Exported from a database: every time is midnight.
    let csv = format!(
        "col_23,col_24\n{}",
        rows(|i| format!("{}-{:02}-{:02} 00:00:00,{i}", 1941 + i * 5, 1 + i, 3 + i))
    );
    assert_eq!(
        columns(&csv, Header::Auto)[0],
        (Some(Entity::DateTime), "generalize")
    );
    // Years of two digits, 41 to 96.
    let csv = format!(
        "col_23,col_24\n{}",
        rows(|i| format!("{:02}/{:02}/{:02},{i}", 1 + i, 3 + i, 41 + i * 5))
    );
    assert_eq!(
        columns(&csv, Header::Auto)[0],
        (Some(Entity::DateTime), "generalize")
    );
}

#[test]
fn event_dates_and_short_versions_are_no_dates_of_birth() {
    let csv = format!(
        "col_5,col_6\n{}",
        rows(|i| format!("{}-{:02}-{:02},{i}", 2018 + i % 6, 1 + i, 3 + i))
    );
    assert_eq!(columns(&csv, Header::Auto)[0].1, "keep");
    // `7.6.13` reads as a date with a two-digit year; a column of them
    // (third parts 10 to 32) is versions.
    let csv = format!(
        "col_5,col_6\n{}",
        rows(|i| format!("{}.{}.{},{i}", 1 + i % 9, i % 7, 10 + i * 2))
    );
    assert_eq!(columns(&csv, Header::Auto)[0].1, "keep");
}

#[test]
fn a_blind_column_of_versions_with_large_minors_is_not_addresses() {
    // 2.31.0.10 ... 2.75.2.219: every part a valid octet, but a small
    // major and patch.
    let csv = format!(
        "col_5,col_6\n{}",
        rows(|i| format!("2.{}.{}.{},{i}", 31 + i * 4, i % 3, 10 + i * 19))
    );
    assert_eq!(columns(&csv, Header::Auto)[0], (None, "keep"));
    // Addresses spread their first octets: still hashed.
    let csv = format!(
        "col_5,col_6\n{}",
        rows(|i| format!(
            "{}.{}.{}.{},{i}",
            40 + i * 15,
            7 + i * 20,
            3 + i * 9,
            1 + i * 21
        ))
    );
    assert_eq!(
        columns(&csv, Header::Auto)[0],
        (Some(Entity::IpAddress), "hash")
    );
}
