#!/usr/bin/env python3
"""Writes corpus 4: a labelled tuning corpus made with Python's Faker.

Faker (a third generator, after @faker-js/faker for corpus 1 and mimesis for
the test-only corpus 2) gives the names, addresses, towns, postcodes, phones
and dates in its own formats for nine locales; the sentences around them are
written here. The label format is corpus 1's (../corpus/README.md), so
`node bench/corpus/score.mjs --dir bench/corpus4/out` scores it.

    bash bench/corpus4/generate.sh [--out DIR] [--seed N] [--rows N]

Deterministic: the same seed and the same pinned packages give the same bytes.
"""

import argparse
import json
import os
import random
import shutil

import phonenumbers
from faker import Faker

HERE = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--out", default=os.path.join(HERE, "out"))
ap.add_argument("--seed", type=int, default=4444)
ap.add_argument("--rows", type=int, default=240)
args = ap.parse_args()

REGION = {
    "en_US": "US", "en_GB": "GB", "de_DE": "DE", "de_AT": "AT", "fr_FR": "FR",
    "es_ES": "ES", "nl_NL": "NL", "nl_BE": "BE", "it_IT": "IT",
}
LOCALES = list(REGION)

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
}


class Values:
    """One locale's values, all from Faker, formatted as Faker does."""

    def __init__(self, loc, seed, r):
        self.loc = loc
        self.lang = loc[:2]
        self.f = Faker(loc)
        self.f.seed_instance(seed)
        self.r = r

    def name(self):
        return self.f.name()

    def first(self):
        return self.f.first_name()

    def last(self):
        return self.f.last_name()

    def plain_name(self):
        return f"{self.f.first_name()} {self.f.last_name()}"

    def street(self):
        # Faker's UK/Spanish/Italian street lines may carry a flat on its own
        # line: one line here.
        return ", ".join(self.f.street_address().split("\n"))

    def city(self):
        return self.f.city()

    def postcode(self):
        return self.f.postcode()

    def address(self):
        # Faker's multi-line address, written on one line as people paste it.
        sep = self.r.choice([", ", ", ", " ", ", "]) if self.lang != "en" or self.loc == "en_US" else ", "
        return sep.join(x.strip() for x in self.f.address().split("\n"))

    def phone(self):
        for _ in range(60):
            p = self.f.phone_number()
            try:
                if phonenumbers.is_valid_number(phonenumbers.parse(p, REGION[self.loc])):
                    return p
            except phonenumbers.NumberParseException:
                pass
        return None

    def email(self):
        return self.f.email()

    def dob(self):
        d = self.f.date_of_birth(minimum_age=18, maximum_age=90)
        m = MONTHS[self.lang][d.month - 1]
        long = self.r.random() < 0.3
        if self.loc == "en_US":
            return f"{m} {d.day}, {d.year}" if long else f"{d.month}/{d.day}/{d.year}"
        if self.lang == "en":
            return f"{d.day} {m} {d.year}" if long else d.strftime("%d/%m/%Y")
        if self.lang == "de":
            return f"{d.day}. {m} {d.year}" if long else d.strftime("%d.%m.%Y")
        if self.lang == "es":
            return f"{d.day} de {m} de {d.year}" if long else d.strftime("%d/%m/%Y")
        if self.lang == "nl":
            return f"{d.day} {m} {d.year}" if long else d.strftime("%d-%m-%Y")
        return f"{d.day} {m} {d.year}" if long else d.strftime("%d/%m/%Y")

    def passport(self):
        return self.f.passport_number()

    # Not personal.
    def company(self):
        return self.f.company()

    def order(self):
        return self.f.bothify(self.r.choice(["ORD-####-??", "INV/####/#####", "#######", "TK-#####"])).upper()

    def product(self):
        return self.f.bothify(self.r.choice(["??-###", "Modell ?###", "SKU ####-??"])).upper()

    def version(self):
        return f"{self.r.randint(1, 14)}.{self.r.randint(0, 9)}.{self.r.randint(0, 40)}"


