#!/usr/bin/env node
// Writes corpus 3: a third labelled tuning corpus made from hand-written
// templates (no fake-data generator), in the scorer's label format
// (../corpus/README.md). See README.md here for what it holds and why.
//
//   node bench/corpus3/generate.mjs [--out DIR] [--seed N] [--rows N]
//
// Deterministic: the same seed gives the same bytes.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const { PhoneNumberUtil } = require('google-libphonenumber');
const phoneUtil = PhoneNumberUtil.getInstance();

const HERE = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: join(HERE, 'out') },
    seed: { type: 'string', default: '3333' },
    rows: { type: 'string', default: '240' },
  },
});

// ------------------------------------------------------------------ random

function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const chance = (p) => next() < p;
  const digits = (n) => Array.from({ length: n }, () => int(0, 9)).join('');
  return { next, int, pick, chance, digits };
}

// ------------------------------------------------------ real-world facts
//
// Given names and surnames that are common in each country (as national
// statistics offices publish them); real towns, large and small (under
// 15,000 people too, which no list the product ships holds); street-type
// words and postcode shapes as the postal services define them. Written
// here by hand; nothing comes from a fake-data generator.

const L = {
  us: {
    given: ['James', 'Mary', 'Robert', 'Patricia', 'Jennifer', 'Michael', 'Linda', 'Tyler', 'Brianna', 'Destiny', 'Jaden', 'Kayla', 'Marcus', 'Latoya', 'Dwayne', 'Shelby', 'Trevor', 'Colleen', 'Deshawn', 'Maribel'],
    surname: ['Smith', 'Johnson', 'Okafor', 'Nguyen', 'Kowalski', 'Delgado', 'Whitfield', 'Brennan', 'Abernathy', 'Castellanos', 'Lindqvist', 'Pruitt', 'Haskins', 'Yazzie', 'Kaminski', 'Oyelaran', 'Thibodeaux', 'McAllister', 'Vanderbilt', 'Ostrowski'],
    towns: [['Boise', 'ID'], ['Duluth', 'MN'], ['Keene', 'NH'], ['Bozeman', 'MT'], ['Moab', 'UT'], ['Bar Harbor', 'ME'], ['Sedona', 'AZ'], ['Marfa', 'TX'], ['Galena', 'IL'], ['Stowe', 'VT'], ['Astoria', 'OR'], ['Beaufort', 'SC'], ['Lexington', 'KY'], ['Ithaca', 'NY'], ['Taos', 'NM'], ['Oxford', 'MS'], ['Laramie', 'WY'], ['Nantucket', 'MA'], ['Eureka Springs', 'AR'], ['Hood River', 'OR']],
    streetNames: ['Main', 'Oak', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lincoln', 'Park', 'Lake', 'Walnut', 'Sunset', 'Jefferson', 'Highland', 'Cherry', 'Franklin', 'Madison'],
    streetTypes: ['Street', 'St', 'Avenue', 'Ave', 'Road', 'Rd', 'Drive', 'Dr', 'Lane', 'Ln', 'Court', 'Ct', 'Boulevard', 'Blvd', 'Way', 'Place', 'Terrace', 'Circle'],
    region: 'US',
  },
  gb: {
    given: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Poppy', 'Alfie', 'Freya', 'Callum', 'Niamh', 'Rhys', 'Siobhan', 'Euan', 'Imogen', 'Declan', 'Bethan', 'Archie', 'Maisie', 'Rory', 'Ffion'],
    surname: ['Smith', 'Jones', 'Ashworth', 'Featherstone', 'Pemberton', 'Llewellyn', 'Cartwright', 'Blackwood', 'Hargreaves', 'Thistlewood', 'Ogunleye', 'Rahman', 'McGregor', 'Pritchard', 'Whitworth', 'Ainsworth', 'Braithwaite', 'Sowerby', 'Kendrick', 'Tattersall'],
    // [town, postcode area]
    towns: [['Ledbury', 'HR'], ['Ashby-de-la-Zouch', 'LE'], ['Whitby', 'YO'], ['Hay-on-Wye', 'HR'], ['Much Wenlock', 'TF'], ['Tenby', 'SA'], ['Keswick', 'CA'], ['Padstow', 'PL'], ['Bakewell', 'DE'], ['Rye', 'TN'], ['Settle', 'BD'], ['Cambridge', 'CB'], ['Leeds', 'LS'], ['Bristol', 'BS'], ['Stow-on-the-Wold', 'GL'], ['Portree', 'IV'], ['Frome', 'BA'], ['Alnwick', 'NE'], ['Ludlow', 'SY'], ['Holt', 'NR']],
    streetNames: ['Church', 'Mill', 'Station', 'Victoria', 'Queens', 'Manor', 'Chapel', 'Orchard', 'Meadow', 'Highfield', 'Springfield', 'Windmill', 'Kingsway', 'Beech', 'Rectory'],
    streetTypes: ['Road', 'Lane', 'Close', 'Crescent', 'Gardens', 'Grove', 'Mews', 'Terrace', 'Way', 'Drive', 'Avenue', 'Street', 'Row', 'Walk', 'Hill', 'View'],
    region: 'GB',
  },
  de: {
    given: ['Lukas', 'Anna', 'Jonas', 'Lea', 'Maximilian', 'Sophie', 'Felix', 'Johanna', 'Matthias', 'Katharina', 'Jürgen', 'Ute', 'Dieter', 'Heike', 'Florian', 'Annika', 'Tobias', 'Svenja', 'Henrik', 'Wiebke'],
    surname: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Brandstätter', 'Oberhuber', 'Kühnel', 'Wimmer', 'Lehnert', 'Grünwald', 'Pfeiffer', 'Rößler', 'Hinrichs', 'Janßen', 'Kowalczyk', 'Baumgärtner', 'Eichhorn', 'Stöckl', 'Vogelsang'],
    towns: ['Freiburg im Breisgau', 'Oberstdorf', 'Mittenwald', 'Meersburg', 'Bernkastel-Kues', 'Cochem', 'Monschau', 'Dinkelsbühl', 'Rothenburg ob der Tauber', 'Berchtesgaden', 'Prien am Chiemsee', 'Bacharach', 'Hinterzarten', 'Leipzig', 'Göttingen', 'Quedlinburg', 'Wernigerode', 'Schwangau', 'Bad Wiessee', 'Lindau'],
    streetNames: ['Goethe', 'Schiller', 'Bahnhof', 'Kirch', 'Linden', 'Berg', 'Garten', 'Schul', 'Mühlen', 'Rosen', 'Birken', 'Eichen', 'Friedrich-Ebert-', 'Hauptmann-'],
    streetEndings: ['straße', 'str.', 'weg', 'allee', 'gasse', 'platz', 'ring', 'damm'],
    prepStreets: ['Am Mühlbach', 'An der Kirche', 'Im Winkel', 'Auf dem Berg', 'Zum Sportplatz', 'Am Markt', 'Hinter den Höfen'],
    adjStreets: ['Berliner Straße', 'Hamburger Allee', 'Münchner Straße', 'Alte Landstraße', 'Lange Straße', 'Neuer Weg'],
    region: 'DE',
  },
  fr: {
    given: ['Camille', 'Louis', 'Léa', 'Hugo', 'Chloé', 'Mathis', 'Manon', 'Théo', 'Inès', 'Gabriel', 'Élodie', 'Jérôme', 'Sandrine', 'Thierry', 'Margaux', 'Baptiste', 'Solène', 'Yannick', 'Maëlle', 'Gaëtan'],
    surname: ['Martin', 'Bernard', 'Dubois', 'Lefèvre', 'Fontaine', 'Chevalier', 'Rousseau', 'Gauthier', 'Leclerc', 'Marchand', 'Duchêne', 'Lemaître', 'Fauconnier', 'Barthélemy', 'Delacroix', 'Guillot', 'Pelletier', 'Vasseur', 'Brunet', 'Carpentier'],
    // [town, department]
    towns: [['Lyon', '69'], ['Annecy', '74'], ['Sarlat-la-Canéda', '24'], ['Honfleur', '14'], ['Colmar', '68'], ['Gordes', '84'], ['Étretat', '76'], ['Dinan', '22'], ['Aix-en-Provence', '13'], ['Saint-Malo', '35'], ['Riquewihr', '68'], ['Rocamadour', '46'], ['Conques', '12'], ['Menton', '06'], ['Cassis', '13'], ['Vézelay', '89'], ['Uzès', '30'], ['Collioure', '66'], ['Toulouse', '31'], ['Bourg-en-Bresse', '01']],
    streetTypes: ['rue', 'avenue', 'boulevard', 'place', 'chemin', 'allée', 'impasse', 'quai', 'route'],
    streetNames: ['Victor Hugo', 'de la République', 'Jean Jaurès', 'Pasteur', 'du Général de Gaulle', 'des Lilas', 'de la Gare', "de l'Église", 'du Moulin', 'des Écoles', 'Gambetta', 'Émile Zola', 'des Tilleuls', 'du Stade'],
    region: 'FR',
  },
  es: {
    given: ['Lucía', 'Hugo', 'Martina', 'Mateo', 'Sofía', 'Alejandro', 'Paula', 'Álvaro', 'Carmen', 'Javier', 'Nerea', 'Íñigo', 'Rocío', 'Sergio', 'Ainhoa', 'Iker', 'Montserrat', 'Jordi', 'Begoña', 'Xabier'],
    surname: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Etxeberria', 'Castaño', 'Villanueva', 'Quiroga', 'Arrieta', 'Barrionuevo', 'Mendizábal', 'Peñalver', 'Zubizarreta', 'Olmedo', 'Carrasco', 'Bermúdez'],
    // [town, province, postcode prefix]
    towns: [['Madrid', 'Madrid', '28'], ['Sevilla', 'Sevilla', '41'], ['Ronda', 'Málaga', '29'], ['Cudillero', 'Asturias', '33'], ['Cadaqués', 'Girona', '17'], ['Albarracín', 'Teruel', '44'], ['Frigiliana', 'Málaga', '29'], ['Hondarribia', 'Gipuzkoa', '20'], ['Trujillo', 'Cáceres', '10'], ['Sigüenza', 'Guadalajara', '19'], ['Zafra', 'Badajoz', '06'], ['Valencia', 'Valencia', '46'], ['Peñíscola', 'Castellón', '12'], ['Laguardia', 'Álava', '01'], ['Zaragoza', 'Zaragoza', '50'], ['Cangas de Onís', 'Asturias', '33'], ['Sóller', 'Illes Balears', '07'], ['Mojácar', 'Almería', '04'], ['Alcalá de Henares', 'Madrid', '28'], ['Olite', 'Navarra', '31']],
    streetTypes: ['Calle', 'C/', 'Avenida', 'Avda.', 'Plaza', 'Paseo', 'Camino', 'Ronda', 'Travesía'],
    streetNames: ['Mayor', 'Real', 'de Cervantes', 'del Sol', 'de la Iglesia', 'San Juan', 'Nueva', 'Santa María', 'de Alcalá', 'de la Constitución', 'del Carmen', 'de Goya', 'Doctor Fleming', 'de los Reyes Católicos'],
    region: 'ES',
  },
  nl: {
    given: ['Daan', 'Emma', 'Sem', 'Julia', 'Lucas', 'Tess', 'Bram', 'Sanne', 'Jeroen', 'Marieke', 'Thijs', 'Femke', 'Joost', 'Anouk', 'Wouter', 'Lieke', 'Sjoerd', 'Floor', 'Gert-Jan', 'Ineke'],
    surname: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'van der Meulen', 'Kuipers', 'Veenstra', 'Hoekstra', 'Zwanenburg'],
    towns: ['Giethoorn', 'Ommen', 'Bolsward', 'Hindeloopen', 'Zierikzee', 'Veere', 'Naarden', 'Elburg', 'Harderwijk', 'Utrecht', 'Haarlem', 'Zutphen', 'Kampen', 'Delft', 'Heusden', 'Thorn', 'Valkenburg', 'Dokkum', 'Oudewater', 'Sneek'],
    streetNames: ['Kerk', 'Dorps', 'School', 'Molen', 'Stations', 'Beatrix', 'Wilhelmina', 'Juliana', 'Eiken', 'Linden', 'Oranje', 'Kastanje', 'Nieuwe', 'Prins Hendrik'],
    streetEndings: ['straat', 'laan', 'weg', 'plein', 'gracht', 'kade', 'dijk', 'singel', 'hof', 'pad'],
    region: 'NL',
  },
  it: {
    given: ['Francesco', 'Giulia', 'Alessandro', 'Chiara', 'Lorenzo', 'Sofia', 'Matteo', 'Aurora', 'Giuseppe', 'Francesca', 'Gianluca', 'Federica', 'Salvatore', 'Ilaria', 'Davide', 'Beatrice', 'Vincenzo', 'Martina', 'Pierpaolo', 'Annalisa'],
    surname: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'De Luca', 'Galli', 'Marchetti', 'Lombardi', 'Mancini', 'Barbieri', 'Fontana', 'Santoro', 'Mariani', 'Rinaldi', 'Caruso', 'Ferraro', 'Di Stefano'],
    // [town, province code]
    towns: [['Torino', 'TO'], ['Bologna', 'BO'], ['Firenze', 'FI'], ['Alberobello', 'BA'], ['Bellagio', 'CO'], ['Montepulciano', 'SI'], ['Matera', 'MT'], ['Orta San Giulio', 'NO'], ['Cefalù', 'PA'], ['Positano', 'SA'], ['Spello', 'PG'], ['Civita di Bagnoregio', 'VT'], ['Vernazza', 'SP'], ['Tropea', 'VV'], ['Sirmione', 'BS'], ['Urbino', 'PU'], ['Bassano del Grappa', 'VI'], ['Ostuni', 'BR'], ['Volterra', 'PI'], ['Ravenna', 'RA']],
    streetTypes: ['Via', 'Viale', 'Piazza', 'Corso', 'Largo', 'Vicolo', 'Strada'],
    streetNames: ['Roma', 'Garibaldi', 'Giuseppe Mazzini', 'Dante Alighieri', 'Cavour', 'Guglielmo Marconi', 'della Repubblica', 'dei Mille', 'San Francesco', 'Vittorio Veneto', 'della Libertà', 'Giacomo Matteotti', 'Umberto I', 'Santa Chiara'],
    region: 'IT',
  },
};

