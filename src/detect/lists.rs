//! The word lists the detectors read: given names, surnames, places and
//! stopwords (see `data/README.md`). They are about 115 KB of the gzipped
//! .wasm, and only free text needs them.
//!
//! With the feature `lists` (on by default: native builds, tests, fuzzing)
//! they are compiled in. The .wasm is built without it, so that the module
//! a page loads first stays small: scripts/build.sh writes them to
//! `pii_mask_lists.txt` next to the .wasm, the package's loader fetches
//! that file and hands it over ([`install`]) before resolving `init()`, and
//! the entry points that detect call [`require`] first, so that detecting
//! without the lists is an error, never a silent miss.
//!
//! The file: a first line `pii-mask lists VERSION` (the crate's version,
//! so that a stale cached file is refused), then per list, in the order of
//! [`NAMES`], a line `@name length` and `length` bytes of its text.

use crate::Error;

/// The lists' texts, one word or name a line.
pub(crate) struct Lists {
    pub given: &'static str,
    pub given_ssa: &'static str,
    pub surnames: &'static str,
    pub surnames_2010: &'static str,
    pub places: &'static str,
    pub stopwords: &'static str,
}

/// The files under `data/` (without `.txt`), in the order of the bundle.
pub const NAMES: [&str; 6] = [
    "given_names",
    "given_names_ssa",
    "surnames",
    "surnames_2010",
    "places",
    "stopwords",
];

#[cfg(feature = "lists")]
static EMBEDDED: Lists = Lists {
    given: include_str!("data/given_names.txt"),
    given_ssa: include_str!("data/given_names_ssa.txt"),
    surnames: include_str!("data/surnames.txt"),
    surnames_2010: include_str!("data/surnames_2010.txt"),
    places: include_str!("data/places.txt"),
    stopwords: include_str!("data/stopwords.txt"),
};

#[cfg(not(feature = "lists"))]
static INSTALLED: std::sync::OnceLock<Lists> = std::sync::OnceLock::new();

/// The lists. Without the feature `lists`, only after [`install`]: every
/// entry point that detects checks [`require`] before reaching this.
#[cfg(feature = "lists")]
pub(crate) fn get() -> &'static Lists {
    &EMBEDDED
}

#[cfg(not(feature = "lists"))]
#[allow(clippy::expect_used)]
pub(crate) fn get() -> &'static Lists {
    // Not reachable from input: the entry points return `require`'s error.
    INSTALLED
        .get()
        .expect("pii-mask: detection ran before the word lists were installed")
}

/// Whether the lists are there (always, with the feature `lists`).
pub fn ready() -> bool {
    #[cfg(feature = "lists")]
    return true;
    #[cfg(not(feature = "lists"))]
    return INSTALLED.get().is_some();
}

/// An error unless the lists are there.
pub fn require() -> Result<(), Error> {
    if ready() {
        return Ok(());
    }
    Err(Error::state(
        "the name and place lists (pii_mask_lists.txt) are not loaded: \
         call init() of the pii-mask package, which loads them, before detecting",
    ))
}

/// Reads a lists file (see the module's documentation). Installs it when
/// the lists are not compiled in and not installed yet; otherwise only
/// checks it.
pub fn install(bundle: &str) -> Result<(), Error> {
    parse(bundle)?;
    #[cfg(not(feature = "lists"))]
    if INSTALLED.get().is_none() {
        // Kept for the life of the module, as compiled-in lists would be.
        let owned: &'static str = Box::leak(bundle.to_owned().into_boxed_str());
        let [given, given_ssa, surnames, surnames_2010, places, stopwords] = parse(owned)?;
        let _ = INSTALLED.set(Lists {
            given,
            given_ssa,
            surnames,
            surnames_2010,
            places,
            stopwords,
        });
    }
    Ok(())
}

fn parse(bundle: &str) -> Result<[&str; 6], Error> {
    let bad = |why: &str| Error::state(&format!("the lists file (pii_mask_lists.txt) {why}"));
    let (first, mut rest) = bundle.split_once('\n').ok_or_else(|| bad("is empty"))?;
    let version = first
        .strip_prefix("pii-mask lists ")
        .ok_or_else(|| bad("is not a pii-mask lists file"))?;
    if version != env!("CARGO_PKG_VERSION") {
        return Err(bad(&format!(
            "is of version {version}, the module of {}: serve the two of the same build",
            env!("CARGO_PKG_VERSION")
        )));
    }
    let mut out = [""; 6];
    for (slot, name) in out.iter_mut().zip(NAMES) {
        let (head, after) = rest
            .split_once('\n')
            .ok_or_else(|| bad(&format!("ends before the list {name}")))?;
        let len = head
            .strip_prefix('@')
            .and_then(|h| h.strip_prefix(name))
            .and_then(|h| h.strip_prefix(' '))
            .and_then(|n| n.parse::<usize>().ok())
            .ok_or_else(|| bad(&format!("has no list {name} where expected")))?;
        *slot = after
            .get(..len)
            .ok_or_else(|| bad(&format!("is cut short in the list {name}")))?;
        rest = &after[len..];
    }
    if !rest.is_empty() {
        return Err(bad("has more after its last list"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lists file as scripts/build.sh writes it.
    fn bundle(texts: &[&str; 6]) -> String {
        let mut s = format!("pii-mask lists {}\n", env!("CARGO_PKG_VERSION"));
        for (name, text) in NAMES.iter().zip(texts) {
            s.push_str(&format!("@{name} {}\n{text}", text.len()));
        }
        s
    }

    #[test]
    fn reads_the_lists_in_order() {
        let texts = [
            "anna\n",
            "bo\n",
            "smith\n",
            "jones\n",
            "paris\n",
            "the\nà\n",
        ];
        let b = bundle(&texts);
        assert_eq!(parse(&b).unwrap(), texts);
        assert!(install(&b).is_ok());
    }

    #[test]
    fn refuses_damaged_and_stale_files() {
        let texts = ["a\n", "b\n", "c\n", "d\n", "e\n", "f\n"];
        let good = bundle(&texts);
        let stale = good.replacen(env!("CARGO_PKG_VERSION"), "0.0.0-old", 1);
        let cut = &good[..good.len() - 1];
        let extra = format!("{good}x");
        let swapped = good.replacen("@given_names ", "@surnames ", 1);
        for b in ["", "hello\n", &stale, cut, &extra, &swapped] {
            let e = parse(b).unwrap_err();
            assert_eq!(e.code(), "invalid_state", "{b:?}");
            assert!(e.to_string().contains("pii_mask_lists.txt"), "{e}");
        }
    }

    #[cfg(feature = "lists")]
    #[test]
    fn the_compiled_in_lists_are_the_data_files() {
        // What build.sh bundles is what native builds compile in.
        let l = get();
        assert!(l.given.lines().any(|w| w == "mary"));
        assert!(l.places.len() > 100_000 && l.stopwords.contains("the\n"));
        assert!(require().is_ok());
    }
}