# ------------------------------------------------------------- sentences
#
# Shapes that corpora 1 and 3 do not use: names in lists, after titles, in
# signatures and "Name:" fields, before a comma and an email; addresses as
# Faker writes them, inline; towns and streets alone. `{x}` is a labelled
# slot; `[x]` a slot whose value is not personal.

T = {
    "en_US": [
        "Attendees: {name}, {name} and {name}.",
        "Thanks again! -- {name}",
        "Name: {name} / Phone: {phone}",
        "cc {name}, {email}",
        "Mr. {last} asked us to forward mail to {address} until June.",
        "Ms. {last} will be in {city} for the conference.",
        "The package was returned from {street}; nobody home.",
        "Emergency contact {name} ({phone}), born {dob}.",
        "Moved from {city} to {city} last spring.",
        "Invoice [order] for [company] sent to {address}.",
        "Dr. {name} referred the patient; follow-up in two weeks.",
        "Check-in at {street}, gate code 4471.",
        "[company] renewed the contract, ref [order].",
    ],
    "en_GB": [
        "Present: {name}, {name}, {name}.",
        "Kind regards, {name}",
        "Name: {name}; tel. {phone}",
        "Please reply to {name}, {email}",
        "Mrs {last} has asked that post go to {address}.",
        "Mr {name} is away in {city} until Monday.",
        "Parcel left with neighbour at {street}.",
        "Next of kin: {name}, {phone}. DOB {dob}.",
        "Customer relocated from {city} to {city}.",
        "Statement for [company] ([order]) posted to {address}.",
        "Dr {name} called about the referral.",
        "Meet at {street}, {city}.",
        "[company] invoice [order] settled.",
    ],
    "de_DE": [
        "Teilnehmer: {name}, {name} und {name}.",
        "Mit freundlichen Grüßen, {name}",
        "Name: {name}, Tel.: {phone}",
        "Ansprechpartner {name}, {email}",
        "Herr {last} bittet um Zusendung an {address}.",
        "Frau {name} ist bis Freitag in {city}.",
        "Paket an {street} konnte nicht zugestellt werden.",
        "Notfallkontakt: {name}, {phone}, geboren am {dob}.",
        "Von {city} nach {city} umgezogen.",
        "Rechnung [order] der [company] ging an {address}.",
        "Dr. {name} hat den Befund geschickt.",
        "Treffpunkt: {street}, {postcode} {city}.",
        "Auftrag [order] von [company] storniert.",
    ],
    "de_AT": [
        "Anwesend: {name}, {name} und {name}.",
        "Liebe Grüße, {name}",
        "Name: {name} | Tel. {phone}",
        "Rückmeldung an {name}, {email}",
        "Herr {name} ersucht um Zustellung an {address}.",
        "Frau {last} wohnt jetzt in {city}.",
        "Abholung in der {street}, 2. Stock.",
        "Kontakt: {name}, {phone}, geb. {dob}.",
        "Übersiedlung von {city} nach {city}.",
        "Die [company] hat [order] an {address} geliefert.",
        "Mag. {name} übernimmt die Vertretung.",
        "Lieferadresse: {street}, {postcode} {city}",
    ],
    "fr_FR": [
        "Participants : {name}, {name} et {name}.",
        "Cordialement, {name}",
        "Nom : {name} - Tél. : {phone}",
        "Contact {name}, {email}",
        "M. {last} demande l'envoi du courrier au {address}.",
        "Mme {name} sera à {city} la semaine prochaine.",
        "Colis refusé au {street}.",
        "Personne à prévenir : {name}, {phone}, née le {dob}.",
        "A déménagé de {city} à {city}.",
        "Facture [order] de [company] envoyée au {address}.",
        "Le Dr {name} a transmis le dossier.",
        "Rendez-vous {street}, {postcode} {city}.",
        "Commande [order] pour [company] annulée.",
    ],
    "es_ES": [
        "Asistentes: {name}, {name} y {name}.",
        "Un saludo, {name}",
        "Nombre: {name}; tlf.: {phone}",
        "Contacto {name}, {email}",
        "El Sr. {last} pide que se envíe a {address}.",
        "La Sra. {name} estará en {city} hasta el lunes.",
        "El paquete volvió de {street}.",
        "Contacto de emergencia: {name}, {phone}, nacida el {dob}.",
        "Se trasladó de {city} a {city}.",
        "Factura [order] de [company] enviada a {address}.",
        "D.ª {name} firmó la autorización.",
        "Cita en {street}, {city}.",
        "Pedido [order] de [company] anulado.",
    ],
    "nl_NL": [
        "Aanwezig: {name}, {name} en {name}.",
        "Met vriendelijke groet, {name}",
        "Naam: {name}, tel. {phone}",
        "Contactpersoon {name}, {email}",
        "Dhr. {last} vraagt post te sturen naar {address}.",
        "Mevr. {name} zit tot vrijdag in {city}.",
        "Pakket niet bezorgd op {street}.",
        "Noodcontact: {name}, {phone}, geboren op {dob}.",
        "Verhuisd van {city} naar {city}.",
        "Factuur [order] van [company] verstuurd naar {address}.",
        "Dr. {name} heeft de uitslag gestuurd.",
        "Afspraak {street}, {postcode} {city}.",
        "Order [order] van [company] geannuleerd.",
    ],
    "nl_BE": [
        "Aanwezig: {name}, {name} en {name}.",
        "Groeten, {name}",
        "Naam: {name} - gsm {phone}",
        "Contact: {name}, {email}",
        "Mevrouw {last} vraagt levering op {address}.",
        "Meneer {name} woont nu in {city}.",
        "Ophalen aan de {street}.",
        "Contactpersoon {name}, {phone}, geboren {dob}.",
        "Verhuisd van {city} naar {city}.",
        "Factuur [order] van [company] naar {address}.",
        "Afspraak: {street}, {postcode} {city}",
    ],
    "it_IT": [
        "Presenti: {name}, {name} e {name}.",
        "Cordiali saluti, {name}",
        "Nome: {name} - Tel. {phone}",
        "Referente {name}, {email}",
        "Il Sig. {last} chiede di spedire a {address}.",
        "La Sig.ra {name} sarà a {city} fino a lunedì.",
        "Pacco respinto in {street}.",
        "Contatto di emergenza: {name}, {phone}, nata il {dob}.",
        "Trasferito da {city} a {city}.",
        "Fattura [order] di [company] inviata a {address}.",
        "Il Dott. {name} ha inviato il referto.",
        "Appuntamento in {street}, {postcode} {city}.",
        "Ordine [order] di [company] annullato.",
    ],
}