// US area codes by state for the phones (NANP; a handful per state used).
const US_AREA = { ID: '208', MN: '218', NH: '603', MT: '406', UT: '435', ME: '207', AZ: '928', TX: '432', IL: '815', VT: '802', OR: '503', SC: '843', KY: '859', NY: '607', NM: '575', MS: '662', WY: '307', MA: '508', AR: '479' };

// ------------------------------------------------------------ the values

function make(r, loc) {
  const d = L[loc];
  const v = {};
  v.person = () => {
    const g = r.pick(d.given);
    let s = r.pick(d.surname);
    if (loc === 'es' && r.chance(0.6)) s = `${s} ${r.pick(d.surname)}`;
    return { given: g, surname: s, full: `${g} ${s}` };
  };
  v.town = () => {
    const t = r.pick(d.towns);
    return Array.isArray(t) ? t : [t];
  };
  v.postcode = (t) => {
    switch (loc) {
      case 'us': return r.chance(0.2) ? `${r.int(10000, 99950)}-${r.digits(4)}` : String(r.int(10000, 99950));
      case 'gb': {
        const area = t[1];
        const inward = `${r.int(1, 9)}${r.pick('ABDEFGHJLNPQRSTUWXYZ'.split(''))}${r.pick('ABDEFGHJLNPQRSTUWXYZ'.split(''))}`;
        return `${area}${r.int(1, 29)} ${inward}`;
      }
      case 'de': return String(r.int(1067, 99998)).padStart(5, '0');
      case 'fr': return `${t[1]}${r.digits(3)}`;
      case 'es': return `${t[2]}${r.digits(3)}`;
      case 'nl': {
        const letters = 'ABCDEGHJKLMNPRTVWXZ'.split('');
        return `${r.int(1000, 9999)} ${r.pick(letters)}${r.pick(letters)}`;
      }
      case 'it': return String(r.int(10, 98)) + r.digits(3);
    }
    return '';
  };
  v.street = () => {
    const n = r.int(1, r.chance(0.3) ? 2400 : 180);
    switch (loc) {
      case 'us': {
        const s = `${n} ${r.chance(0.15) ? r.pick(['N', 'S', 'E', 'W']) + ' ' : ''}${r.pick(d.streetNames)} ${r.pick(d.streetTypes)}`;
        return r.chance(0.2) ? `${s}, ${r.pick(['Apt', 'Suite', 'Unit', '#'])}${r.chance(0.5) ? ' ' : ''}${r.int(1, 40)}${r.chance(0.3) ? 'B' : ''}`.replace('# ', '#') : s;
      }
      case 'gb': {
        const s = `${n % 200} ${r.pick(d.streetNames)} ${r.pick(d.streetTypes)}`;
        return r.chance(0.15) ? `Flat ${r.int(1, 12)}, ${s}` : s;
      }
      case 'de': {
        const k = r.next();
        const num = `${n % 150 || 1}${r.chance(0.15) ? r.pick(['a', 'b', 'c']) : ''}`;
        if (k < 0.2) return `${r.pick(d.prepStreets)} ${num}`;
        if (k < 0.35) return `${r.pick(d.adjStreets)} ${num}`;
        const name = r.pick(d.streetNames);
        const end = r.pick(d.streetEndings);
        // After a hyphen the street word is capitalised: "Friedrich-Ebert-Straße".
        return `${name}${name.endsWith('-') ? end[0].toUpperCase() + end.slice(1) : end} ${num}`;
      }
      case 'fr': {
        const add = r.chance(0.12) ? ` ${r.pick(['bis', 'ter'])}` : '';
        return `${n % 120 || 1}${add}${r.chance(0.3) ? ',' : ''} ${r.pick(d.streetTypes)} ${r.pick(d.streetNames)}`;
      }
      case 'es': {
        const type = r.pick(d.streetTypes);
        const floor = r.chance(0.35) ? `, ${r.int(1, 8)}º ${r.pick(['A', 'B', 'C', 'D', 'izq.', 'dcha.'])}` : '';
        return `${type} ${r.pick(d.streetNames)}${r.chance(0.6) ? ',' : ''} ${r.chance(0.05) ? 's/n' : n % 160 || 1}${floor}`;
      }
      case 'nl': {
        const name = r.pick(d.streetNames);
        const end = r.pick(d.streetEndings);
        const street = name.includes(' ') ? `${name}${end}` : `${name}${end}`;
        const add = r.pick(['', '', '', 'a', '-2', ' hs', ' II', 'b']);
        return `${street} ${n % 200 || 1}${add}`;
      }
      case 'it': {
        return `${r.pick(d.streetTypes)} ${r.pick(d.streetNames)}${r.chance(0.4) ? ',' : ''} ${n % 150 || 1}${r.chance(0.08) ? '/A' : ''}`;
      }
    }
    return '';
  };
  // A one-line address in the country's order, with its town.
  v.address = () => {
    const t = v.town();
    const street = v.street();
    const pc = v.postcode(t);
    switch (loc) {
      case 'us': return r.chance(0.8) ? `${street}, ${t[0]}, ${t[1]} ${pc}` : `${street} ${t[0]} ${t[1]} ${pc}`;
      case 'gb': return r.chance(0.6) ? `${street}, ${t[0]} ${pc}` : `${street}, ${t[0]}, ${pc}`;
      case 'de': return `${street}${r.pick([', ', ', ', ', ', ' · ', ', ', ', D-'])}${pc} ${t[0]}`.replace(' · D-', ' · ');
      case 'fr': return `${street}${r.chance(0.8) ? ', ' : ' '}${pc} ${t[0]}`;
      case 'es': return `${street}, ${pc} ${t[0]}${r.chance(0.3) ? ` (${t[1]})` : ''}`;
      case 'nl': return `${street}${r.chance(0.85) ? ', ' : ' '}${pc} ${t[0]}`;
      case 'it': return `${street}${r.chance(0.7) ? ', ' : ' - '}${pc} ${t[0]}${r.chance(0.6) ? ` (${t[1]})` : ` ${t[1]}`}`;
    }
    return street;
  };
  v.dob = () => {
    const y = r.int(1938, 2004);
    const m = r.int(1, 12);
    const day = r.int(1, 28);
    const p2 = (x) => String(x).padStart(2, '0');
    const MONTHS = {
      us: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
      gb: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
      de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
      fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
      es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
      nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
      it: ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
    }[loc];
    const long = r.chance(0.3);
    if (loc === 'us') return long ? `${MONTHS[m - 1]} ${day}, ${y}` : `${m}/${day}/${y}`;
    if (loc === 'gb') return long ? `${day} ${MONTHS[m - 1]} ${y}` : `${p2(day)}/${p2(m)}/${y}`;
    if (loc === 'de') return long ? `${day}. ${MONTHS[m - 1]} ${y}` : `${p2(day)}.${p2(m)}.${y}`;
    if (loc === 'nl') return long ? `${day} ${MONTHS[m - 1]} ${y}` : `${p2(day)}-${p2(m)}-${y}`;
    if (loc === 'es') return long ? `${day} de ${MONTHS[m - 1]} de ${y}` : `${p2(day)}/${p2(m)}/${y}`;
    return long ? `${day} ${MONTHS[m - 1]} ${y}` : `${p2(day)}/${p2(m)}/${y}`;
  };
  v.passport = () => {
    const U = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const up = (n) => Array.from({ length: n }, () => r.pick(U.split(''))).join('');
    switch (loc) {
      case 'us': return r.chance(0.5) ? r.digits(9).replace(/^0/, '5') : `A${r.digits(8)}`;
      case 'gb': return r.digits(9).replace(/^0/, '1');
      case 'de': return `C${Array.from({ length: 8 }, () => r.pick('CFGHJKLMNPRTVWXYZ0123456789'.split(''))).join('')}`;
      case 'fr': return `${r.digits(2)}${up(2)}${r.digits(5)}`;
      case 'es': return `${up(3)}${r.digits(6)}`;
      case 'nl': return `${up(2)}${Array.from({ length: 6 }, () => r.pick('ABCDEFGHJKLMNPRSTUVWXYZ0123456789'.split(''))).join('')}${r.digits(1)}`;
      case 'it': return `${up(2)}${r.digits(7)}`;
    }
    return '';
  };
  v.passportEntity = { us: 'US_PASSPORT', gb: 'UK_PASSPORT', de: 'DE_PASSPORT', fr: 'FR_PASSPORT', es: 'ES_PASSPORT', nl: 'NL_PASSPORT', it: 'IT_PASSPORT' }[loc];
  v.phone = (t) => {
    for (let k = 0; k < 50; k++) {
      let s;
      switch (loc) {
        case 'us': s = `(${US_AREA[t?.[1]] ?? '503'}) ${r.int(201, 989)}-${r.digits(4)}`; break;
        case 'gb': s = r.chance(0.5) ? `07${r.int(400, 999)} ${r.digits(6)}` : `01${r.int(200, 989)} ${r.digits(6)}`; break;
        case 'de': s = r.chance(0.5) ? `0${r.pick(['151', '160', '170', '171', '176'])} ${r.digits(8)}` : `0${r.pick(['761', '8322', '381', '551'])}/${r.digits(6)}`; break;
        case 'fr': s = `0${r.int(1, 7)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`; break;
        case 'es': s = `${r.pick(['6', '7', '9'])}${r.digits(2)} ${r.digits(3)} ${r.digits(3)}`; break;
        case 'nl': s = r.chance(0.5) ? `06-${r.digits(8)}` : `0${r.pick(['20', '30', '523', '515'])}-${r.digits(r.chance(0.5) ? 7 : 6)}`; break;
        case 'it': s = r.chance(0.5) ? `3${r.int(20, 49)} ${r.digits(7)}` : `0${r.pick(['11', '51', '55', '6'])} ${r.digits(6)}`; break;
      }
      try {
        const p = phoneUtil.parse(s, d.region);
        if (phoneUtil.isValidNumberForRegion(p, d.region)) return s;
      } catch {
        /* try another */
      }
    }
    return null;
  };
  v.email = (p) => {
    const fold = (x) => x.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').toLowerCase().replace(/[^a-z]/g, '');
    const dom = { us: 'example.com', gb: 'example.co.uk', de: 'example.de', fr: 'example.fr', es: 'example.es', nl: 'example.nl', it: 'example.it' }[loc];
    return `${fold(p.given)}${r.pick(['.', '_', ''])}${fold(p.surname)}@${dom}`;
  };
  return v;
}

