#!/usr/bin/env node
// Writes the labelled corpus: CSV files of fake people, accounts and logs, each
// with a `<name>.labels.json` that says what every column truly holds and, for
// free-text columns, where each piece of PII sits in each cell.
//
//   node bench/corpus/generate.mjs [--out DIR] [--seed N] [--files N]
//                                  [--rows-min N] [--rows-max N]
//
// Deterministic: the same seed gives the same bytes (faker is seeded per file
// and its reference date is fixed). See README.md for the label format.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as F from '@faker-js/faker';
import * as id from './ids.mjs';

const require = createRequire(import.meta.url);
const { PhoneNumberUtil, PhoneNumberFormat, PhoneNumberType } = require('google-libphonenumber');
const phoneUtil = PhoneNumberUtil.getInstance();

const HERE = dirname(fileURLToPath(import.meta.url));
const REF_DATE = '2025-01-01T00:00:00.000Z';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: join(HERE, 'out') },
    seed: { type: 'string', default: '4242' },
    files: { type: 'string' },
    'rows-min': { type: 'string', default: '300' },
    'rows-max': { type: 'string', default: '1000' },
  },
});

// ------------------------------------------------------------ phone numbers

// Faker's phone formats are shapes, not always numbers a numbering plan
// allows; keep only those Google's libphonenumber calls valid, and write them
// the ways people do (as faker wrote it, national, international, E.164).
function phone(ctx, style = ctx.r.pick(['national', 'national', 'international'])) {
  const { r, faker, region } = ctx;
  for (let attempt = 0; attempt < 30; attempt++) {
    const raw = faker.phone.number({ style });
    let parsed;
    try {
      parsed = phoneUtil.parse(raw, region);
    } catch {
      continue;
    }
    if (!phoneUtil.isValidNumberForRegion(parsed, region)) continue;
    return formatPhone(r, parsed, raw, style);
  }
  // Fall back on the numbering plan's own example, with random last digits.
  for (;;) {
    const type = r.pick([PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE]);
    const example = phoneUtil.getExampleNumberForType(region, type);
    const nsn = phoneUtil.getNationalSignificantNumber(example);
    const keep = Math.max(2, nsn.length - 5);
    const parsed = phoneUtil.parse('+' + example.getCountryCode() + nsn.slice(0, keep) + r.digits(nsn.length - keep), region);
    if (phoneUtil.isValidNumber(parsed)) return formatPhone(r, parsed, null, style);
  }
}

function formatPhone(r, parsed, raw, style) {
  if (style === 'international') {
    return r.pick([
      phoneUtil.format(parsed, PhoneNumberFormat.INTERNATIONAL),
      phoneUtil.format(parsed, PhoneNumberFormat.E164),
      raw ?? phoneUtil.format(parsed, PhoneNumberFormat.E164),
    ]);
  }
  return r.pick([phoneUtil.format(parsed, PhoneNumberFormat.NATIONAL), raw ?? phoneUtil.format(parsed, PhoneNumberFormat.NATIONAL)]);
}

// -------------------------------------------------------------------- dates

const pad = (n, w = 2) => String(n).padStart(w, '0');
const MONTHS = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** A date as the locale writes it. */
function formatDate(ctx, d, style = ctx.dateStyle) {
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  switch (style) {
    case 'iso': return `${y}-${pad(m)}-${pad(day)}`;
    case 'us': return `${pad(m)}/${pad(day)}/${y}`;
    case 'eu': return `${pad(day)}/${pad(m)}/${y}`;
    case 'de': return `${pad(day)}.${pad(m)}.${y}`;
    case 'long': return `${day} ${MONTHS.en[m - 1]} ${y}`;
    case 'us_long': return `${MONTHS.en[m - 1]} ${day}, ${y}`;
    default: throw new Error(style);
  }
}

// ------------------------------------------------------- the column kinds

