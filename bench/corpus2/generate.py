#!/usr/bin/env python3
"""Writes corpus 2: labelled CSV files for TESTING pii-mask only (never for tuning).

Made differently from corpus 1 (bench/corpus/, @faker-js/faker with JS
templates): people and places come from mimesis, phone numbers from the
numbering plans written here (kept only when the `phonenumbers` package calls
them valid), identifiers from the check rules written here (kept only when
python-stdnum accepts them), and the sentences and headers are hand-written
here in six languages. Labels use corpus 1's format (see bench/corpus/README.md)
so bench/corpus/score.mjs reads both.

    bash bench/corpus2/generate.sh [--out DIR] [--seed N]
    bash bench/corpus2/generate.sh --big    # only the 5 MB-field file, in out-big/

Deterministic: the same seed gives byte-identical files.
"""

import argparse
import json
import re
import shutil
import string
import unicodedata
from pathlib import Path
from random import Random

import phonenumbers
from mimesis import Address, Datetime, Locale, Person
from mimesis.enums import Gender
from stdnum import iban as std_iban
from stdnum.nl import bsn as std_bsn
from stdnum.us import ssn as std_ssn

HERE = Path(__file__).resolve().parent


def u16(s):
    """Length in UTF-16 code units, as the scorer and `find` count offsets."""
    return len(s.encode("utf-16-le")) // 2


def slug(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if c.isascii() and c.isalpha()).lower()


# --------------------------------------------------------------------- people


class Ctx:
    """One file's random sources and its current person."""

    def __init__(self, spec, seed):
        self.spec = spec
        self.loc = spec["locale"]
        self.region = spec["region"]
        self.r = Random(seed)
        mseed = self.r.randrange(2**31)
        self.person = Person(self.loc, seed=mseed)
        self.addr = Address(self.loc, seed=mseed + 1)
        self.dt = Datetime(seed=mseed + 2)
        self.p = None
        self.row = 0

    def new_person(self):
        g = self.r.choice([Gender.FEMALE, Gender.MALE])
        first = self.person.first_name(gender=g)
        last = self.person.last_name(gender=g)
        if self.region == "NL" and last[:1].isupper() and self.r.random() < 0.25:
            last = self.r.choice(["van ", "de ", "van der ", "van den ", "ter "]) + last
        return {"first": first, "last": last}


# ---------------------------------------------------------------- phone plans

# National numbers by the shape of each country's plan: (leading digits, how
# many random digits follow). The `phonenumbers` package has the last word.
PLANS = {
    "US": [("212", 7), ("312", 7), ("415", 7), ("617", 7), ("713", 7), ("206", 7), ("303", 7), ("404", 7), ("512", 7), ("602", 7)],
    "CA": [("416", 7), ("604", 7), ("514", 7), ("403", 7), ("613", 7)],
    "GB": [("07", 9), ("020", 8), ("0161", 7), ("0131", 7), ("0117", 7)],
    "DE": [("0151", 8), ("0160", 7), ("0171", 7), ("0176", 8), ("030", 8), ("089", 7), ("040", 7), ("0221", 7)],
    "AT": [("0664", 7), ("0676", 7), ("01", 7), ("0316", 6)],
    "CH": [("079", 7), ("078", 7), ("044", 7), ("031", 7)],
    "FR": [("06", 8), ("07", 8), ("01", 8), ("04", 8)],
    "ES": [("6", 8), ("91", 7), ("93", 7), ("96", 7)],
    "NL": [("06", 8), ("020", 7), ("010", 7), ("030", 7), ("0165", 6)],
    "BE": [("047", 7), ("049", 7), ("02", 7), ("09", 7)],
    "IT": [("333", 7), ("347", 7), ("320", 7), ("06", 8), ("02", 8)],
    "AU": [("04", 8), ("02", 8), ("03", 8)],
}


