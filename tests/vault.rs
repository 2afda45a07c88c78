//! The vault: tokens are stable across columns, rows and files; the file
//! round-trips under its passphrase; a wrong passphrase, a cut file or one
//! changed byte anywhere gives a clear error and no vault; the file holds
//! no value or token in the clear.

use pii_mask::vault::{VaultParams, ENTRY_OVERHEAD};
use pii_mask::{ErrorKind, MaskOptions, Masker, Policy, Vault};

const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

/// Cheap Argon2 for tests only; the default is checked below.
const CHEAP: VaultParams = VaultParams {
    memory_kib: 64,
    passes: 1,
    lanes: 1,
};

const POLICY: &str = r#"{"version": 1, "columns": {
    "name": {"op": "tokenize", "entity": "PERSON"},
    "manager": {"op": "tokenize", "entity": "PERSON"},
    "email": {"op": "tokenize"},
    "notes": {"op": "scrub", "replace": "tokenize"}}}"#;

const CSV: &str = "name,manager,email,notes\n\
    Ann Lee,Bo Chan,ann@example.com,call 415-555-0132\n\
    Bo Chan,Ann Lee,bo@example.org,mail ann@example.com please\n\
    Cy Dunn,Ann Lee,cy@example.net,nothing\n";

fn mask(csv: &str, vault: Option<Vault>, key: &[u8]) -> Result<(String, Masker), pii_mask::Error> {
    let opts = MaskOptions {
        key: Some(key.to_vec()),
        vault,
        ..MaskOptions::default()
    };
    let mut m = Masker::new(Policy::from_json(POLICY).unwrap(), opts)?;
    let mut out = Vec::new();
    m.push(csv.as_bytes(), &mut out)?;
    m.finish(&mut out)?;
    Ok((String::from_utf8(out).unwrap(), m))
}