// Each kind: the entity it truly is (null: not PII), whether it is a
// look-alike distractor, and how to make one value. `ctx.p` is the row's
// person, so a row's name, email and codice fiscale agree.
const slug = (s) => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
const KINDS = {
  // people
  full_name: ['PERSON', (c) => `${c.p.first} ${c.p.last}`],
  first_name: ['PERSON', (c) => c.p.first],
  last_name: ['PERSON', (c) => c.p.last],
  name_last_first: ['PERSON', (c) => `${c.p.last}, ${c.p.first}`],
  email: ['EMAIL_ADDRESS', (c) => c.faker.internet.email({ firstName: c.p.first, lastName: c.p.last })],
  work_email: ['EMAIL_ADDRESS', (c) => `${slug(c.p.first)}.${slug(c.p.last)}@${c.faker.internet.domainName()}`],
  phone: ['PHONE_NUMBER', (c) => phone(c)],
  phone_intl: ['PHONE_NUMBER', (c) => phone(c, 'international')],
  dob: ['DATE_TIME', (c) => formatDate(c, c.faker.date.birthdate({ mode: 'age', min: 18, max: 90 }))],
  dob_iso: ['DATE_TIME', (c) => formatDate(c, c.faker.date.birthdate({ mode: 'age', min: 18, max: 90 }), 'iso')],
  event_time: ['DATE_TIME', (c) => c.faker.date.past({ years: 2 }).toISOString().replace(/\.\d+Z$/, 'Z')],
  // places
  street: ['LOCATION', (c) => c.faker.location.streetAddress()],
  address: ['LOCATION', (c) => `${c.faker.location.streetAddress()}, ${c.faker.location.zipCode()} ${c.faker.location.city()}`],
  city: ['LOCATION', (c) => c.faker.location.city()],
  state: ['LOCATION', (c) => c.faker.location.state()],
  country: ['LOCATION', (c) => c.faker.location.country()],
  postcode: ['LOCATION', (c) => c.faker.location.zipCode()],
  // money
  credit_card: ['CREDIT_CARD', (c) => id.creditCard(c.r)],
  mastercard2: ['CREDIT_CARD', (c) => id.formatCard(id.cardDigits(c.r, 'mastercard2'), c.r.pick(['compact', 'spaced']))],
  iban: ['IBAN_CODE', (c) => id.iban(c.r, c.ibanCountry)],
  iban_any: ['IBAN_CODE', (c) => id.iban(c.r)],
  aba_routing: ['ABA_ROUTING_NUMBER', (c) => id.abaRouting(c.r)],
  bank_account: ['US_BANK_NUMBER', (c) => id.usBankAccount(c.r)],
  crypto: ['CRYPTO', (c) => id.cryptoAddress(c.r)],
  // national identifiers
  us_ssn: ['US_SSN', (c) => id.usSsn(c.r)],
  us_itin: ['US_ITIN', (c) => id.usItin(c.r)],
  us_passport: ['US_PASSPORT', (c) => id.usPassport(c.r)],
  us_driver_license: ['US_DRIVER_LICENSE', (c) => id.usDriverLicense(c.r)],
  uk_nhs: ['UK_NHS', (c) => id.ukNhs(c.r)],
  uk_nino: ['UK_NINO', (c) => id.ukNino(c.r)],
  ca_sin: ['CA_SIN', (c) => id.caSin(c.r)],
  nl_bsn: ['NL_BSN', (c) => id.nlBsn(c.r)],
  de_tax_id: ['DE_TAX_ID', (c) => id.deTaxId(c.r)],
  es_nif: ['ES_NIF', (c) => id.esNif(c.r)],
  es_nie: ['ES_NIE', (c) => id.esNie(c.r)],
  fr_nir: ['FR_NIR', (c) => id.frNir(c.r)],
  it_fiscal_code: ['IT_FISCAL_CODE', (c) => id.itFiscalCode(c.r, c.p.first, c.p.last)],
  in_aadhaar: ['IN_AADHAAR', (c) => id.inAadhaar(c.r)],
  au_tfn: ['AU_TFN', (c) => id.auTfn(c.r)],
  au_medicare: ['AU_MEDICARE', (c) => id.auMedicare(c.r)],
  sg_nric: ['SG_NRIC_FIN', (c) => id.sgNric(c.r)],
  // network and secrets
  ipv4: ['IP_ADDRESS', (c) => c.faker.internet.ipv4()],
  ipv6: ['IP_ADDRESS', (c) => c.faker.internet.ipv6()],
  ip_mixed: ['IP_ADDRESS', (c) => (c.r.chance(0.7) ? c.faker.internet.ipv4() : c.faker.internet.ipv6())],
  mac: ['MAC_ADDRESS', (c) => c.faker.internet.mac({ separator: c.r.pick([':', ':', '-']) })],
  url: ['URL', (c) => c.faker.internet.url({ appendSlash: c.r.chance(0.3) }) + (c.r.chance(0.4) ? `profile/${c.faker.internet.username()}` : '')],
  api_key: ['API_KEY', (c) => id.apiKey(c.r)],
  aws_key: ['API_KEY', (c) => id.apiKey(c.r, 'aws')],
  private_key: ['API_KEY', (c) => id.pemPrivateKey(c.r)],
  jwt: ['API_KEY', (c) => id.jwt(c.r)],
  // not PII, not tricky
  row_id: [null, (c) => String(c.row + 1)],
  price: [null, (c) => c.faker.commerce.price({ min: 1, max: 2000 })],
  price_eu: [null, (c) => c.faker.commerce.price({ min: 1, max: 2000 }).replace('.', ',')],
  quantity: [null, (c) => String(c.r.int(1, 40))],
  status: [null, (c) => c.r.pick(['active', 'pending', 'closed', 'refunded'])],
  product: [null, (c) => c.faker.commerce.productName()],
  department: [null, (c) => c.faker.commerce.department()],
  boolean: [null, (c) => c.r.pick(['true', 'false'])],
  percent: [null, (c) => `${c.r.int(0, 100)}%`],
  // look-alike distractors: must not be flagged
  order_id: [null, (c) => id.orderId(c.r), true],
  sku: [null, (c) => id.sku(c.r), true],
  version4: [null, (c) => id.version4(c.r), true],
  semver: [null, (c) => c.faker.system.semver(), true],
  epoch: [null, (c) => String(c.r.int(1.4e9, 1.75e9)), true],
  epoch_ms: [null, (c) => String(c.r.int(1.4e9, 1.75e9) * 1000 + c.r.int(0, 999)), true],
  luhn_fail16: [null, (c) => id.luhnFailing16(c.r), true],
  ean13: [null, (c) => id.ean13(c.r), true],
  nhs_fail10: [null, (c) => id.nhsFailing10(c.r), true],
  uuid: [null, (c) => c.faker.string.uuid(), true],
  hex_hash: [null, (c) => id.hexHash(c.r), true],
  product_code: [null, (c) => id.productCode(c.r), true],
  company: [null, (c) => c.faker.company.name(), true],
  isbn: [null, (c) => c.faker.commerce.isbn(13), true],
};