def national_digits(ctx):
    for _ in range(200):
        lead, n = ctx.r.choice(PLANS[ctx.region])
        digits = lead + "".join(ctx.r.choice(string.digits) for _ in range(n))
        if ctx.region in ("US", "CA") and digits[3] in "01":
            continue
        num = phonenumbers.parse(digits, ctx.region)
        if phonenumbers.is_valid_number_for_region(num, ctx.region):
            return digits, num
    raise RuntimeError("no valid number for " + ctx.region)


def phone_national(ctx):
    """A number as people in the country write it, not only as libphonenumber does."""
    d, num = national_digits(ctx)
    r, reg = ctx.r, ctx.region
    ways = [phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL)]
    if reg in ("US", "CA"):
        ways += [f"{d[:3]}-{d[3:6]}-{d[6:]}", f"{d[:3]}.{d[3:6]}.{d[6:]}"]
    elif reg == "FR":
        ways += [".".join(d[i:i + 2] for i in range(0, 10, 2)), d]
    elif reg == "ES":
        ways += [f"{d[:3]} {d[3:5]} {d[5:7]} {d[7:]}", d]
    else:
        # Area code (or mobile prefix) as the plan splits it, then the rest
        # written the ways each country does: 030/1234567, 06-12345678, 347 1234567.
        area = ways[0].split(" ")[0].strip("()")
        rest = d[len(area):]
        seps = {"DE": ["/", " ", "-"], "AT": ["/", " ", "-"], "NL": ["-", " "], "BE": ["/", " "], "IT": [" ", "/", "-"], "GB": [" "]}
        ways += [f"{area}{sep}{rest}" for sep in seps.get(reg, [" "])]
    return r.choice(ways)


def phone_intl(ctx):
    _, num = national_digits(ctx)
    intl = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return ctx.r.choice([intl, phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164), intl.replace(" ", "-", 1)])


# --------------------------------------------------------------------- dates

MONTHS = {
    "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(),
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
    "nl": "januari februari maart april mei juni juli augustus september oktober november december".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre".split(),
}


def fmt_date(ctx, d, style=None):
    style = style or ctx.spec["date"]
    y, m, day = d.year, d.month, d.day
    return {
        "iso": f"{y}-{m:02}-{day:02}",
        "us": f"{m}/{day}/{y}",
        "dmy_slash": f"{day:02}/{m:02}/{y}",
        "dmy_dash": f"{day:02}-{m:02}-{y}",
        "dmy_dot": f"{day}.{m}.{y}",
        "en_text": f"{day} {MONTHS['en'][m - 1]} {y}",
        "de_text": f"{day}. {MONTHS['de'][m - 1]} {y}",
        "nl_text": f"{day} {MONTHS['nl'][m - 1]} {y}",
        "fr_text": f"{day} {MONTHS['fr'][m - 1]} {y}",
        "es_text": f"{day} de {MONTHS['es'][m - 1]} de {y}",
        "it_text": f"{day} {MONTHS['it'][m - 1]} {y}",
    }[style]


def dob(ctx):
    return ctx.dt.date(start=1936, end=2006)


def event_time(ctx):
    t = ctx.dt.datetime(start=2023, end=2025).replace(microsecond=0)
    return ctx.r.choice([t.isoformat(sep=" "), t.isoformat() + "Z"])


# ---------------------------------------------------------------- places

# Street first (de, nl, es, it) or number first (en, fr): mimesis writes some
# locales the other way round, so put them in the country's order.
def street(ctx):
    s = ctx.addr.address()
    m = re.match(r"^(\d+) (.+)$", s)
    if m and ctx.loc in (Locale.IT, Locale.NL_BE, Locale.NL, Locale.DE, Locale.DE_AT, Locale.DE_CH):
        s = f"{m.group(2)} {m.group(1)}" if ctx.loc != Locale.IT or ctx.r.random() < 0.6 else f"{m.group(2)}, {m.group(1)}"
    return s


def postcode(ctx):
    return ctx.addr.postal_code()


def town(ctx):
    return ctx.addr.city()