def fill(v, tpl):
    """Fills a template: the text and its labelled spans (UTF-16 offsets)."""
    slot = {
        "name": lambda: ("PERSON", v.name() if v.r.random() < 0.5 else v.plain_name()),
        "last": lambda: ("PERSON", v.last()),
        "address": lambda: ("LOCATION", v.address()),
        "street": lambda: ("LOCATION", v.street()),
        "city": lambda: ("LOCATION", v.city()),
        "postcode": lambda: ("LOCATION", v.postcode()),
        "dob": lambda: ("DATE_TIME", v.dob()),
        "phone": lambda: ("PHONE_NUMBER", v.phone()),
        "email": lambda: ("EMAIL_ADDRESS", v.email()),
    }
    plain = {"order": v.order, "company": v.company, "product": v.product, "version": v.version}
    text, spans = "", []
    import re

    for p in re.split(r"(\{\w+\}|\[\w+\])", tpl):
        m = re.fullmatch(r"\{(\w+)\}", p)
        n = re.fullmatch(r"\[(\w+)\]", p)
        if m:
            entity, value = slot[m.group(1)]()
            if value is None:
                return None
            spans.append({"start": u16(text), "end": u16(text) + u16(value), "entity": entity, "text": value})
            text += value
        elif n:
            text += plain[n.group(1)]()
        else:
            text += p
    # A street, a postcode and a town written next to each other are one
    # address: one span, as the detector should find it.
    merged = []
    for s in spans:
        prev = merged[-1] if merged else None
        if prev and prev["entity"] == s["entity"] == "LOCATION" and text_u16(text, prev["end"], s["start"]) in (", ", " "):
            prev["end"] = s["end"]
            prev["text"] = text_u16(text, prev["start"], prev["end"])
        else:
            merged.append(dict(s))
    return text, merged