// ---------------------------------------------------------------- free text

// Sentence templates. {ENTITY} is labelled PII; {ENTITY=text} is fixed text
// labelled as that entity; {~kind} is an unlabelled look-alike (a distractor
// kind from KINDS) that must not be found.
const SPAN_KIND = {
  PERSON: 'full_name', FIRST: 'first_name', EMAIL_ADDRESS: 'email', PHONE_NUMBER: 'phone',
  PHONE_INTL: 'phone_intl', CREDIT_CARD: 'credit_card', IBAN_CODE: 'iban', US_SSN: 'us_ssn',
  IP_ADDRESS: 'ip_mixed', URL: 'url', DATE_TIME: 'dob', LOCATION: 'city', ADDRESS: 'street', MAC_ADDRESS: 'mac',
  UK_NHS: 'uk_nhs', UK_NINO: 'uk_nino', CRYPTO: 'crypto', API_KEY: 'api_key', NL_BSN: 'nl_bsn',
  DE_TAX_ID: 'de_tax_id', ES_NIF: 'es_nif', FR_NIR: 'fr_nir', IT_FISCAL_CODE: 'it_fiscal_code',
  IN_AADHAAR: 'in_aadhaar', AU_TFN: 'au_tfn', AU_MEDICARE: 'au_medicare', CA_SIN: 'ca_sin',
  SG_NRIC_FIN: 'sg_nric', US_ITIN: 'us_itin', ABA_ROUTING_NUMBER: 'aba_routing',
};