def address_line(ctx):
    """A whole one-line address in the country's order."""
    st, pc, city = street(ctx), postcode(ctx), town(ctx)
    reg = ctx.region
    if reg == "US":
        return f"{st}, {city}, {ctx.addr.state(abbr=True)} {pc}"
    if reg == "CA":
        return f"{st}, {city}, {ctx.addr.state(abbr=True).removeprefix('CA-')} {pc}"
    if reg in ("GB", "AU"):
        return f"{st}, {city} {pc}" if reg == "GB" else f"{st}, {city} {ctx.addr.state(abbr=True)} {pc}"
    if reg == "IT":
        return f"{st}, {pc} {city} ({ctx.addr.state(abbr=True)})" if ctx.r.random() < 0.5 else f"{st} - {pc} {city}"
    return f"{st}, {pc} {city}"


# --------------------------------------------------------------- identifiers


def digits(r, n):
    return "".join(r.choice(string.digits) for _ in range(n))


def us_passport(ctx):
    # Next-generation US passports: a letter and eight digits (Q94367124).
    return ctx.r.choice("ACEFGHJKLMNPQRSTUVWXYZ") + digits(ctx.r, 8)


def passport_for(ctx, region):
    r = ctx.r
    if region == "DE":
        alpha = "CFGHJKLMNPRTVWXYZ0123456789"
        return r.choice("CFGHJK") + "".join(r.choice(alpha) for _ in range(8))
    if region == "NL":
        letters = "ABCDEFGHIJKLMNPQRSTUVWXYZ"
        return "".join(r.choice(letters) for _ in range(2)) + "".join(r.choice(letters + string.digits) for _ in range(6)) + r.choice(string.digits)
    if region == "FR":
        return digits(r, 2) + "".join(r.choice(string.ascii_uppercase) for _ in range(2)) + digits(r, 5)
    if region == "ES":
        return "".join(r.choice(string.ascii_uppercase) for _ in range(3)) + digits(r, 6)
    if region == "IT":
        return "".join(r.choice(string.ascii_uppercase) for _ in range(2)) + digits(r, 7)
    return us_passport(ctx)


PASSPORT_ENTITY = {"US": "US_PASSPORT", "DE": "DE_PASSPORT", "NL": "NL_PASSPORT", "FR": "FR_PASSPORT", "ES": "ES_PASSPORT", "IT": "IT_PASSPORT"}


def valid_ssn(ctx):
    while True:
        s = f"{ctx.r.randint(1, 899):03}-{ctx.r.randint(1, 99):02}-{ctx.r.randint(1, 9999):04}"
        if std_ssn.is_valid(s):
            return s


def invalid_ssn(ctx):
    """SSN-shaped, but no SSN: area 000 or 666, group 00 or serial 0000."""
    r = ctx.r
    area, group, serial = f"{r.randint(1, 899):03}", f"{r.randint(1, 99):02}", f"{r.randint(1, 9999):04}"
    broken = r.choice(["area0", "area666", "group", "serial"])
    area = "000" if broken == "area0" else "666" if broken == "area666" else area
    group = "00" if broken == "group" else group
    serial = "0000" if broken == "serial" else serial
    s = f"{area}-{group}-{serial}"
    assert not std_ssn.is_valid(s)
    return s if r.random() < 0.7 else s.replace("-", "")


def iban(ctx, country=None):
    country = country or ctx.spec.get("iban", "DE")
    shapes = {"DE": "n18", "NL": "a4n10", "IT": "a1n10c12", "FR": "n10c11n2", "ES": "n20", "BE": "n12", "AT": "n16", "GB": "a4n14"}
    r = ctx.r
    for _ in range(5000):
        bban = ""
        for kind, n in re.findall(r"([anc])(\d+)", shapes[country]):
            pool = string.digits if kind == "n" else string.ascii_uppercase if kind == "a" else string.digits + string.ascii_uppercase
            bban += "".join(r.choice(pool) for _ in range(int(n)))
        numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
        check = 98 - int(numeric) % 97
        value = f"{country}{check:02}{bban}"
        if std_iban.is_valid(value):
            return value if r.random() < 0.5 else " ".join(value[i:i + 4] for i in range(0, len(value), 4))
    raise RuntimeError("no IBAN for " + country)