def u16(s):
    return len(s.encode("utf-16-le")) // 2


def text_u16(s, a, b):
    return s.encode("utf-16-le")[2 * a:2 * b].decode("utf-16-le")


# ------------------------------------------------------------------ files
#
# Each column: (header, kind, entity or None, make(ctx), extra).


def col(name, kind, entity, gen, **extra):
    return dict(name=name, kind=kind, entity=entity, gen=gen, **extra)


def text(name, loc):
    return col(name, "notes", None, None, free_text=True, loc=loc)


def specs():
    return [
        dict(file="01-us-contacts.csv", loc="en_US", delimiter=",", header=True, cols=lambda c: [
            col("contact_id", "order", None, lambda: str(c.r.randint(10000, 99999))),
            col("Full Name", "full_name", "PERSON", lambda: c.p),
            col("Street", "street", "LOCATION", lambda: c.v.street()),
            col("City", "city", "LOCATION", lambda: c.v.city()),
            col("ZIP", "postcode", "LOCATION", lambda: c.v.postcode()),
            col("Phone", "phone", "PHONE_NUMBER", lambda: c.v.phone() or ""),
            col("Item", "product", None, lambda: c.v.product(), distractor=True),
            text("Notes", "en_US"),
        ]),
        dict(file="02-gb-members.csv", loc="en_GB", delimiter=",", header=True, cols=lambda c: [
            col("Member No", "order", None, lambda: f"M{c.r.randint(100000, 999999)}"),
            col("Member", "full_name", "PERSON", lambda: c.p),
            col("Address", "full_address", "LOCATION", lambda: c.v.address()),
            col("Telephone", "phone", "PHONE_NUMBER", lambda: c.v.phone() or ""),
            col("Date of birth", "dob", "DATE_TIME", lambda: c.v.dob()),
            col("Passport", "passport", "UK_PASSPORT", lambda: c.v.passport()),
            text("Comments", "en_GB"),
        ]),
        dict(file="03-de-kunden.csv", loc="de_DE", delimiter=";", header=True, cols=lambda c: [
            col("Kundennr", "order", None, lambda: f"{c.r.randint(100000, 999999)}"),
            col("Name", "full_name", "PERSON", lambda: c.p),
            col("Straße", "street", "LOCATION", lambda: c.v.street()),
            col("PLZ", "postcode", "LOCATION", lambda: c.v.postcode()),
            col("Ort", "city", "LOCATION", lambda: c.v.city()),
            col("Telefon", "phone", "PHONE_NUMBER", lambda: c.v.phone() or ""),
            col("Artikel", "product", None, lambda: c.v.product(), distractor=True),
            text("Bemerkung", "de_DE"),
        ]),
        dict(file="04-at-mitglieder.csv", loc="de_AT", delimiter=";", header=True, cols=lambda c: [
            col("Vorname", "first_name", "PERSON", lambda: c.v.first()),
            col("Familienname", "last_name", "PERSON", lambda: c.v.last()),
            col("Wohnadresse", "full_address", "LOCATION", lambda: c.v.address()),
            col("Geburtsdatum", "dob", "DATE_TIME", lambda: c.v.dob()),
            col("Telefonnummer", "phone", "PHONE_NUMBER", lambda: c.v.phone() or ""),
            col("Bundesland", "state", "LOCATION", lambda: c.v.f.administrative_unit(), identifying=False),
            text("Notiz", "de_AT"),
        ]),
        dict(file="05-fr-clients.csv", loc="fr_FR", delimiter=";", header=True, cols=lambda c: [
            col("nom", "last_name", "PERSON", lambda: c.v.last()),
            col("prénom", "first_name", "PERSON", lambda: c.v.first()),
            col("adresse", "street", "LOCATION", lambda: c.v.street()),
            col("code postal", "postcode", "LOCATION", lambda: c.v.postcode()),
            col("ville", "city", "LOCATION", lambda: c.v.city()),
            col("téléphone", "phone", "PHONE_NUMBER", lambda: c.v.phone() or ""),
            col("référence", "product", None, lambda: c.v.product(), distractor=True),
            text("commentaire", "fr_FR"),
        ]),
        dict(file="06-es-pedidos.csv", loc="es_ES", delimiter=",", header=True, cols=lambda c: [
            col("pedido", "order", None, lambda: c.v.order()),
            col("nombre completo", "full_name", "PERSON", lambda: c.p),
            col("dirección", "full_address", "LOCATION", lambda: c.v.address()),
            col("provincia", "state", "LOCATION", lambda: c.v.f.administrative_unit(), identifying=False),
            col("teléfono", "phone", "PHONE_NUMBER", lambda: c.v.phone() or ""),
            col("fecha de nacimiento", "dob", "DATE_TIME", lambda: c.v.dob()),
            text("observaciones", "es_ES"),
        ]),
        dict(file="07-nl-leden.csv", loc="nl_NL", delimiter=";", header=True, cols=lambda c: [
            col("lidnummer", "order", None, lambda: str(c.r.randint(1000, 99999))),
            col("naam", "full_name", "PERSON", lambda: c.p),
            col("straat", "street", "LOCATION", lambda: c.v.street()),
            col("postcode", "postcode", "LOCATION", lambda: c.v.postcode()),
            col("woonplaats", "city", "LOCATION", lambda: c.v.city()),
            col("telefoon", "phone", "PHONE_NUMBER", lambda: c.v.phone() or ""),
            col("paspoort", "passport", "NL_PASSPORT", lambda: c.v.passport()),
            text("opmerking", "nl_NL"),
        ]),
        dict(file="08-be-klanten.csv", loc="nl_BE", delimiter=";", header=True, cols=lambda c: [
            col("klant", "full_name", "PERSON", lambda: c.p),
            col("adres", "full_address", "LOCATION", lambda: c.v.address()),
            col("gemeente", "city", "LOCATION", lambda: c.v.city()),
            col("telefoon", "phone", "PHONE_NUMBER", lambda: c.v.phone() or ""),
            col("bestelling", "order", None, lambda: c.v.order(), distractor=True),
            text("notitie", "nl_BE"),
        ]),
        dict(file="09-it-pazienti.csv", loc="it_IT", delimiter=",", header=True, cols=lambda c: [
            col("cognome", "last_name", "PERSON", lambda: c.v.last()),
            col("nome", "first_name", "PERSON", lambda: c.v.first()),
            col("indirizzo", "street", "LOCATION", lambda: c.v.street()),
            col("CAP", "postcode", "LOCATION", lambda: c.v.postcode()),
            col("città", "city", "LOCATION", lambda: c.v.city()),
            col("cellulare", "phone", "PHONE_NUMBER", lambda: c.v.phone() or ""),
            col("data di nascita", "dob", "DATE_TIME", lambda: c.v.dob()),
            text("note", "it_IT"),
        ]),
        # Blind headers and text in every locale.
        dict(file="10-mixed-blind.csv", loc="mix", delimiter=",", header=True, cols=lambda c: [
            col("field1", "order", None, lambda: c.v.order(), distractor=True),
            col("field2", "full_name", "PERSON", lambda: c.p, blind=True),
            col("field3", "full_address", "LOCATION", lambda: c.v.address(), blind=True),
            col("field4", "city", "LOCATION", lambda: c.v.city(), blind=True),
            col("field5", "product", None, lambda: c.v.product(), distractor=True, blind=True),
            col("field6", "version", None, lambda: c.v.version(), distractor=True, blind=True),
            text("field7", "mix"),
            text("field8", "mix"),
        ]),
    ]