const TEXT = {
  common: [
    'Customer {PERSON} called from {PHONE_NUMBER} about order {~order_id}.',
    'Please send the invoice to {EMAIL_ADDRESS} before the end of the month.',
    'Refund of {~price} EUR approved for {PERSON}; card ending in the usual digits.',
    'Paid with card {CREDIT_CARD}, expiry next year.',
    'New address confirmed: {PERSON} moved to {LOCATION}.',
    'Deliver to {ADDRESS} after 5 pm.',
    'Wire transfer from {IBAN_CODE} received, reference {~order_id}.',
    'Login from {IP_ADDRESS} flagged, user agent build {~version4}.',
    'Dr. {PERSON} reviewed the file; contact {EMAIL_ADDRESS} or {PHONE_INTL}.',
    'Date of birth {DATE_TIME} confirmed by phone.',
    'Profile page {URL} was updated by the user.',
    'Item {~sku} (EAN {~ean13}) returned, {~quantity} units, no PII here.',
    'Ticket {~uuid} closed after release {~semver}.',
    'Hi {FIRST}, your parcel {~order_id} ships tomorrow.',
    'Device {MAC_ADDRESS} registered to {PERSON}.',
    'Reference number {~luhn_fail16} is not a card.',
    'Batch {~epoch} processed at {~price} per unit.',
  ],
  secrets: [
    'Rotated the leaked token {API_KEY} this morning.',
    'Donations go to {CRYPTO} (please double-check the address).',
    'Build {~version4} deployed by {PERSON}; checksum {~hex_hash}.',
  ],
  en_US: ['SSN on file: {US_SSN}. Verified by {PERSON}.', 'ITIN {US_ITIN} was provided by the client.', 'Routing number {ABA_ROUTING_NUMBER} for payroll.'],
  en_GB: ['NHS number {UK_NHS} belongs to {PERSON}.', 'National Insurance number {UK_NINO} recorded.', 'Old reference {~nhs_fail10} is not an NHS number.'],
  de: ['Rückruf an {PERSON} unter {PHONE_NUMBER} erbeten.', 'Steuer-ID {DE_TAX_ID} liegt vor, IBAN {IBAN_CODE}.', 'Frau {PERSON} wohnt jetzt in {LOCATION}.'],
  fr: ['Merci de rappeler {PERSON} au {PHONE_NUMBER}.', 'Numéro de sécurité sociale {FR_NIR} reçu.', 'Écrire à {EMAIL_ADDRESS} pour la facture {~order_id}.'],
  es: ['Llamar a {PERSON} al {PHONE_NUMBER} mañana.', 'DNI {ES_NIF} verificado en {LOCATION}.', 'Correo de contacto: {EMAIL_ADDRESS}.'],
  nl: ['BSN {NL_BSN} gecontroleerd voor {PERSON}.', 'Bel {PERSON} op {PHONE_NUMBER}.'],
  it: ['Codice fiscale {IT_FISCAL_CODE} di {PERSON}.', 'Chiamare {PHONE_NUMBER} entro venerdì.'],
  en_IN: ['Aadhaar {IN_AADHAAR} linked for {PERSON}.', 'Reach {FIRST} on {PHONE_NUMBER}.'],
  en_AU: ['TFN {AU_TFN} lodged; Medicare {AU_MEDICARE}.', 'Call {PERSON} on {PHONE_NUMBER}.'],
  en_CA: ['SIN {CA_SIN} confirmed for {PERSON}.', 'NRIC {SG_NRIC_FIN} of the {LOCATION=Singapore} office contact.'],
};

/** Writes one or two sentences and records the UTF-16 spans of labelled PII. */
function freeText(ctx, templates) {
  const { r } = ctx;
  const spans = [];
  let text = '';
  const count = r.chance(0.3) ? 2 : 1;
  for (let s = 0; s < count; s++) {
    if (s > 0) text += ' ';
    const template = r.pick(templates);
    for (const piece of template.split(/(\{~?[A-Z_a-z0-9]+(?:=[^}]*)?\})/)) {
      const literal = piece.match(/^\{([A-Z_]+)=([^}]*)\}$/);
      if (literal) {
        // Fixed text that is PII all the same ("the Singapore office").
        spans.push({ start: text.length, end: text.length + literal[2].length, entity: literal[1], text: literal[2] });
        text += literal[2];
        continue;
      }
      const m = piece.match(/^\{(~?)([A-Za-z_0-9]+)\}$/);
      if (!m) {
        text += piece;
        continue;
      }
      const distractor = m[1] === '~';
      const kind = distractor ? m[2] : SPAN_KIND[m[2]];
      const [entity, gen] = KINDS[kind];
      // A fresh person for each placeholder, so two names in a cell differ.
      ctx.p = newPerson(ctx);
      const value = gen(ctx);
      if (!distractor && entity) spans.push({ start: text.length, end: text.length + value.length, entity, text: value });
      text += value;
    }
  }
  return { text, spans };
}

