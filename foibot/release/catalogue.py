"""Every finding id, its usual severity and why it matters. One place for the wording, so reports stay consistent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from foibot.release.findings import Finding, Location, Report, Severity

R, A, INFO = Severity.RED, Severity.AMBER, Severity.INFO

_ICO = "The ICO's advisory note (Sept 2023) warns that hidden data in spreadsheets has caused serious breaches."

PERSONAL_DATA: dict[str, str] = {
    "foia": "s40(2)",
    "eir": "regulation 13",
    "foisa": "section 38(1)(b)",
    "": "the personal data exemption (FOIA s40(2), EIR regulation 13, FOISA section 38(1)(b))",
}
"""Where each law protects other people's personal data: ``{personal_data}`` in a reason below. The law is the
case's (``ReleaseLimits.law``); "" when the check does not know it names all three."""

CATALOGUE: dict[str, tuple[Severity, str]] = {
    # whole file
    "file.too_large": (R, "foibot stopped before reading it, so nothing inside has been checked."),
    "file.empty": (A, "An empty attachment is probably not what you meant to send."),
    "file.type_mismatch": (A, "The name says one type but the content is another; the recipient may get more than "
                              "you expect (a spreadsheet instead of a CSV, say)."),
    "file.not_checked": (A, "foibot cannot look inside this type of file, so it is not known to be safe."),
    "file.encrypted": (R, "Password protection stops foibot looking inside, and the recipient may be able to open "
                          "it. Remove the password, check again, then decide."),
    "file.legacy_office": (R, "Old binary Office files can hold hidden sheets and history that foibot cannot see. "
                              "Save as .xlsx/.docx (or CSV) and check again."),
    "file.malformed": (R, "Part of the file could not be read, so it could not be fully inspected."),
    "file.zip_bomb": (R, "The file would expand far beyond a normal document, so foibot did not open it."),
    "file.uninspectable": (R, "Something went wrong while inspecting this file, so it has not been fully checked."),
    "file.size": (A, "A file much larger than its visible content is a warning sign of hidden data (ICO)."),
    "file.unexpected_parts": (INFO, "Parts that an ordinary document does not need; look at them if unsure."),
    # personal data
    "personal.email": (A, "Email addresses identify people; consider {personal_data} before release."),
    "personal.phone": (A, "Telephone numbers can identify people; consider {personal_data} before release."),
    "personal.ni_number": (A, "National Insurance numbers are personal data and should not be released."),
    "personal.nhs_number": (A, "NHS numbers are personal (health) data and should not be released."),
    "personal.chi_number": (A, "CHI numbers (Scotland's Community Health Index) identify a patient and begin with "
                               "the date of birth: personal (health) data that should not be released."),
    "personal.postcode": (A, "Full postcodes can identify a household, especially alongside other details."),
    "personal.dob": (A, "Dates of birth are personal data and help identify people."),
    "personal.dob_values": (A, "A column of dates spread as people's birthdays are (ages 10 to 105, over many years, "
                               "on any day), under a heading that does not say what they are: probably dates of "
                               "birth, which are personal data and help identify people; consider {personal_data}."),
    "personal.vehicle_reg": (A, "Vehicle registrations can be linked to their keepers."),
    "personal.pattern": (A, "Matches a pattern your authority asked foibot to look for."),
    "personal.heading": (A, "A column heading says it holds personal details (names, addresses, contact details)."),
    "data.small_counts": (A, "Counts of 1 to 4 in a statistical table can identify people when combined with other "
                             "information; consider {personal_data} and suppress or band them (e.g. '<5'). Review, "
                             "not a block."),
    "data.suppressed_recoverable": (A, "A suppressed cell ('*', '<5' ...) protects nothing when the row or column "
                                       "total and the other cells are published: anyone can subtract to get it back. "
                                       "Suppress a second cell in the same row and column (secondary suppression), or "
                                       "round or band the totals; consider {personal_data}."),
    # any OOXML package
    "ooxml.properties": (A, "Document properties can name staff, the authority's systems or the file's history."),
    "ooxml.macros": (R, "Macro code is not inspected (and never run); it can hold anything. Do not release it."),
    "ooxml.embedded": (R, "An embedded file is a whole other document that has not been checked."),
    "ooxml.images": (A, "foibot cannot read images; look at them for personal data by eye."),
    "ooxml.image_metadata": (A, "A picture keeps data about itself that is not shown on the page: where a photo was "
                                "taken (GPS), who took it, or a tool's notes. It is released with the file. Replace "
                                "the picture with a copy saved without metadata (or a screenshot of it)."),
    "ooxml.cropped_image": (A, "Cropping a picture in Office only hides part of it: the whole picture is still in "
                               "the file and anyone can reset the crop. Crop it in an image editor (or use Compress "
                               "Pictures, 'Delete cropped areas of pictures') before inserting it."),
    "ooxml.internal_link": (A, "A link to a file on an internal drive or server reveals internal paths, server and "
                               "file names (which can name people); the recipient cannot follow it anyway."),
    # spreadsheets
    "xlsx.hidden_sheet": (R, "Hidden sheets are released with the file and anyone can unhide them (e.g. 2023: a "
                             "hidden sheet named about 9,500 police officers)."),
    "xlsx.very_hidden_sheet": (R, "'Very hidden' sheets do not even show in Excel's Unhide list, yet anyone can "
                                  "read them from the file."),
    "xlsx.hidden_rows": (R, "Hidden rows are released with the file and anyone can unhide them."),
    "xlsx.hidden_columns": (R, "Hidden columns are released with the file and anyone can unhide them."),
    "xlsx.pivot_cache": (R, "A pivot table keeps a full copy of its source data inside the file (Islington was "
                            "fined £70,000 in 2017 for exactly this). " + _ICO),
    "xlsx.pivot_table": (INFO, "Pivot table present; its cache is reported separately."),
    "xlsx.outside_print_area": (A, "Data outside the print area is easy to miss when reviewing a printout."),
    "xlsx.far_data": (A, "Data far from the main table is easy to miss on screen."),
    "xlsx.white_text": (R, "Text the same colour as its background is invisible on screen but released."),
    "xlsx.tiny_text": (R, "Text in a tiny font is effectively invisible but released."),
    "xlsx.hidden_format": (R, "The number format ';;;' hides a cell's value on screen but it is still released."),
    "xlsx.conditional_hidden": (R, "A conditional format can hide a cell's value (white text, or the ';;;' number "
                                   "format) while its rule holds: the cell looks empty on screen but the value is "
                                   "released. Red when the rule always holds; amber when it depends on the value."),
    "xlsx.zero_width": (A, "Zero-width characters are invisible and can hide or mark text."),
    "xlsx.comments": (R, "Comments and notes often hold internal remarks or names, and are released with the file."),
    "xlsx.defined_name": (A, "A defined name can point at hidden or deleted data, and reveals the workbook's layout."),
    "xlsx.external_link": (R, "A link to another workbook reveals internal file paths and keeps a cached copy of "
                              "the values it uses."),
    "xlsx.connections": (A, "A data connection (Power Query, a database or web query) is saved in the workbook with "
                            "its server, login, query and file paths, which reveal internal systems and can name "
                            "people; refreshing it could pull in more data. Paste the values into a new workbook, or "
                            "save as CSV, before release."),
    "xlsx.formulas": (A, "Formulas reveal how figures were made and where they came from (other sheets, other "
                         "files). Replace them with values before release."),
    "xlsx.drawing_text": (A, "Text boxes and shapes float over the cells: they are easy to miss in a review, are left "
                             "out of CSV copies, and can be hidden or parked on a hidden sheet."),
    "xlsx.chart_cache": (R, "A chart keeps its own copy of the data it was drawn from. This one comes from hidden or "
                            "deleted data, or another workbook, so the copy is released even though the data is not "
                            "shown."),
    "xlsx.validation_list": (A, "A drop-down list's entries are released with the file: here they come from hidden "
                                "data, another workbook or deleted data, or are a typed-in list of names."),
    # Word
    "docx.tracked_changes": (R, "Tracked changes keep deleted and earlier text, with authors, inside the file."),
    "docx.comments": (R, "Comments often hold internal remarks or names, and are released with the file."),
    "docx.hidden_text": (R, "Hidden text (set on the text or through a style) is not shown but is released and "
                            "easy to reveal."),
    "docx.blacked_out": (R, "Text marked black on black (a black highlight or shading behind dark text) looks "
                            "redacted on screen but the words are still in the file: anyone can copy them or change "
                            "the colour. This is a failed redaction. Delete the words, or redact the PDF with a proper "
                            "redaction tool."),
    "docx.white_text": (A, "Text coloured like the page (white, or nearly) may be invisible but is released."),
    "docx.tiny_text": (R, "Text in a tiny font (2pt or less) is effectively invisible but is released."),
    "docx.glossary": (A, "Building blocks and AutoText entries are stored inside the document but never shown in "
                         "it; they can hold old letters, names or addresses."),
    "docx.template": (A, "The template path can reveal internal file shares and server names."),
    "docx.mail_merge": (A, "A mail-merged letter keeps its merge settings: the path of the data source (a list of "
                           "recipients, often in someone's own folder), the connection and the query. They reveal "
                           "internal paths and can name people. A clean copy removes them."),
    "docx.headers_footers": (INFO, "Header and footer text is easy to overlook; check it says what you mean."),
    # PowerPoint
    "pptx.notes": (R, "Speaker notes are released with the presentation and often hold internal remarks, names or "
                      "what the speaker should not say."),
    "pptx.hidden_slide": (R, "Hidden slides are skipped in a slide show but are released with the file and anyone "
                             "can unhide them."),
    "pptx.hidden_shape": (R, "A hidden shape, one placed off the slide, or one covered by a filled shape or picture "
                             "drawn over it, is not shown in a slide show or a printout but is released with the "
                             "file (anyone can move the cover)."),
    "pptx.comments": (R, "Comments often hold internal remarks or names, and are released with the file."),
    "pptx.missing_part": (A, "The presentation refers to a part that is not in the file (a damaged or hand-edited "
                             "file): PowerPoint may refuse it or offer to repair it. A clean copy leaves the "
                             "reference out."),
    # OpenDocument
    "odf.hidden_sheet": (R, "Hidden sheets are released with the file and anyone can unhide them (e.g. 2023: a "
                            "hidden sheet named about 9,500 police officers)."),
    "odf.hidden_rows": (R, "Hidden rows are released with the file and anyone can unhide them."),
    "odf.filtered_rows": (R, "Rows hidden by a filter are released with the file; anyone can clear the filter."),
    "odf.hidden_columns": (R, "Hidden columns are released with the file and anyone can unhide them."),
    "odf.covered_cells": (R, "Cells covered by a merged cell are not shown, but their contents are released and "
                             "reappear when the cells are unmerged."),
    "odf.far_data": (A, "Data far from the main table is easy to miss on screen."),
    "odf.white_text": (A, "Text coloured like its background (white, or nearly) may be invisible but is released."),
    "odf.tiny_text": (R, "Text in a tiny font is effectively invisible but is released."),
    "odf.hidden_text": (R, "Hidden text (hidden paragraphs, hidden or conditional text fields, hidden sections, or "
                           "a style that hides text) is not shown but is released and easy to reveal."),
    "odf.comments": (R, "Comments often hold internal remarks or names, and are released with the file."),
    "odf.tracked_changes": (R, "Tracked changes keep deleted and earlier text, with authors, inside the file."),
    "odf.named_range": (A, "A named range or database range can point at hidden or deleted data, or another file, "
                           "and reveals the spreadsheet's layout."),
    "odf.formulas": (A, "Formulas reveal how figures were made and where they came from (other sheets, other "
                        "files). Replace them with values before release."),
    "odf.external_link": (R, "A link to another file reveals internal file paths and keeps a cached copy of what it "
                             "links to."),
    "odf.internal_path": (A, "A link to a file on an internal drive or server reveals internal paths and names."),
    "odf.chart_cache": (R, "A chart keeps its own copy of the data it was drawn from. This one comes from hidden data "
                           "or another file, so the copy is released even though the data is not shown."),
    "odf.template": (A, "The template path can reveal internal file shares and server names."),
    "odf.headers_footers": (INFO, "Header and footer text is easy to overlook; check it says what you mean."),
    "odf.properties": (A, "Document properties can name staff, the authority's systems or the file's history."),
    "odf.macros": (R, "Macro code is not inspected (and never run); it can hold anything. Do not release it."),
    "odf.embedded": (R, "An embedded file is a whole other document that has not been checked."),
    "odf.images": (A, "foibot cannot read images; look at them for personal data by eye."),
    "odf.image_metadata": (A, "A picture keeps data about itself that is not shown on the page: where a photo was "
                              "taken (GPS), who took it, or a tool's notes. It is released with the file. Replace "
                              "the picture with a copy saved without metadata (or a screenshot of it)."),
    # PDF
    "pdf.text_under_box": (R, "The text is still in the PDF under a drawn box: anyone can copy or extract it. This "
                              "is a failed redaction. Re-redact with a proper redaction tool that removes the text."),
    "pdf.redact_annotation": (R, "A redaction has been marked but not applied; the text underneath is still there."),
    "pdf.attachments": (R, "Files attached inside the PDF have not been checked."),
    "pdf.annotations": (A, "Annotations (comments, notes, highlights) are released with the PDF."),
    "pdf.form_fields": (A, "The values typed into a PDF form are stored in the file and can be exported as data, "
                           "even when a field is hidden or not shown on the page. Flatten or print the form to a new "
                           "PDF, or clear the fields, before release."),
    "pdf.bookmarks": (A, "Bookmarks (the outline beside the pages) are released with the PDF and shown by every "
                         "reader; they are made from headings and file names, and are not touched when the pages are "
                         "redacted. Red when one names someone the pages do not show. Remove or rename them, or "
                         "print to a new PDF without bookmarks."),
    "pdf.metadata": (A, "Document metadata can name staff, the authority's systems or the file's history."),
    "pdf.incremental": (A, "The PDF has been saved over itself; earlier versions (before redaction, say) may be "
                           "recoverable from the file."),
    "pdf.javascript": (A, "The PDF contains JavaScript (not run by foibot); released documents should not need it."),
    "pdf.image_pages": (A, "Pages that are pictures (a scanned letter, say) have no text foibot can read: names, "
                           "addresses and signatures on them are not found. Check them by eye, or OCR them first. "
                           "A file that is all pictures is amber (nothing in it was read); a few such pages beside "
                           "text are noted."),
    "pdf.no_text": (INFO, "Pages without a text layer or a picture (drawings only, or blank); check them by eye."),
    # CSV
    "csv.formula_injection": (A, "Cells starting with =, +, - or @ may run as formulas when the recipient opens "
                                 "the CSV in a spreadsheet program."),
    # Word and PowerPoint, round 2
    "docx.watermark": (A, "A watermark (or WordArt) prints across the page; words such as DRAFT, NOT FOR RELEASE or "
                          "a name say something you may not mean to release. A clean copy removes it."),
    "docx.alt_text": (INFO, "Alt text describes pictures and shapes for screen readers: it is not on the page but is "
                            "released, and can name people (a clean copy blanks alt text that does)."),
    "docx.custom_xml": (A, "Custom XML data is stored inside the document; the part no content control shows is "
                           "released without anyone seeing it. A clean copy removes it."),
    "docx.doc_variables": (A, "Document variables are stored inside the document and not shown; they can hold names, "
                              "references or old values. A clean copy removes them."),
    "docx.field_code": (A, "A field's code can hold words the page never shows (an IF or SET field, say); they are "
                           "released with the file. A clean copy keeps only what the field shows."),
    "pptx.master_text": (INFO, "Text on a slide master or layout appears on every slide that uses it and is easy to "
                               "overlook; check it says what you mean."),
    "pptx.alt_text": (INFO, "Alt text describes pictures and shapes for screen readers: it is not on the slide but is "
                            "released, and can name people (a clean copy blanks alt text that does)."),
    "pptx.chart_data": (A, "A chart keeps its own copy of the data it was drawn from, and usually the whole "
                           "workbook it came from, embedded: more rows, columns or names than the chart shows can "
                           "be released. A clean copy keeps the chart's copy and drops the workbook."),
    "pptx.custom_show": (INFO, "A custom show is a named selection of slides; its name and the slides it picks can "
                               "say more than the deck shows."),
}


