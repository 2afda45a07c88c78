//! Look-alike characters (issue 10): personal data written with fullwidth
//! forms, other scripts' digits, Unicode spaces and dashes, zero-width
//! characters or unusual separators is found, and the span reported covers
//! the original text whole (so a scrub leaves nothing of it).

use pii_mask::detect::{find, find_utf16, judge, Entity};

/// The one finding in `text`, as (entity, original text of the span).
fn only(text: &str) -> (Entity, &str) {
    let found = find(text);
    assert_eq!(found.len(), 1, "{text:?}: {found:?}");
    (found[0].entity, &text[found[0].start..found[0].end])
}

#[test]
fn cards_in_look_alike_digits_and_separators() {
    for card in [
        "４１１１ １１１１ １１１１ １１１１",
        "٤١١١ ١١١١ ١١١١ ١١١١",
        "۴۱۱۱-۱۱۱۱-۱۱۱۱-۱۱۱۱",
        "४१११४१११४१११४१११",
        "4111|1111|1111|1111",
        "4111\u{A0}1111\u{A0}1111\u{A0}1111",
        "4111\u{2014}1111\u{2014}1111\u{2014}1111",
        "4111\u{AD}1111\u{AD}1111\u{AD}1111",
        "4111\u{200B}1111\u{200B}1111\u{200B}1111",
    ] {
        let text = format!("card {card} declined");
        // The Devanagari one repeats 4111: Luhn still has to hold.
        if card.starts_with('४') {
            assert!(find(&text).is_empty(), "{text:?}");
            continue;
        }
        assert_eq!(only(&text), (Entity::CreditCard, card), "{text:?}");
        assert_eq!(judge(card), Some(Entity::CreditCard), "{card:?}");
    }
}

#[test]
fn ibans_with_nbsp_or_in_lower_case() {
    for iban in [
        "DE89\u{A0}3704\u{A0}0044\u{A0}0532\u{A0}0130\u{A0}00",
        "de89 3704 0044 0532 0130 00",
        "de89370400440532013000",
        "ＤＥ８９３７０４００４４０５３２０１３０００",
    ] {
        let text = format!("IBAN {iban}.");
        assert_eq!(only(&text), (Entity::IbanCode, iban), "{text:?}");
        assert_eq!(judge(iban), Some(Entity::IbanCode), "{iban:?}");
    }
    assert!(
        find("de89 3704 0044 0532 0130 01").is_empty(),
        "mod 97 holds"
    );
}

#[test]
fn ssns_with_nbsp_or_dots() {
    for ssn in ["123\u{A0}45\u{A0}6789", "123.45.6789", "١٢٣-٤٥-٦٧٨٩"] {
        let text = format!("SSN {ssn}");
        assert_eq!(only(&text), (Entity::UsSsn, ssn), "{text:?}");
    }
}

#[test]
fn phone_with_an_extension() {
    for phone in [
        "(415)555-0132x12",
        "(415) 555-0132 ext. 12",
        "415-555-0132 x 7",
    ] {
        let text = format!("call {phone} today");
        assert_eq!(only(&text), (Entity::PhoneNumber, phone), "{text:?}");
    }
}

#[test]
fn an_email_with_a_zero_width_character_is_found_whole() {
    for email in [
        "jane\u{200B}.doe@example.com",
        "jane.doe@exam\u{200D}ple.com",
        "jane\u{AD}.doe@example.com",
        "ｊａｎｅ．ｄｏｅ＠ｅｘａｍｐｌｅ．ｃｏｍ",
        "jane.doe\u{FE6B}example.com",
    ] {
        let text = format!("mail {email} now");
        assert_eq!(only(&text), (Entity::EmailAddress, email), "{text:?}");
        assert_eq!(judge(email), Some(Entity::EmailAddress), "{email:?}");
    }
}

#[test]
fn utf16_offsets_cover_the_original_span() {
    let text = "😀 jane\u{200B}.doe@example.com ok";
    let spans = find_utf16(text);
    assert_eq!(spans.len(), 1);
    let units: Vec<u16> = text.encode_utf16().collect();
    let got = String::from_utf16(&units[spans[0].start..spans[0].end]).unwrap();
    assert_eq!(got, "jane\u{200B}.doe@example.com");
    assert_eq!(spans[0].text, got);
}

#[test]
fn accented_text_is_matched_as_before() {
    let text = "Zoë née Müller — 電話 +33 1 42 68 53 00 ✉ zoe@example.fr";
    let got: Vec<_> = find(text)
        .iter()
        .map(|f| (f.entity, &text[f.start..f.end]))
        .collect();
    assert!(got.contains(&(Entity::PhoneNumber, "+33 1 42 68 53 00")));
    assert!(got.contains(&(Entity::EmailAddress, "zoe@example.fr")));
}

#[test]
fn scrub_leaves_nothing_of_a_look_alike_value() {
    use pii_mask::{MaskOptions, Masker, Policy};
    let policy = Policy::from_json(
        r#"{"version": 1, "default": {"op": "keep"}, "columns": {"notes": {"op": "scrub"}}}"#,
    )
    .unwrap();
    let mut masker = Masker::new(policy, MaskOptions::default()).unwrap();
    let mut out = Vec::new();
    let input = "id,notes\n1,mail jane\u{200B}.doe@example.com or card ４１１１ １１１１ １１１１ １１１１\n";
    masker.push(input.as_bytes(), &mut out).unwrap();
    masker.finish(&mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(
        out,
        "id,notes\n1,mail [EMAIL_ADDRESS] or card [CREDIT_CARD]\n"
    );
}