fn cells(csv: &str) -> Vec<Vec<String>> {
    csv.lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn equal_values_get_equal_tokens_across_columns_and_rows() {
    let (out, m) = mask(CSV, None, KEY).unwrap();
    let rows = cells(&out);
    assert!(rows[1][0].starts_with("PERSON_"));
    assert_eq!(rows[1][0], rows[2][1], "Ann Lee as name and as manager");
    assert_eq!(rows[1][0], rows[3][1]);
    assert_eq!(rows[1][1], rows[2][0], "Bo Chan");
    // The header says what the column holds; the same email found in free
    // text gets the same token.
    assert!(rows[1][2].starts_with("EMAIL_ADDRESS_"));
    assert!(rows[1][3].starts_with("call PHONE_NUMBER_"));
    assert_eq!(rows[2][3], format!("mail {} please", rows[1][2]));
    assert_eq!(rows[3][3], "nothing");
    for v in ["Ann Lee", "Bo Chan", "ann@example.com", "415-555-0132"] {
        assert!(!out.contains(v), "{v} left in the output");
    }
    let stats = m.vault().stats();
    // 3 people, 3 emails, a phone.
    assert_eq!(stats.tokens, 7);
    assert!(stats.bytes > 7 * ENTRY_OVERHEAD);
    let report = m.report();
    assert_eq!(report.vault, Some(stats));
}

#[test]
fn the_vault_file_round_trips_and_continues_with_the_same_tokens() {
    let (first, m) = mask(CSV, None, KEY).unwrap();
    let file = m.vault().export_with("correct horse", CHEAP).unwrap();
    let opened = Vault::open(&file, "correct horse").unwrap();
    assert_eq!(opened.stats(), m.vault().stats());
    // A second file, masked with the vault opened again, reuses its tokens.
    let second_csv = "name,manager,email,notes\nDee Fox,Ann Lee,x@example.com,hi Cy Dunn\n";
    let (second, m2) = mask(second_csv, Some(opened.clone()), KEY).unwrap();
    assert_eq!(cells(&second)[1][1], cells(&first)[1][0]);
    assert_eq!(m2.vault().stats().tokens, opened.stats().tokens);
    assert!(
        opened.stats().tokens > m.vault().stats().tokens,
        "Dee Fox was added"
    );
    // Another key would give other tokens: refused.
    let err = mask(second_csv, Some(opened), b"another key of sixteen bytes")
        .err()
        .unwrap();
    assert_eq!(err.kind(), ErrorKind::VaultKey);
}

#[test]
fn the_file_holds_nothing_in_the_clear() {
    let (out, m) = mask(CSV, None, KEY).unwrap();
    let file = m.vault().export_with("pass phrase", CHEAP).unwrap();
    let token = cells(&out)[1][0].clone();
    let hay = String::from_utf8_lossy(&file);
    for needle in [
        "Ann Lee",
        "ann@example.com",
        token.as_str(),
        "PERSON",
        "pass phrase",
    ] {
        assert!(!hay.contains(needle), "{needle} in the vault file");
    }
    // Format 2 (with surrogates), Argon2id.
    assert!(file.starts_with(b"PIIMASKV\x02\x01"));
    // Two exports differ (fresh salt and nonce).
    assert_ne!(file, m.vault().export_with("pass phrase", CHEAP).unwrap());
}

#[test]
fn a_wrong_passphrase_a_cut_file_and_any_changed_byte_are_refused() {
    let (_, m) = mask(CSV, None, KEY).unwrap();
    let file = m.vault().export_with("right", CHEAP).unwrap();
    let kind = |bytes: &[u8], pass: &str| Vault::open(bytes, pass).map(|_| ()).unwrap_err().kind();
    assert_eq!(kind(&file, "wrong"), ErrorKind::VaultPassphrase);
    assert_eq!(kind(&file, ""), ErrorKind::VaultPassphrase);
    let err = Vault::open(&file, "wrong").unwrap_err();
    assert!(err.to_string().contains("wrong passphrase"), "{err}");
    // Cut anywhere.
    for cut in [0, 4, 8, 40, 81, 82, 83, file.len() / 2, file.len() - 1] {
        let k = kind(&file[..cut], "right");
        assert!(
            matches!(k, ErrorKind::VaultDamaged | ErrorKind::VaultFormat),
            "cut at {cut}: {k:?}"
        );
    }
    assert_eq!(
        kind(&file[..file.len() - 1], "right"),
        ErrorKind::VaultDamaged
    );
    let mut longer = file.clone();
    longer.push(0);
    assert_eq!(kind(&longer, "right"), ErrorKind::VaultDamaged);
    // One bit flipped in every byte: magic, header fields, salt, nonce,
    // check, length, digest, ciphertext and tag.
    for i in 0..file.len() {
        let mut bad = file.clone();
        bad[i] ^= 0x01;
        let k = kind(&bad, "right");
        let want = if i < 8 {
            ErrorKind::VaultFormat
        } else {
            ErrorKind::VaultDamaged
        };
        assert_eq!(k, want, "byte {i}");
    }
    assert_eq!(kind(b"name,email\n", "right"), ErrorKind::VaultFormat);
}

#[test]
fn the_default_cost_is_owasps_minimum_and_opens() {
    let p = VaultParams::default();
    assert!(p.memory_kib >= 19 * 1024 && p.passes >= 2 && p.lanes == 1);
    let v = Vault::new();
    let file = v.export("a passphrase").unwrap();
    assert_eq!(&file[10..14], &(19u32 * 1024).to_le_bytes());
    assert!(Vault::open(&file, "a passphrase").unwrap().is_empty());
}

#[test]
fn a_column_of_no_known_entity_gets_value_tokens() {
    let policy = r#"{"version": 1, "columns": {"code": {"op": "tokenize"}}}"#;
    let opts = MaskOptions {
        key: Some(KEY.to_vec()),
        header: pii_mask::Header::Present,
        ..MaskOptions::default()
    };
    let mut m = Masker::new(Policy::from_json(policy).unwrap(), opts).unwrap();
    let mut out = Vec::new();
    m.push(b"code\nzq-1\nzq-1\n", &mut out).unwrap();
    m.finish(&mut out).unwrap();
    let rows = cells(std::str::from_utf8(&out).unwrap());
    assert!(rows[1][0].starts_with("VALUE_"), "{rows:?}");
    assert_eq!(rows[1][0], rows[2][0]);
}

#[test]
fn tokenize_needs_the_key() {
    let err = Masker::new(Policy::from_json(POLICY).unwrap(), MaskOptions::default())
        .err()
        .unwrap();
    assert_eq!(err.kind(), ErrorKind::MissingKey);
    assert!(err.to_string().contains("tokenizes"), "{err}");
}

#[test]
fn surrogates_survive_the_file_and_stay_out_of_its_clear_text() {
    let policy = r#"{"version": 1, "columns": {
        "name": {"op": "tokenize", "entity": "PERSON", "style": "surrogate"},
        "notes": {"op": "scrub", "replace": "tokenize", "style": "surrogate"}}}"#;
    let csv = "name,notes\nAnn Lee,mail ann@corp.io\n";
    let run = |vault: Option<Vault>| {
        let opts = MaskOptions {
            key: Some(KEY.to_vec()),
            vault,
            ..MaskOptions::default()
        };
        let mut m = Masker::new(Policy::from_json(policy).unwrap(), opts).unwrap();
        let mut out = Vec::new();
        m.push(csv.as_bytes(), &mut out).unwrap();
        m.finish(&mut out).unwrap();
        (String::from_utf8(out).unwrap(), m.vault())
    };
    let (out, vault) = run(None);
    let surrogate = cells(&out)[1][0].clone();
    let file = vault.export_with("pass phrase", CHEAP).unwrap();
    let hay = String::from_utf8_lossy(&file);
    for needle in [
        "Ann Lee",
        "ann@corp.io",
        surrogate.as_str(),
        "example",
        "PERSON",
    ] {
        assert!(!hay.contains(needle), "{needle} in the vault file");
    }
    let opened = Vault::open(&file, "pass phrase").unwrap();
    assert_eq!(opened.stats(), vault.stats());
    // The opened vault restores surrogates (and their name parts) ...
    let last = surrogate.rsplit(' ').next().unwrap();
    let (back, report) = pii_mask::restore(&format!("{out}Mr. {last}"), &opened);
    assert_eq!(back, format!("{csv}Mr. Lee"));
    assert_eq!(report.restored["PERSON"], 2);
    // ... and continues with the same surrogates.
    assert_eq!(run(Some(opened)).0, out);
}

