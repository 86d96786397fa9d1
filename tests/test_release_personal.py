"""Personal-data patterns, headings, small counts and the CSV inspector: positive and negative cases."""

from __future__ import annotations

import pytest

from foibot.release import ReleaseLimits, Severity, check_file
from foibot.release.csvfile import injection
from foibot.release.findings import Overall
from foibot.release.limits import POLICE_NUMBER_EXAMPLES
from foibot.release.personal import BUILTIN, Tally, find, nhs_valid
from foibot.release.tables import SmallCounts, heading_kind


def kinds(text: str) -> set[str]:
    return {p.id.split(".", 1)[1] for p, _ in find(text, BUILTIN)}


@pytest.mark.parametrize(("text", "kind"), [
    ("write to jane.doe@example.org today", "email"),
    ("call 020 7946 0123", "phone"),
    ("mobile 07700 900123", "phone"),
    ("ring +44 7700 900123", "phone"),
    ("switchboard +44 (0)20 7946 0123", "phone"),
    ("NI JG 10 37 59 A", "ni_number"),
    ("NINO JG103759A", "ni_number"),
    ("NHS 943 476 5919", "nhs_number"),
    ("NHS 9434765919", "nhs_number"),
    ("lives at SW1A 1AA", "postcode"),
    ("M1 1AE", "postcode"),
    ("DOB: 01/02/1980", "dob"),
    ("born on 3 March 1975", "dob"),
    ("date of birth 1980-02-01", "dob"),
    ("car AB12 CDE seen", "vehicle_reg"),
])
def test_patterns_find(text, kind):
    assert kind in kinds(text)


@pytest.mark.parametrize("text", [
    "NHS 943 476 5918",          # bad check digit
    "QQ 12 34 56 C",             # HMRC's specimen prefix is not a valid one
    "BG 12 34 56 A",             # disallowed prefix
    "ref AB1 2CD",               # C cannot be in the inward code
    "AB99 CDE",                  # 99 is no age identifier
    "Date received 01/02/2020",  # a date, but not a birth date
    "12345 and 2023-01-01",
    "total 1,234,567",
    "user@localhost",
    "version 1.2.3 of 2024",
])
def test_patterns_do_not_fire(text):
    assert kinds(text) == set()


def test_nhs_modulus_11():
    assert nhs_valid("9434765919")
    assert not nhs_valid("9434765918")
    assert not nhs_valid("943476591")


def test_masks_hide_most_of_each_value():
    tally = Tally(ReleaseLimits())
    tally.scan("jane@example.org JG 10 37 59 A 943 476 5919 07700 900123 SW1A 1AA AB12 CDE DOB 01/02/1980", "x")
    examples = {f.id: f.examples[0] for f in tally.findings()}
    assert examples == {"personal.email": "j***@e***.org", "personal.ni_number": "JG 10 ** ** A",
                        "personal.nhs_number": "943 *** ****", "personal.phone": "0770 *** **23",
                        "personal.postcode": "SW1A ***", "personal.vehicle_reg": "AB** ***",
                        "personal.dob": "DOB **/**/****"}


def test_police_numbers_only_when_configured():
    text = "Attended by PC 4521 and warrant no 123456"
    assert check_file(f"Note,Detail\nA,{text}\n".encode(), "a.csv").findings == []
    report = check_file(f"Note,Detail\nA,{text}\n".encode(), "a.csv",
                        ReleaseLimits(extra_patterns=POLICE_NUMBER_EXAMPLES))
    assert [(f.id, f.count) for f in report.findings] == [("personal.pattern", 1), ("personal.pattern", 1)]
    assert {f.message.split(" found")[0] for f in report.findings} == {"1 police collar number",
                                                                        "1 police warrant number"}


@pytest.mark.parametrize(("heading", "kind"), [
    ("Surname", "name"), ("Full name", "name"), ("Date of birth", "date of birth"), ("DOB", "date of birth"),
    ("Email address", "email"), ("Telephone", "phone"), ("Home address", "address"), ("NHS number", "NHS number"),
    ("NI number", "NI number"), ("Collar number", "collar/warrant number"),
    ("Team name", None), ("Ward name", None), ("Web address", None), ("Incidents", None), ("Area", None),
])
def test_headings(heading, kind):
    assert heading_kind(heading) == kind


def test_small_counts_only_in_count_columns_of_a_labelled_table():
    sc = SmallCounts(1, 4)
    for col, h in enumerate(["Area", "Year", "Number of incidents", "Rate"]):
        sc.heading(col, h)
    for row, (area, year, n, rate) in enumerate([("N", 2021, 3, 2), ("S", 2022, 12, 1), ("E", 2023, 0, 3)], 2):
        sc.value(0, area, row)
        sc.number(1, year, row)
        sc.number(2, n, row)
        sc.number(3, rate, row)
    f = sc.finding("t")
    assert f is not None and f.count == 1 and f.examples == ("C2",)
    assert "'Number of incidents'" in f.message


def test_csv_report():
    data = (b"Name,Email,Ward,Complaints\nA Person,a.person@example.com,North,3\n"
            b"B Person,b.person@example.com,South,15\nC Person,c@example.com,East,22\n"
            b"=HYPERLINK(\"http://x\"),+44 20 7946 0123,-5,9\n")
    report = check_file(data, "list.csv")
    assert report.ids == {"personal.heading", "personal.email", "personal.phone", "data.small_counts",
                          "csv.formula_injection"}
    assert all(f.severity is Severity.AMBER for f in report.findings)
    inj = report.by_id("csv.formula_injection")[0]
    assert inj.count == 1 and inj.where.cell == "A5"
    assert report.by_id("personal.email")[0].count == 3


def test_clean_csv_is_green():
    assert check_file(b"Area,Incidents\nNorth,120\nSouth,98\nEast,143\n", "s.csv").overall is Overall.GREEN


def test_injection_rules():
    assert injection("=1+1") and injection("@SUM(A1)") and injection("+cmd")
    assert not injection("-5") and not injection("+3.5") and not injection("+44 20 7946 0123")
    assert not injection("plain")


def test_plain_text_is_scanned():
    report = check_file(b"Please contact jane@example.org\n", "notes.txt")
    assert report.ids == {"personal.email"} and report.kind == "text"