def nl_bsn(ctx):
    while True:
        s = digits(ctx.r, 9)
        if std_bsn.is_valid(s):
            return s


def ipv4(ctx):
    r = ctx.r
    return f"{r.choice([31, 46, 62, 81, 85, 92, 145, 178, 188, 213])}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"


def email(ctx):
    p, r = ctx.p, ctx.r
    f, l = slug(p["first"]), slug(p["last"])
    domain = ctx.person.email().split("@")[1]
    local = r.choice([f"{f}.{l}", f"{f[:1]}{l}", f"{l}.{f}{r.randint(50, 99)}", f"{f}_{l}", f"{f}{r.randint(1, 999)}"])
    return f"{local}@{domain}"


# ------------------------------------------------------------- distractors


def version4(ctx):
    r = ctx.r
    return f"{r.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15])}.{r.randint(0, 9)}.{r.randint(0, 20)}.{r.randint(0, 300)}"


def order_code(ctx):
    r = ctx.r
    return r.choice([
        lambda: f"SO-{digits(r, 5)}-{r.choice('ABCDEFGH')}",
        lambda: f"BST/{r.randint(2021, 2025)}/{digits(r, 5)}",
        lambda: f"CMD{digits(r, 7)}",
        lambda: f"{r.choice(['RMA', 'WO', 'PR'])}{r.randint(2021, 2025)}-{digits(r, 4)}",
    ])()


def uuid(ctx):
    h = "".join(ctx.r.choice("0123456789abcdef") for _ in range(32))
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{ctx.r.choice('89ab')}{h[17:20]}-{h[20:]}"


def amount(ctx):
    v = f"{ctx.r.randint(1, 4999)}.{ctx.r.randint(0, 99):02}"
    return v.replace(".", ",") if ctx.spec.get("comma_decimal") else v


# Kinds: (entity or None, generator, flags). Flags: "d" distractor (a
# look-alike that must not be flagged), "q" relates to a person but does not
# identify one by itself (states, countries, event times: kept on purpose).
KINDS = {
    "full_name": ("PERSON", lambda c: f"{c.p['first']} {c.p['last']}", ""),
    "given": ("PERSON", lambda c: c.p["first"], ""),
    "family": ("PERSON", lambda c: c.p["last"], ""),
    "name_upper_last": ("PERSON", lambda c: f"{c.p['last'].upper()}, {c.p['first']}", ""),
    "email": ("EMAIL_ADDRESS", email, ""),
    "phone": ("PHONE_NUMBER", phone_national, ""),
    "phone_intl": ("PHONE_NUMBER", phone_intl, ""),
    "dob": ("DATE_TIME", lambda c: fmt_date(c, dob(c)), ""),
    "dob_iso": ("DATE_TIME", lambda c: fmt_date(c, dob(c), "iso"), ""),
    "street": ("LOCATION", street, ""),
    "address_line": ("LOCATION", address_line, ""),
    "postcode": ("LOCATION", postcode, ""),
    "town": ("LOCATION", town, ""),
    "state": ("LOCATION", lambda c: c.addr.state(), "q"),
    "country": ("LOCATION", lambda c: c.addr.country(), "q"),
    "created_at": ("DATE_TIME", event_time, "q"),
    "us_passport": ("US_PASSPORT", us_passport, ""),
    "iban": ("IBAN_CODE", iban, ""),
    "us_ssn": ("US_SSN", valid_ssn, ""),
    "nl_bsn": ("NL_BSN", nl_bsn, ""),
    "ipv4": ("IP_ADDRESS", ipv4, ""),
    # not personal
    "row_no": (None, lambda c: str(c.row + 1001), ""),
    "amount": (None, amount, ""),
    "qty": (None, lambda c: str(c.r.randint(1, 12)), ""),
    "tier": (None, lambda c: c.r.choice(["bronze", "silver", "gold", "platinum"]), ""),
    "ward": (None, lambda c: c.r.choice(["Innere", "Chirurgie", "Kardiologie", "Neurologie", "Pädiatrie"]), ""),
    "flag": (None, lambda c: c.r.choice(["Y", "N"]), ""),
    "rating": (None, lambda c: str(c.r.randint(1, 5)), ""),
    "seat": (None, lambda c: f"{c.r.randint(1, 40)}{c.r.choice('ABCDEF')}", ""),
    # look-alike distractors
    "version4": (None, version4, "d"),
    "order_code": (None, order_code, "d"),
    "invalid_ssn": (None, invalid_ssn, "d"),
    "uuid": (None, uuid, "d"),
    "flight": (None, lambda c: f"{c.r.choice(['LH', 'KL', 'AF', 'IB', 'AZ', 'BA', 'UA'])} {c.r.randint(100, 9999)}", "d"),
}