#[test]
fn absorb_joins_a_copy_that_came_back_with_more_tokens() {
    // What the page's worker does: a copy crosses as a file, masks a second
    // file, comes back as a file, and is absorbed into the original.
    let (first, m) = mask(CSV, None, KEY).unwrap();
    let vault = m.vault();
    let copy = Vault::open(&vault.export_with("one-time", CHEAP).unwrap(), "one-time").unwrap();
    let second_csv = "name,manager,email,notes\nDee Fox,Ann Lee,x@example.com,hi\n";
    let (second, m2) = mask(second_csv, Some(copy), KEY).unwrap();
    let back = Vault::open(
        &m2.vault().export_with("one-time", CHEAP).unwrap(),
        "one-time",
    )
    .unwrap();
    let before = vault.stats().tokens;
    vault.absorb(&back).unwrap();
    assert_eq!(vault.stats().tokens, back.stats().tokens);
    assert!(
        vault.stats().tokens > before,
        "Dee Fox and x@example.com joined"
    );
    let dee = &cells(&second)[1][0];
    assert_eq!(
        vault.get(dee).as_deref().map(String::as_str),
        Some("Dee Fox")
    );
    assert_eq!(
        vault
            .get(&cells(&first)[1][0])
            .as_deref()
            .map(String::as_str),
        Some("Ann Lee")
    );
    // Absorbing again, or itself, changes nothing.
    vault.absorb(&back).unwrap();
    vault.absorb(&vault.clone()).unwrap();
    assert_eq!(vault.stats(), back.stats());
}

#[test]
fn absorb_refuses_a_vault_of_another_key_and_changes_nothing() {
    let (_, m) = mask(CSV, None, KEY).unwrap();
    let (_, other) = mask(CSV, None, b"another key of sixteen bytes").unwrap();
    let vault = m.vault();
    let before = vault.stats();
    let err = vault.absorb(&other.vault()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::VaultKey);
    assert_eq!(vault.stats(), before);
}

#[test]
fn tokens_in_the_output_are_no_residual_personal_data() {
    // `PERSON_659591` reads like a name to the detectors; the residual
    // check knows the vault's tokens. A name left in the clear still counts.
    let csv =
        "name,manager,email,notes\nAnn Lee,Bo Chan,ann@example.com,call Ann Lee at 415-555-0132\n";
    let (out, m) = mask(csv, None, KEY).unwrap();
    assert!(out.contains("call PERSON_"), "{out}");
    assert_eq!(m.report().residual, vec![], "{out}");
    let kept = POLICY.replace(r#""manager": {"op": "tokenize", "entity": "PERSON"},"#, "");
    let opts = MaskOptions {
        key: Some(KEY.to_vec()),
        ..MaskOptions::default()
    };
    let mut m = Masker::new(Policy::from_json(&kept).unwrap(), opts).unwrap();
    let mut out = Vec::new();
    m.push(csv.as_bytes(), &mut out).unwrap();
    m.finish(&mut out).unwrap();
    let residual = m.report().residual;
    assert_eq!(residual.len(), 1, "{residual:?}");
    assert_eq!(residual[0].name, "manager");
}