def reason(fid: str, law: str = "") -> str:
    """Why a finding matters, in the words of the law the case is answered under (foia, eir, foisa; "" unknown)."""
    return CATALOGUE[fid][1].format(personal_data=PERSONAL_DATA.get(law, PERSONAL_DATA[""]))


def finding(fid: str, where: Location | None, message: str, *, severity: Severity | None = None,
            count: int | None = None, examples: Iterable[str] = (), law: str = "") -> Finding:
    """Build a finding with the catalogue's severity (unless overridden) and reason. Its message and examples are
    masked by the one masking rule (``masking.mask_personal``), whatever the inspector quoted: every surface (text,
    JSON, console, Slack) shows a finding as built here."""
    from foibot.release.masking import mask_personal  # masking -> personal -> catalogue: imported when first used

    return Finding(id=fid, severity=severity or CATALOGUE[fid][0], where=where or Location(),
                   message=mask_personal(message), why=reason(fid, law), count=count,
                   examples=tuple(mask_personal(e) for e in examples))


def in_law(report: Report, law: str) -> Report:
    """The report with every finding's reason in the words of ``law`` (the reasons come from the catalogue alone)."""
    findings = [replace(f, why=reason(f.id, law)) if f.id in CATALOGUE else f for f in report.findings]
    return replace(report, findings=findings)
