"""Hostile and broken files: each gives a clear finding, never a traceback, and is never called clean."""

from __future__ import annotations

import io
import zipfile

import pytest
from test_release_fixtures import (
    clean_pdf_bytes,
    clean_workbook_bytes,
    fake_encrypted_ooxml,
    planted_workbook_bytes,
    write,
    zip_with,
)

from foibot.release import CannotClean, ReleaseLimits, Severity, check_file, clean_copy
from foibot.release.findings import Overall

SMALL = ReleaseLimits(max_uncompressed_bytes=1_000_000, max_file_bytes=200_000, max_zip_parts=50)


def assert_only(report, fid, severity=Severity.RED):
    """Assert the report has exactly this one finding, of this severity, and is not green; return it."""
    assert report.ids == {fid}, report.findings
    assert report.findings[0].severity is severity
    assert report.overall is not Overall.GREEN
    return report.findings[0]


def test_zip_bomb_by_total_size_is_refused_from_the_directory():
    data = zip_with({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"\0" * 2_000_000})
    f = assert_only(check_file(data, "bomb.xlsx", SMALL), "file.zip_bomb")
    assert "2,000,0" in f.message


def test_zip_bomb_by_ratio_and_by_part_count():
    ratio = ReleaseLimits(ratio_applies_above=100_000, max_compression_ratio=50)
    data = zip_with({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"\0" * 500_000})
    assert_only(check_file(data, "ratio.xlsx", ratio), "file.zip_bomb")
    many = zip_with({f"xl/p{i}.xml": b"<a/>" for i in range(60)} | {"[Content_Types].xml": b"<Types/>"})
    assert_only(check_file(many, "many.xlsx", SMALL), "file.zip_bomb")


def test_zip_whose_directory_lies_about_sizes_is_stopped_while_streaming():
    real = zip_with({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook>" + b" " * 5000 +
                     b"</workbook>"})
    # shrink the declared uncompressed size of xl/workbook.xml in the central directory and local header
    buf = bytearray(real)
    with zipfile.ZipFile(io.BytesIO(real)) as z:
        info = z.getinfo("xl/workbook.xml")
    size = info.file_size.to_bytes(4, "little")
    assert buf.count(size) >= 2
    buf = bytearray(bytes(buf).replace(size, (100).to_bytes(4, "little")))
    report = check_file(bytes(buf), "liar.xlsx")
    assert report.overall is Overall.RED and not report.inspected
    assert report.ids <= {"file.malformed", "file.zip_bomb", "file.uninspectable"}


def test_malformed_xml_and_dtd_entities():
    bad = zip_with({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook><sheets"})
    assert "xl/workbook.xml" in assert_only(check_file(bad, "bad.xlsx"), "file.malformed").message
    laughs = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>'
              b"<workbook>&b;</workbook>")
    f = assert_only(check_file(zip_with({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": laughs}), "l.xlsx"),
             "file.malformed")
    assert "DTD" in f.message


def test_encrypted_ooxml_cannot_be_inspected():
    report = check_file(fake_encrypted_ooxml(), "secret.xlsx")
    assert_only(report, "file.encrypted")
    assert not report.inspected


def test_legacy_binary_office_is_not_inspected():
    report = check_file(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000, "old.xls")
    assert_only(report, "file.legacy_office")


@pytest.mark.parametrize(("name", "data", "real"), [
    ("report.xlsx", clean_pdf_bytes(), "pdf"),
    ("data.docx", clean_workbook_bytes(), "xlsx"),
])
def test_lying_extension_is_flagged_and_real_type_inspected(name, data, real):
    report = check_file(data, name)
    assert report.kind == real
    assert report.ids == {"file.type_mismatch"} and report.overall is Overall.AMBER


def test_binary_csv_is_flagged_and_not_checked():
    report = check_file(bytes(range(256)) * 8, "data.csv")
    assert report.ids == {"file.type_mismatch", "file.not_checked"}
    assert report.overall is Overall.AMBER and not report.inspected


def test_empty_oversized_truncated_and_unknown(tmp_path):
    assert_only(check_file(b"", "empty.csv"), "file.empty", Severity.AMBER)
    big = write(tmp_path, "big.csv", b"a,b\n" * 60_000)
    report = check_file(big, limits=SMALL)
    assert_only(report, "file.too_large")
    assert not report.inspected
    assert_only(check_file(planted_workbook_bytes()[:4000], "cut.xlsx"), "file.malformed")
    assert_only(check_file(clean_pdf_bytes()[:300], "cut.pdf"), "file.malformed")
    assert_only(check_file(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "photo.png"), "file.not_checked", Severity.AMBER)
    ods = zip_with({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<a/>"})
    report = check_file(ods, "s.ods")
    assert_only(report, "file.malformed")  # an OpenDocument spreadsheet is inspected: this one has no body
    assert report.kind == "ods" and not report.inspected


def test_missing_file_is_a_finding_not_an_exception(tmp_path):
    assert_only(check_file(tmp_path / "nope.xlsx"), "file.uninspectable")


def test_unexpected_inspector_crash_becomes_a_red_finding(monkeypatch):
    import foibot.release.check as check

    def boom(*_a, **_k):
        raise RuntimeError("inspector bug")

    monkeypatch.setattr(check, "inspect_xlsx", boom)
    report = check.check_file(clean_workbook_bytes(), "x.xlsx")
    f = assert_only(report, "file.uninspectable")
    assert "RuntimeError" in f.message and not report.inspected


def test_uninspectable_files_get_no_clean_copy(tmp_path):
    for name, data in (("secret.xlsx", fake_encrypted_ooxml()), ("x.csv", b"a,b\n1,2\n")):
        with pytest.raises(CannotClean):
            clean_copy(write(tmp_path, name, data), tmp_path / "out")