# ---------------------------------------------------------------- free text

# {KIND} is labelled PII of that kind; {PASSPORT} is the file's country's
# passport; {~kind} is an unlabelled look-alike. Shapes differ on purpose from
# corpus 1's: names after commas and in parentheses, addresses as one line,
# lower-case openings, abbreviations (Tel., geb., tél.), several entities a cell.
TEXT = {
    "en": [
        "spoke to {full_name} re: renewal, prefers calls on {phone}",
        "{full_name} ({email}) asked us to update the file",
        "Passport {PASSPORT} checked at the desk by {given}.",
        "mail came back from {address_line}, new address pending",
        "Emergency contact: {full_name}, tel {phone}.",
        "Born {dob}; lives at {address_line}.",
        "as agreed with {full_name}, refund of {~amount} on {~order_code}",
        "Ticket {~uuid}: firmware {~version4} rolled out, no customer data",
        "Forwarded to {full_name} and {full_name} for review.",
        "New number: {phone} (was {phone}).",
        "IBAN {iban} confirmed over the phone with {given}.",
        "Client moved to {town}, postcode {postcode}.",
        "Re flight {~flight}: traveller {full_name}, passport no. {PASSPORT}",
        "called from {phone_intl}; wants statements sent to {email}",
    ],
    "de": [
        "Patient {full_name} (geb. {dob}) wohnhaft {address_line}, Tel. {phone}.",
        "Rückfrage bei Frau {family} unter {phone} erledigt.",
        "Reisepass {PASSPORT} vorgelegt, gültig.",
        "Post bitte an {address_line} schicken.",
        "Herr {family} ist umgezogen nach {town} ({postcode}).",
        "laut {full_name} ist die Firmware {~version4} installiert",
        "Angehörige: {full_name}, erreichbar unter {phone} oder {email}",
        "Bestellung {~order_code} storniert, Betrag {~amount} erstattet",
        "Kontoverbindung {iban}, Inhaber {full_name}.",
    ],
    "nl": [
        "Gebeld met {full_name} over de verlenging, terugbellen op {phone}.",
        "Nieuw adres: {address_line}.",
        "Paspoort {PASSPORT} gezien bij inschrijving van {given}.",
        "mevrouw {family} heeft een nieuw nummer: {phone}",
        "{full_name}, geboren {dob}, woont in {town}.",
        "Factuur {~order_code} betaald, versie {~version4} geïnstalleerd",
        "Mail naar {email} gestuurd, geen reactie van {given}.",
        "BSN {nl_bsn} gecontroleerd, rekening {iban}.",
    ],
    "fr": [
        "Rappeler {full_name} au {phone} avant vendredi.",
        "Nouvelle adresse : {address_line}.",
        "Passeport {PASSPORT} présenté par {full_name}.",
        "Mme {family} (née le {dob}) a changé de numéro : {phone}",
        "courrier retourné depuis {address_line}",
        "Commande {~order_code} expédiée, version {~version4}",
        "Contact : {full_name}, {email}, tél. {phone}",
    ],
    "es": [
        "Llamó {full_name} desde el {phone}, quiere cambiar la cuenta.",
        "Domicilio actualizado: {address_line}.",
        "Pasaporte {PASSPORT} verificado; titular {full_name}.",
        "la Sra. {family}, nacida el {dob}, vive en {town}",
        "Pedido {~order_code} devuelto por {given}, importe {~amount}",
        "Escribir a {email} o al {phone}.",
    ],
    "it": [
        "Richiamare {full_name} al {phone} entro lunedì.",
        "Nuovo indirizzo: {address_line}.",
        "Passaporto {PASSPORT} esibito da {full_name}.",
        "la sig.ra {family}, nata il {dob}, abita a {town}",
        "Ordine {~order_code} spedito, firmware {~version4}",
        "Contatti: {email}, cell. {phone}",
    ],
}