// -------------------------------------------------------------------- files

// Header names are what such files really use, in the locale's language. A
// `!` before a header marks a blind header: it says nothing about the content.
const FILES = [
  {
    name: 'us-customers', locale: 'EN_US', region: 'US', dateStyle: 'us', text: ['common', 'en_US'],
    columns: [['customer_id', 'row_id'], ['full_name', 'full_name'], ['email', 'email'], ['phone', 'phone'],
      ['ssn', 'us_ssn'], ['date_of_birth', 'dob'], ['street_address', 'street'], ['city', 'city'], ['state', 'state'],
      ['zip', 'postcode'], ['card_number', 'credit_card'], ['order_id', 'order_id'], ['amount', 'price'],
      ['qty', 'quantity'], ['notes', 'text']],
  },
  {
    name: 'us-banking-blind', locale: 'EN_US', region: 'US', dateStyle: 'us_long', text: ['common', 'en_US'],
    columns: [['!col_1', 'full_name'], ['!contact', 'email'], ['!value', 'credit_card'], ['!field3', 'us_ssn'],
      ['routing_number', 'aba_routing'], ['account_number', 'bank_account'], ['itin', 'us_itin'],
      ['passport_number', 'us_passport'], ['drivers_license', 'us_driver_license'], ['!col_7', 'mastercard2'],
      ['reference', 'luhn_fail16'], ['barcode', 'ean13'], ['!col_9', 'phone_intl'], ['created', 'epoch'],
      ['status', 'status'], ['comment', 'text']],
  },
  {
    name: 'gb-patients', locale: 'EN_GB', region: 'GB', dateStyle: 'eu', text: ['common', 'en_GB'],
    columns: [['patient_id', 'row_id'], ['nhs_number', 'uk_nhs'], ['ni_number', 'uk_nino'], ['forename', 'first_name'],
      ['surname', 'last_name'], ['dob', 'dob'], ['postcode', 'postcode'], ['telephone', 'phone'], ['email', 'email'],
      ['ref_number', 'nhs_fail10'], ['!field3', 'uk_nhs'], ['ward', 'department'], ['appointment_ref', 'order_id'],
      ['clinical_notes', 'text']],
  },
  {
    name: 'de-mitarbeiter', locale: 'DE', region: 'DE', dateStyle: 'de', delimiter: ';', iban: 'DE', text: ['common', 'de'],
    columns: [['Personalnummer', 'row_id'], ['Vorname', 'first_name'], ['Nachname', 'last_name'], ['Geburtsdatum', 'dob'],
      ['Steuer-ID', 'de_tax_id'], ['IBAN', 'iban'], ['Telefon', 'phone'], ['E-Mail', 'work_email'], ['Straße', 'street'],
      ['PLZ', 'postcode'], ['Ort', 'city'], ['Gehalt', 'price_eu'], ['Artikelnummer', 'sku'], ['Softwareversion', 'version4'],
      ['Bemerkung', 'text']],
  },
  {
    name: 'fr-clients', locale: 'FR', region: 'FR', dateStyle: 'eu', delimiter: ';', iban: 'FR', text: ['common', 'fr'],
    columns: [['nom', 'last_name'], ['prénom', 'first_name'], ['téléphone', 'phone'], ['courriel', 'email'],
      ['numéro_sécu', 'fr_nir'], ['IBAN', 'iban'], ['adresse', 'address'], ['code_postal', 'postcode'], ['ville', 'city'],
      ['date_naissance', 'dob'], ['montant', 'price_eu'], ['code_produit', 'product_code'], ['!valeur', 'fr_nir'],
      ['commentaire', 'text']],
  },
  {
    name: 'es-pacientes', locale: 'ES', region: 'ES', dateStyle: 'eu', iban: 'ES', text: ['common', 'es'],
    columns: [['nombre', 'full_name'], ['dni', 'es_nif'], ['nie', 'es_nie'], ['teléfono', 'phone'], ['correo', 'email'],
      ['dirección', 'street'], ['código_postal', 'postcode'], ['ciudad', 'city'], ['cuenta', 'iban'],
      ['fecha_nacimiento', 'dob'], ['pedido', 'order_id'], ['precio', 'price_eu'], ['!dato', 'es_nif'], ['observaciones', 'text']],
  },
  {
    name: 'nl-klanten', locale: 'NL', region: 'NL', dateStyle: 'eu', delimiter: ';', iban: 'NL', text: ['common', 'nl'],
    columns: [['naam', 'full_name'], ['bsn', 'nl_bsn'], ['telefoonnummer', 'phone'], ['e-mailadres', 'email'],
      ['straat', 'street'], ['postcode', 'postcode'], ['woonplaats', 'city'], ['rekeningnummer', 'iban'],
      ['geboortedatum', 'dob_iso'], ['ean', 'ean13'], ['bedrag', 'price_eu'], ['!kolom5', 'nl_bsn'], ['opmerking', 'text']],
  },
  {
    name: 'it-anagrafica', locale: 'IT', region: 'IT', dateStyle: 'eu', iban: 'IT', text: ['common', 'it'],
    columns: [['nome', 'first_name'], ['cognome', 'last_name'], ['codice_fiscale', 'it_fiscal_code'], ['telefono', 'phone'],
      ['email', 'email'], ['indirizzo', 'street'], ['cap', 'postcode'], ['città', 'city'], ['iban', 'iban'],
      ['versione', 'version4'], ['!campo4', 'it_fiscal_code'], ['quantità', 'quantity'], ['note', 'text']],
  },
  {
    name: 'in-kyc', locale: 'EN_IN', region: 'IN', dateStyle: 'eu', text: ['common', 'en_IN'],
    columns: [['name', 'full_name'], ['aadhaar', 'in_aadhaar'], ['mobile', 'phone'], ['email', 'email'], ['city', 'city'],
      ['state', 'state'], ['pincode', 'postcode'], ['!field3', 'in_aadhaar'], ['txn_id', 'uuid'], ['amount', 'price'],
      ['remarks', 'text']],
  },
  {
    name: 'au-members', locale: 'EN_AU', region: 'AU', dateStyle: 'eu', text: ['common', 'en_AU'],
    columns: [['member_name', 'name_last_first'], ['tfn', 'au_tfn'], ['medicare_number', 'au_medicare'], ['phone', 'phone'],
      ['email', 'email'], ['address', 'street'], ['suburb', 'city'], ['postcode', 'postcode'], ['!value', 'au_tfn'],
      ['!col_7', 'au_medicare'], ['joined', 'epoch_ms'], ['employer', 'company'], ['notes', 'text']],
  },
  {
    name: 'ca-sg-staff', locale: 'EN_CA', region: 'CA', dateStyle: 'iso', text: ['common', 'en_CA'],
    columns: [['employee', 'full_name'], ['sin', 'ca_sin'], ['nric', 'sg_nric'], ['phone', 'phone'], ['email', 'email'],
      ['country', 'country'], ['!contact', 'phone_intl'], ['!col_4', 'ca_sin'], ['!field3', 'sg_nric'], ['book', 'isbn'],
      ['notes', 'text']],
  },
  {
    name: 'it-access-logs', locale: 'EN', region: 'US', dateStyle: 'iso', eol: '\r\n', text: ['common', 'secrets'],
    columns: [['timestamp', 'event_time'], ['client_ip', 'ipv4'], ['ipv6', 'ipv6'], ['mac', 'mac'], ['url', 'url'],
      ['user', 'work_email'], ['api_key', 'api_key'], ['aws_access_key_id', 'aws_key'], ['jwt', 'jwt'],
      ['private_key', 'private_key'], ['wallet', 'crypto'], ['!value', 'ipv4'], ['!field3', 'api_key'], ['!col_12', 'crypto'],
      ['firmware', 'version4'], ['version', 'semver'], ['request_id', 'uuid'], ['sha', 'hex_hash'], ['epoch', 'epoch'],
      ['message', 'text']],
  },
  {
    name: 'intl-payments', locale: 'EN_GB', region: 'GB', dateStyle: 'long', text: ['common'],
    columns: [['payer', 'full_name'], ['iban', 'iban_any'], ['!value', 'iban_any'], ['card', 'credit_card'],
      ['mc', 'mastercard2'], ['phone', 'phone_intl'], ['country', 'country'], ['date', 'dob'], ['invoice', 'order_id'],
      ['sku', 'sku'], ['card_ref', 'luhn_fail16'], ['amount', 'price'], ['company', 'company'], ['memo', 'text']],
  },
];