// Not personal: look-alikes and ordinary business values.
const PRODUCTS = ['Nimbus', 'Falcon', 'Orion', 'Zephyr', 'Atlas', 'Vega', 'Kestrel', 'Solstice', 'Meridian', 'Aurora', 'Halcyon', 'Juniper', 'Cobalt', 'Sierra'];
const BRANDS_FR = ['Maison Lavande', 'Belle Rive', 'Petit Bateau Bleu', 'Clair Matin', 'Douce France', 'Le Beau Jardin', 'Val Fleuri', 'Rose Marine'];
const STATUS = { us: ['open', 'shipped', 'delivered', 'on hold'], gb: ['open', 'resolved', 'awaiting reply'], de: ['offen', 'versandt', 'erledigt'], fr: ['ouvert', 'expédié', 'clos'], es: ['abierto', 'enviado', 'cerrado'], nl: ['open', 'verzonden', 'afgehandeld'], it: ['aperto', 'spedito', 'chiuso'] };

// ------------------------------------------------------------- templates
//
// Sentences as people write them in letters, CRM notes, support tickets and
// delivery instructions. `{x}` is a slot; `[x]` is a slot whose value is not
// personal (not labelled).

const T = {
  us: [
    'Please ship to {address} and leave it at the side door.',
    'Customer {name} called, new address is {address}.',
    'deliver to {street}, {town} - ring twice',
    'Spoke with {name} today; moving to {town} next month.',
    '{name} (DOB {dob}) asked about [product] pricing.',
    'Passport {passport} verified for {name}.',
    'Per {name}: billing goes to {address}',
    'Returned [product] unit, ticket [order]. Contact {phone}.',
    'Hi team, {name} from {town} wants a callback at {phone}.',
    'Dear {name}, your order [order] will arrive at {street} on Monday.',
    'Mailing address updated: {address}.',
    'Born {dob} in {town}. Prefers email {email}.',
    'Left voicemail for {name}, no answer.',
    'firmware [version] installed, no issues',
  ],
  gb: [
    'Please deliver to {address}, parcel can go in the porch.',
    'Spoke to {name} this morning re. the [product] fault.',
    "Customer's new address: {address}",
    '{name} has moved to {town}, update the account.',
    'Correspondence to {street}, {town}, {postcode} please.',
    'DOB {dob}; passport no. {passport}.',
    'Rang {name} on {phone} - no reply, will try again.',
    'Ticket [order]: {name} reports the [product] will not pair.',
    'Dear {name}, thank you for your letter.',
    'Collection from {address} on Thursday.',
    'Lives in {town} with her sister, prefers post.',
    'Replacement [product] dispatched, tracking [order].',
  ],
  de: [
    'Bitte liefern an {address}, Klingel defekt.',
    'Herr {surname} hat angerufen, neue Anschrift: {address}.',
    'Frau {name} ist nach {town} umgezogen.',
    'Kunde {name}, geb. {dob}, wünscht Rückruf unter {phone}.',
    'Reisepass {passport} liegt in Kopie vor.',
    'Sehr geehrte Frau {surname}, vielen Dank für Ihre Nachricht.',
    'Paket bitte beim Nachbarn abgeben, {street}.',
    'Lieferadresse geändert auf {address}',
    'Rückfrage von {name} zu [product] (Bestellung [order]).',
    'Wohnhaft in {town}, Zustellung nur vormittags.',
    'Rechnung an {street}, {postcode} {town} senden.',
    'Firmware [version] aufgespielt, läuft.',
  ],
  fr: [
    'Merci de livrer au {address}, code porte 4512B.',
    'Mme {name} a appelé : nouvelle adresse {address}.',
    'M. {surname} habite à {town} depuis mars.',
    'Client {name}, né le {dob}, rappeler au {phone}.',
    'Passeport {passport} vérifié.',
    'Bonjour {name}, votre commande [order] est expédiée.',
    'Livraison : {street}, {postcode} {town}.',
    'Réclamation de {name} sur le produit [product].',
    'Adresse de facturation : {address}',
    'Colis à déposer chez la gardienne, {street}.',
    'Version [version] installée chez le client.',
    'Commande [brand] annulée, remboursement fait.',
  ],
  es: [
    'Entregar en {address}, llamar al timbre.',
    'La clienta {name} llamó: nueva dirección {address}.',
    '{name} se mudó a {town} el mes pasado.',
    'Cliente {name}, nacido el {dob}, tel. {phone}.',
    'Pasaporte {passport} comprobado.',
    'Estimado {name}: su pedido [order] ya ha salido.',
    'Dirección de envío: {street}, {postcode} {town}',
    'Incidencia de {name} con el [product], pedido [order].',
    'Vive en {town}, prefiere que le llamen por la tarde.',
    'Dejar el paquete en portería, {street}.',
    'Actualizado a la versión [version].',
  ],
  nl: [
    'Graag bezorgen op {address}, bel aanbellen bij de buren.',
    'Mevrouw {name} belde: nieuw adres is {address}.',
    '{name} is verhuisd naar {town}.',
    'Klant {name}, geboren {dob}, terugbellen op {phone}.',
    'Paspoort {passport} gecontroleerd.',
    'Beste {name}, uw bestelling [order] is onderweg.',
    'Afleveradres: {street}, {postcode} {town}',
    'Klacht van {name} over de [product].',
    'Woont in {town}, bij voorkeur per post.',
    'Pakket afgeven op {street}, achterdeur.',
    'Versie [version] geïnstalleerd.',
  ],
  it: [
    'Consegnare in {address}, citofono Rossi.',
    'La signora {name} ha chiamato: nuovo indirizzo {address}.',
    '{name} si è trasferito a {town}.',
    'Cliente {name}, nato il {dob}, richiamare al {phone}.',
    'Passaporto {passport} verificato.',
    'Gentile {name}, il suo ordine [order] è partito.',
    'Indirizzo di spedizione: {street}, {postcode} {town}',
    'Reclamo di {name} sul prodotto [product].',
    'Abita a {town}, preferisce essere contattato di sera.',
    'Lasciare il pacco in portineria, {street}.',
    'Aggiornato alla versione [version].',
  ],
};