def free_text(ctx):
    lang = ctx.spec["text"]
    spans = []
    text = ""
    for n in range(2 if ctx.r.random() < 0.25 else 1):
        if n:
            text += " "
        template = ctx.r.choice(TEXT[lang])
        for piece in re.split(r"(\{~?[a-z_0-9A-Z]+\})", template):
            m = re.fullmatch(r"\{(~?)([a-z_0-9A-Z]+)\}", piece)
            if not m:
                text += piece
                continue
            if m.group(2) == "PASSPORT":
                region = ctx.spec.get("passport", ctx.region if ctx.region in PASSPORT_ENTITY else "US")
                entity, value = PASSPORT_ENTITY[region], passport_for(ctx, region)
            else:
                entity, gen, _ = KINDS[m.group(2)]
                if m.group(2) in ("full_name", "given", "family"):
                    ctx.p = ctx.new_person()
                value = gen(ctx)
            if not m.group(1) and entity:
                start = u16(text)
                spans.append({"start": start, "end": start + u16(value), "entity": entity, "text": value})
            text += value
    return text, spans


# -------------------------------------------------------------------- files

# A `!` marks a blind header. Headers: camelCase, snake_case, Title Case,
# UPPER, in six languages, and blind ones.
FILES = [
    {"name": "crm-contacts", "locale": Locale.EN, "region": "US", "date": "us", "text": "en", "rows": 420,
     "columns": [["contactId", "row_no"], ["firstName", "given"], ["lastName", "family"], ["emailAddress", "email"],
                 ["mobilePhone", "phone"], ["dateOfBirth", "dob"], ["streetAddress", "street"], ["town", "town"],
                 ["zipCode", "postcode"], ["state", "state"], ["country", "country"], ["createdAt", "created_at"],
                 ["accountTier", "tier"], ["fw", "version4"], ["lastOrder", "order_code"], ["notes", "text"]]},
    {"name": "Patientenliste", "locale": Locale.DE, "region": "DE", "date": "dmy_dot", "text": "de", "delimiter": ";",
     "iban": "DE", "comma_decimal": True, "rows": 380,
     "columns": [["Name", "full_name"], ["Geb.-Datum", "dob"], ["Straße und Hausnummer", "street"], ["Postleitzahl", "postcode"],
                 ["Wohnort", "town"], ["Bundesland", "state"], ["Telefonnummer", "phone"], ["Bankverbindung", "iban"],
                 ["Station", "ward"], ["Aufgenommen am", "created_at"], ["Softwarestand", "version4"], ["Bemerkungen", "text"]]},
    {"name": "leden", "locale": Locale.NL, "region": "NL", "date": "dmy_dash", "text": "nl", "delimiter": ";", "iban": "NL",
     "comma_decimal": True, "rows": 360,
     "columns": [["voornaam", "given"], ["achternaam", "family"], ["geboortedatum", "dob"], ["adres", "address_line"],
                 ["postcode", "postcode"], ["plaats", "town"], ["provincie", "state"], ["telefoon", "phone"], ["e-mail", "email"],
                 ["bsn", "nl_bsn"], ["versie", "version4"], ["contributie", "amount"], ["opmerkingen", "text"]]},
    {"name": "REGISTRO-CLIENTI", "locale": Locale.IT, "region": "IT", "date": "dmy_slash", "text": "it", "iban": "IT",
     "comma_decimal": True, "rows": 340,
     "columns": [["NOME", "given"], ["COGNOME", "family"], ["DATA_NASCITA", "dob"], ["INDIRIZZO", "street"], ["CAP", "postcode"],
                 ["COMUNE", "town"], ["REGIONE", "state"], ["TELEFONO", "phone"], ["EMAIL", "email"], ["IBAN", "iban"],
                 ["CODICE_ORDINE", "order_code"], ["IMPORTO", "amount"], ["NOTE", "text"]]},
    {"name": "adherents", "locale": Locale.FR, "region": "FR", "date": "dmy_slash", "text": "fr", "delimiter": ";",
     "comma_decimal": True, "rows": 330,
     "columns": [["Nom Complet", "full_name"], ["Date De Naissance", "dob"], ["Adresse Postale", "street"], ["Code Postal", "postcode"],
                 ["Ville", "town"], ["Région", "state"], ["Téléphone Portable", "phone"], ["Adresse E-mail", "email"],
                 ["Numéro De Commande", "order_code"], ["Date D'inscription", "created_at"], ["Remarques", "text"]]},
    {"name": "socios", "locale": Locale.ES, "region": "ES", "date": "dmy_slash", "text": "es", "iban": "ES", "rows": 330,
     "columns": [["nombre_completo", "full_name"], ["fecha_de_nacimiento", "dob"], ["domicilio", "street"],
                 ["localidad", "town"], ["provincia", "state"], ["codigo_postal", "postcode"], ["movil", "phone"],
                 ["correo_electronico", "email"], ["cuenta_bancaria", "iban"], ["cuota", "amount"], ["notas", "text"]]},
    {"name": "hr-export-blind", "locale": Locale.EN_GB, "region": "GB", "date": "dmy_slash", "text": "en", "passport": "US",
     "rows": 400,
     "columns": [["!col_1", "full_name"], ["!col_2", "email"], ["!col_7", "phone"], ["!col_9", "version4"],
                 ["!col_11", "postcode"], ["!col_12", "uuid"], ["!col_17", "town"], ["!col_23", "dob"],
                 ["!col_24", "created_at"], ["!col_30", "invalid_ssn"], ["document_no", "us_passport"], ["!col_31", "street"],
                 ["remarks", "text"]]},
    {"name": "travel-bookings", "locale": Locale.EN, "region": "US", "date": "iso", "text": "en", "rows": 380,
     "columns": [["traveller_name", "name_upper_last"], ["document_no", "us_passport"], ["nationality", "country"],
                 ["date_of_birth", "dob"], ["booking_ref", "order_code"], ["flight", "flight"], ["seat", "seat"],
                 ["created_at", "created_at"], ["ip_address", "ipv4"], ["ssn", "us_ssn"], ["legacy_ssn_ref", "invalid_ssn"],
                 ["agent_notes", "text"]]},
    {"name": "no-header", "locale": Locale.DE_AT, "region": "AT", "date": "dmy_dot", "text": "de", "header": False,
     "delimiter": ";", "passport": "DE", "rows": 300,
     "columns": [["#0", "given"], ["#1", "family"], ["#2", "email"], ["#3", "phone"], ["#4", "town"], ["#5", "dob"],
                 ["#6", "amount"], ["#7", "text"]]},
    {"name": "device-inventory", "locale": Locale.NL_BE, "region": "BE", "date": "dmy_slash", "text": "nl", "passport": "NL", "iban": "BE",
     "rows": 320,
     "columns": [["ASSET_ID", "uuid"], ["fw", "version4"], ["versie", "version4"], ["!col_5", "version4"], ["OWNER", "full_name"],
                 ["OWNER_EMAIL", "email"], ["LAST_SEEN", "created_at"], ["IP", "ipv4"], ["RMA_CODE", "order_code"],
                 ["TEST_SSN", "invalid_ssn"], ["ACTIVE", "flag"], ["COMMENT", "text"]]},
    {"name": "mixed-locale-survey", "locale": Locale.EN_CA, "region": "CA", "date": "en_text", "text": "en", "rows": 300,
     "columns": [["Respondent Name", "full_name"], ["E-Mail", "email"], ["Phone (intl)", "phone_intl"], ["Birth Date", "dob"],
                 ["Home Address", "address_line"], ["Province", "state"], ["Country", "country"], ["Submitted", "created_at"],
                 ["Score", "rating"], ["Free Comment", "text"]]},
]