function newPerson(ctx) {
  const sex = ctx.r.pick(['female', 'male']);
  return { first: ctx.faker.person.firstName(sex), last: ctx.faker.person.lastName(sex) };
}

function csvField(value, delimiter) {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replaceAll('"', '""')}"` : value;
}

function generateFile(spec, fileIndex, seed, rowsMin, rowsMax) {
  const faker = F[`faker${spec.locale}`];
  faker.seed(seed * 1000 + fileIndex);
  faker.setDefaultRefDate(REF_DATE);
  const r = id.randomSource(faker);
  const ctx = { faker, r, region: spec.region, dateStyle: spec.dateStyle, ibanCountry: spec.iban, p: null, row: 0 };
  const delimiter = spec.delimiter ?? ',';
  const eol = spec.eol ?? '\n';
  const rows = r.int(rowsMin, rowsMax);
  const templates = spec.text.flatMap((t) => TEXT[t]);

  const columns = spec.columns.map(([header, kind], index) => {
    const blind = header.startsWith('!');
    const name = blind ? header.slice(1) : header;
    if (kind === 'text') return { index, name, entity: null, kind, blind: false, distractor: false, free_text: true };
    const [entity, , distractor = false] = KINDS[kind];
    return { index, name, entity, kind, blind, distractor, free_text: false };
  });

  const lines = [columns.map((c) => csvField(c.name, delimiter)).join(delimiter)];
  const spans = [];
  for (let row = 0; row < rows; row++) {
    ctx.row = row;
    ctx.p = newPerson(ctx);
    const person = ctx.p;
    const cells = columns.map((c) => {
      if (c.free_text) {
        const { text, spans: found } = freeText(ctx, templates);
        ctx.p = person;
        for (const s of found) spans.push({ row, column: c.index, ...s });
        return text;
      }
      // A few empty cells, as real exports have.
      if (c.entity && c.kind !== 'row_id' && r.chance(0.03)) return '';
      return KINDS[c.kind][1](ctx);
    });
    lines.push(cells.map((v) => csvField(v, delimiter)).join(delimiter));
  }
  const file = `${String(fileIndex + 1).padStart(2, '0')}-${spec.name}.csv`;
  const labels = {
    file, locale: spec.locale, seed, rows, delimiter, line_ending: eol === '\n' ? 'LF' : 'CRLF', header: true,
    columns, spans,
  };
  return { file, csv: lines.join(eol) + eol, labels };
}

// ---------------------------------------------------------------------- main

const seed = Number(args.seed);
const count = Math.min(FILES.length, Number(args.files ?? FILES.length));
rmSync(args.out, { recursive: true, force: true });
mkdirSync(args.out, { recursive: true });
const index = [];
for (let i = 0; i < count; i++) {
  const { file, csv, labels } = generateFile(FILES[i], i, seed, Number(args['rows-min']), Number(args['rows-max']));
  writeFileSync(join(args.out, file), csv);
  writeFileSync(join(args.out, file.replace(/\.csv$/, '.labels.json')), JSON.stringify(labels, null, 1) + '\n');
  index.push({ file, rows: labels.rows, columns: labels.columns.length, spans: labels.spans.length });
  console.log(`${file}: ${labels.rows} rows, ${labels.columns.length} columns, ${labels.spans.length} labelled spans`);
}
writeFileSync(join(args.out, 'index.json'), JSON.stringify({ seed, files: index }, null, 1) + '\n');