class Ctx:
    pass


def csv_field(s, delim):
    return '"' + s.replace('"', '""') + '"' if any(ch in s for ch in '"\r\n') or delim in s else s


def main():
    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(args.out)
    index = []
    for fi, spec in enumerate(specs()):
        r = random.Random(args.seed * 1000 + fi)
        gens = {loc: Values(loc, args.seed * 1000 + fi * 10 + k, r) for k, loc in enumerate(LOCALES)}
        lines, spans, label_cols = [], [], None
        for row in range(args.rows):
            loc = r.choice(LOCALES) if spec["loc"] == "mix" else spec["loc"]
            c = Ctx()
            c.r, c.v = r, gens[loc]
            c.p = c.v.name()
            cols = spec["cols"](c)
            label_cols = label_cols or cols
            cells = []
            for ci, cc in enumerate(cols):
                if not cc.get("free_text"):
                    cells.append(cc["gen"]())
                    continue
                tloc = r.choice(LOCALES) if cc["loc"] == "mix" else cc["loc"]
                tv = gens[tloc]
                out = ""
                for _ in range(2 if r.random() < 0.25 else 1):
                    f = None
                    while f is None:
                        f = fill(tv, r.choice(T[tloc]))
                    t, ss = f
                    if out:
                        out += " "
                    for s in ss:
                        spans.append(dict(row=row, column=ci, start=u16(out) + s["start"], end=u16(out) + s["end"], entity=s["entity"], text=s["text"]))
                    out += t
                cells.append(out)
            lines.append(spec["delimiter"].join(csv_field(x, spec["delimiter"]) for x in cells))
        header = [spec["delimiter"].join(csv_field(cc["name"], spec["delimiter"]) for cc in label_cols)] if spec["header"] else []
        with open(os.path.join(args.out, spec["file"]), "w", encoding="utf-8", newline="") as fh:
            fh.write("\n".join(header + lines) + "\n")
        labels = dict(
            file=spec["file"], locale=spec["loc"], seed=args.seed, rows=args.rows,
            delimiter=spec["delimiter"], line_ending="LF", header=spec["header"],
            columns=[
                dict(index=i, name=cc["name"], entity=cc["entity"], kind=cc["kind"],
                     blind=bool(cc.get("blind")), distractor=bool(cc.get("distractor")),
                     free_text=bool(cc.get("free_text")),
                     **({"identifying": False} if cc.get("identifying") is False else {}))
                for i, cc in enumerate(label_cols)
            ],
            spans=spans,
        )
        with open(os.path.join(args.out, spec["file"].replace(".csv", ".labels.json")), "w", encoding="utf-8") as fh:
            fh.write(json.dumps(labels, indent=1, ensure_ascii=False) + "\n")
        index.append(dict(file=spec["file"], rows=args.rows, spans=len(spans)))
        print(f"{spec['file']}: {args.rows} rows, {len(label_cols)} columns, {len(spans)} labelled spans")
    with open(os.path.join(args.out, "index.json"), "w", encoding="utf-8") as fh:
        fh.write(json.dumps(dict(seed=args.seed, files=index), indent=1) + "\n")


main()