def csv_field(v, delimiter):
    return '"' + v.replace('"', '""') + '"' if any(ch in v for ch in ('"', "\r", "\n", delimiter)) else v


def generate_file(spec, index, seed, big=False):
    ctx = Ctx(spec, seed * 1000 + index)
    delimiter = spec.get("delimiter", ",")
    eol = "\r\n" if index % 3 == 2 else "\n"
    header = spec.get("header", True)
    columns = []
    for i, (name, kind) in enumerate(spec["columns"]):
        blind = name.startswith("!") or not header
        name = name.lstrip("!")
        if kind == "text":
            columns.append({"index": i, "name": name, "entity": None, "kind": kind, "blind": False, "distractor": False,
                            "free_text": True, "identifying": False})
            continue
        entity, _, flags = KINDS[kind]
        columns.append({"index": i, "name": name, "entity": entity, "kind": kind, "blind": blind, "distractor": "d" in flags,
                        "free_text": False, "identifying": entity is not None and "q" not in flags})
    lines = [delimiter.join(csv_field(c["name"], delimiter) for c in columns)] if header else []
    spans = []
    for row in range(spec["rows"]):
        ctx.row = row
        ctx.p = ctx.new_person()
        person = ctx.p
        cells = []
        for c in columns:
            if c["free_text"]:
                text, found = free_text(ctx)
                ctx.p = person
                spans += [{"row": row, "column": c["index"], **s} for s in found]
                cells.append(text)
            elif c["entity"] and ctx.r.random() < 0.02:
                cells.append("")
            else:
                cells.append(KINDS[c["kind"]][1](ctx))
        if big and row == 0:
            # The 5 MB field: a pasted log in the first data row's free text.
            words = ["ok", "retry", "sync", "batch", "queue", "flush", "idle", "cache", "warm", "ping"]
            blob = " ".join(ctx.r.choice(words) for _ in range(1_100_000))[: 5 * 1024 * 1024]
            cells[-1] = blob
            spans = [s for s in spans if s["row"] != 0]
        lines.append(delimiter.join(csv_field(v, delimiter) for v in cells))
    file = f"{index + 1:02}-{spec['name']}.csv"
    labels = {"file": file, "locale": spec["locale"].value, "seed": seed, "rows": spec["rows"], "delimiter": delimiter,
              "line_ending": "LF" if eol == "\n" else "CRLF", "header": header, "generator": "mimesis 22.2.0 + hand-written",
              "columns": columns, "spans": spans}
    return file, eol.join(lines) + eol, labels