/** Fills a template: the text and its labelled spans (UTF-16 offsets). */
function fill(r, v, loc, tpl) {
  const spans = [];
  let text = '';
  const person = v.person();
  const t = v.town();
  const slot = {
    name: () => ['PERSON', person.full],
    surname: () => ['PERSON', person.surname],
    address: () => ['LOCATION', v.address()],
    street: () => ['LOCATION', v.street()],
    town: () => ['LOCATION', t[0]],
    postcode: () => ['LOCATION', v.postcode(t)],
    dob: () => ['DATE_TIME', v.dob()],
    passport: () => [v.passportEntity, v.passport()],
    phone: () => ['PHONE_NUMBER', v.phone(t)],
    email: () => ['EMAIL_ADDRESS', v.email(person)],
  };
  const plain = {
    product: () => `${r.pick(PRODUCTS)}${r.chance(0.4) ? ` ${r.pick(['X2', 'Pro', 'Mini', '300'])}` : ''}`,
    order: () => `${r.pick(['ORD', 'TCK', 'RMA'])}-${r.int(10000, 99999)}`,
    version: () => `${r.int(1, 12)}.${r.int(0, 9)}.${r.int(0, 30)}`,
    brand: () => r.pick(BRANDS_FR),
  };
  const parts = tpl.split(/(\{\w+\}|\[\w+\])/);
  for (const p of parts) {
    const m = /^\{(\w+)\}$/.exec(p);
    const n = /^\[(\w+)\]$/.exec(p);
    if (m) {
      const [entity, value] = slot[m[1]]();
      if (value == null) return null;
      spans.push({ start: text.length, end: text.length + value.length, entity, text: value });
      text += value;
    } else if (n) text += plain[n[1]]();
    else text += p;
  }
  // A street, a postcode and a town written next to each other are one
  // address: one span, as the detector should find it.
  const merged = [];
  for (const s of spans) {
    const prev = merged[merged.length - 1];
    if (prev && prev.entity === 'LOCATION' && s.entity === 'LOCATION' && /^(, | )$/.test(text.slice(prev.end, s.start))) {
      prev.end = s.end;
      prev.text = text.slice(prev.start, prev.end);
    } else merged.push({ ...s });
  }
  return { text, spans: merged };
}