BIG = {"name": "big-first-field", "locale": Locale.EN_GB, "region": "GB", "date": "dmy_slash", "text": "en", "rows": 300,
       "columns": [["id", "row_no"], ["customer", "full_name"], ["email", "email"], ["phone", "phone"], ["dob", "dob"],
                   ["log", "text"]]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", help="default: out/, or out-big/ with --big")
    ap.add_argument("--seed", type=int, default=9090)
    ap.add_argument("--big", action="store_true", help="write only the file whose first data row holds a 5 MB field")
    args = ap.parse_args()
    out = Path(args.out or HERE / ("out-big" if args.big else "out"))
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    specs = [BIG] if args.big else FILES
    index = []
    for i, spec in enumerate(specs):
        file, csv, labels = generate_file(spec, len(FILES) if args.big else i, args.seed, big=args.big)
        (out / file).write_bytes(csv.encode("utf-8"))
        (out / file.replace(".csv", ".labels.json")).write_text(json.dumps(labels, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        index.append({"file": file, "rows": labels["rows"], "columns": len(labels["columns"]), "spans": len(labels["spans"])})
        print(f"{file}: {labels['rows']} rows, {len(labels['columns'])} columns, {len(labels['spans'])} labelled spans")
    (out / "index.json").write_text(json.dumps({"seed": args.seed, "files": index}, indent=1) + "\n")


if __name__ == "__main__":
    main()