// ------------------------------------------------------------------ files
//
// Each column: [header, kind, entity (null: not personal), make(row ctx)].

function fileSpecs() {
  const col = (name, kind, entity, gen, extra = {}) => ({ name, kind, entity, gen, ...extra });
  const pii = (name, kind, entity, gen, extra) => col(name, kind, entity, gen, extra);
  const text = (name, loc) => col(name, 'notes', null, null, { free_text: true, loc });
  return [
    { file: '01-us-shipping.csv', loc: 'us', delimiter: ',', header: true, cols: (c) => [
      col('Order #', 'order', null, () => `${c.r.int(100000, 999999)}`),
      pii('Ship To Name', 'full_name', 'PERSON', () => c.p.full),
      pii('Ship To Address', 'full_address', 'LOCATION', () => c.addr),
      pii('Ship To City', 'city', 'LOCATION', () => c.t[0]),
      pii('ZIP', 'postcode', 'LOCATION', () => c.v.postcode(c.t)),
      col('Item', 'product', null, () => c.r.pick(PRODUCTS), { distractor: true }),
      col('Status', 'status', null, () => c.r.pick(STATUS.us)),
      text('Delivery Instructions', 'us'),
    ] },
    { file: '02-uk-support.csv', loc: 'gb', delimiter: ',', header: true, cols: (c) => [
      col('ticket_ref', 'order', null, () => `TCK-${c.r.int(10000, 99999)}`),
      pii('requester', 'full_name', 'PERSON', () => c.p.full),
      pii('address_line_1', 'street', 'LOCATION', () => c.v.street()),
      pii('post_town', 'city', 'LOCATION', () => c.t[0]),
      pii('postcode', 'postcode', 'LOCATION', () => c.v.postcode(c.t)),
      pii('date_of_birth', 'dob', 'DATE_TIME', () => c.v.dob()),
      col('product_line', 'product', null, () => c.r.pick(PRODUCTS), { distractor: true }),
      text('ticket_body', 'gb'),
    ] },
    { file: '03-de-kundenkartei.csv', loc: 'de', delimiter: ';', header: true, cols: (c) => [
      col('Kd-Nr.', 'order', null, () => `K${c.r.int(10000, 99999)}`),
      pii('Nachname', 'last_name', 'PERSON', () => c.p.surname),
      pii('Vorname', 'first_name', 'PERSON', () => c.p.given),
      pii('Anschrift', 'full_address', 'LOCATION', () => c.addr),
      pii('Geb. am', 'dob', 'DATE_TIME', () => c.v.dob()),
      pii('Ausweis-Nr.', 'passport', 'DE_PASSPORT', () => c.v.passport()),
      col('Tarif', 'product', null, () => c.r.pick(PRODUCTS), { distractor: true }),
      text('Notiz', 'de'),
    ] },
    { file: '04-fr-adherents.csv', loc: 'fr', delimiter: ';', header: true, cols: (c) => [
      pii('NOM ET PRÉNOM', 'full_name', 'PERSON', () => `${c.p.surname.toUpperCase()} ${c.p.given}`),
      pii('ADRESSE POSTALE', 'street', 'LOCATION', () => c.v.street()),
      pii('CP', 'postcode', 'LOCATION', () => c.v.postcode(c.t)),
      pii('VILLE', 'city', 'LOCATION', () => c.t[0]),
      pii('TÉLÉPHONE', 'phone', 'PHONE_NUMBER', () => c.v.phone(c.t) ?? ''),
      col('MARQUE', 'brand', null, () => c.r.pick(BRANDS_FR), { distractor: true }),
      text('REMARQUES', 'fr'),
    ] },
    { file: '05-es-envios.csv', loc: 'es', delimiter: ',', header: true, cols: (c) => [
      pii('destinatario', 'full_name', 'PERSON', () => c.p.full),
      pii('direccion_completa', 'full_address', 'LOCATION', () => c.addr),
      pii('municipio', 'city', 'LOCATION', () => c.t[0]),
      col('provincia', 'state', 'LOCATION', () => c.t[1], { identifying: false }),
      pii('fechaNacimiento', 'dob', 'DATE_TIME', () => c.v.dob()),
      col('articulo', 'product', null, () => c.r.pick(PRODUCTS), { distractor: true }),
      text('observaciones', 'es'),
    ] },
    { file: '06-nl-klanten.csv', loc: 'nl', delimiter: ';', header: true, cols: (c) => [
      pii('Klantnaam', 'full_name', 'PERSON', () => c.p.full),
      pii('Straat + huisnr', 'street', 'LOCATION', () => c.v.street()),
      pii('Postcode', 'postcode', 'LOCATION', () => c.v.postcode(c.t)),
      pii('Plaats', 'city', 'LOCATION', () => c.t[0]),
      pii('Paspoortnummer', 'passport', 'NL_PASSPORT', () => c.v.passport()),
      col('Abonnement', 'product', null, () => c.r.pick(PRODUCTS), { distractor: true }),
      text('Opmerking', 'nl'),
    ] },
    { file: '07-it-anagrafica.csv', loc: 'it', delimiter: ',', header: true, cols: (c) => [
      pii('Cognome', 'last_name', 'PERSON', () => c.p.surname),
      pii('Nome', 'first_name', 'PERSON', () => c.p.given),
      pii('Indirizzo di residenza', 'full_address', 'LOCATION', () => c.addr),
      pii('Data di nascita', 'dob', 'DATE_TIME', () => c.v.dob()),
      pii('Cellulare', 'phone', 'PHONE_NUMBER', () => c.v.phone(c.t) ?? ''),
      col('Codice ordine', 'order', null, () => `IT-${c.r.int(2019, 2025)}-${c.r.digits(5)}`, { distractor: true }),
      text('Note', 'it'),
    ] },
    // Blind headers: only the values can tell.
    { file: '08-blind-export.csv', loc: 'mix', delimiter: ',', header: true, cols: (c) => [
      col('col_1', 'order', null, () => `${c.r.int(1, 99999)}`),
      pii('col_2', 'full_name', 'PERSON', () => c.p.full, { blind: true }),
      pii('col_3', 'full_address', 'LOCATION', () => c.addr, { blind: true }),
      pii('col_4', 'city', 'LOCATION', () => c.t[0], { blind: true }),
      pii('col_5', 'dob', 'DATE_TIME', () => c.v.dob(), { blind: true }),
      col('col_6', 'product', null, () => c.r.pick(PRODUCTS), { distractor: true, blind: true }),
      col('col_7', 'brand', null, () => c.r.pick(BRANDS_FR), { distractor: true, blind: true }),
      pii('col_8', 'street', 'LOCATION', () => c.v.street(), { blind: true }),
      text('col_9', 'mix'),
    ] },
    // No header row.
    { file: '09-no-header.csv', loc: 'mix', delimiter: ';', header: false, cols: (c) => [
      pii('(1)', 'first_name', 'PERSON', () => c.p.given),
      pii('(2)', 'last_name', 'PERSON', () => c.p.surname),
      pii('(3)', 'street', 'LOCATION', () => c.v.street()),
      pii('(4)', 'postcode', 'LOCATION', () => c.v.postcode(c.t)),
      pii('(5)', 'city', 'LOCATION', () => c.t[0]),
      col('(6)', 'status', null, () => c.r.pick(['A', 'B', 'C', 'VIP'])),
      text('(7)', 'mix'),
    ] },
    // Free text only, many languages a file, next to look-alikes.
    { file: '10-tickets-mixed.csv', loc: 'mix', delimiter: ',', header: true, cols: (c) => [
      col('Ticket', 'order', null, () => `#${c.r.int(1000, 99999)}`),
      col('Product', 'product', null, () => c.r.pick(PRODUCTS), { distractor: true }),
      col('Firmware', 'version', null, () => `${c.r.int(1, 12)}.${c.r.int(0, 9)}.${c.r.int(0, 30)}`, { distractor: true }),
      text('Message', 'mix'),
      text('Internal note', 'mix'),
    ] },
  ];
}

const LOCS = ['us', 'gb', 'de', 'fr', 'es', 'nl', 'it'];

function csvField(s, delimiter) {
  return /["\r\n]/.test(s) || s.includes(delimiter) ? `"${s.replace(/"/g, '""')}"` : s;
}

const seed = Number(args.seed);
const rows = Number(args.rows);
rmSync(args.out, { recursive: true, force: true });
mkdirSync(args.out, { recursive: true });
const index = [];
fileSpecs().forEach((spec, fi) => {
  const r = rng(seed * 1000 + fi);
  const lines = [];
  const spans = [];
  let labelCols;
  for (let row = 0; row < rows; row++) {
    const loc = spec.loc === 'mix' ? r.pick(LOCS) : spec.loc;
    const v = make(r, loc);
    const p = v.person();
    const t = v.town();
    const c = { r, v, p, t, addr: null };
    // The whole address with this row's town.
    c.addr = (() => {
      for (let k = 0; k < 20; k++) {
        const a = v.address();
        if (a.includes(t[0])) return a;
      }
      return v.address();
    })();
    const cols = spec.cols(c);
    labelCols ??= cols;
    const cells = cols.map((col, ci) => {
      if (!col.free_text) return col.gen();
      const tloc = col.loc === 'mix' ? r.pick(LOCS) : col.loc;
      const tv = make(r, tloc);
      const n = r.chance(0.25) ? 2 : 1;
      let text = '';
      for (let k = 0; k < n; k++) {
        let f = null;
        while (!f) f = fill(r, tv, tloc, r.pick(T[tloc]));
        if (text) text += ' ';
        for (const s of f.spans) spans.push({ row, column: ci, start: text.length + s.start, end: text.length + s.end, entity: s.entity, text: s.text });
        text += f.text;
      }
      return text;
    });
    lines.push(cells.map((x) => csvField(x, spec.delimiter)).join(spec.delimiter));
  }
  const header = spec.header ? [labelCols.map((c) => csvField(c.name, spec.delimiter)).join(spec.delimiter)] : [];
  writeFileSync(join(args.out, spec.file), [...header, ...lines].join('\n') + '\n');
  const labels = {
    file: spec.file,
    locale: spec.loc,
    seed,
    rows,
    delimiter: spec.delimiter,
    line_ending: 'LF',
    header: spec.header,
    columns: labelCols.map((c, index) => ({
      index,
      name: c.name,
      entity: c.entity,
      kind: c.kind,
      blind: !!c.blind,
      distractor: !!c.distractor,
      free_text: !!c.free_text,
      ...(c.identifying === false ? { identifying: false } : {}),
    })),
    spans,
  };
  writeFileSync(join(args.out, spec.file.replace(/\.csv$/, '.labels.json')), JSON.stringify(labels, null, 1) + '\n');
  index.push({ file: spec.file, rows, spans: spans.length });
  console.log(`${spec.file}: ${rows} rows, ${labelCols.length} columns, ${spans.length} labelled spans`);
});
writeFileSync(join(args.out, 'index.json'), JSON.stringify({ seed, files: index }, null, 1) + '\n');
