"""A person named in free text, recognised by its shape (foibot has no list of names), and the words that give a
name-shaped value away as a place, a body, a team or a program rather than a person.

Shared by the alt text check (``ooxml``) and the document properties check (``props``).
"""

from __future__ import annotations

import re

# A title and a surname ("Mr Smith", "PC Jones", with a collar number "PC 3391 Jones"), or a capitalised first name
# and surname after words that introduce a person in alt text ("Photo of Jane Smith", "showing John O'Neil").
TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Cllr|Councillor|PC|DC|PS|DS|Sgt|Insp|DI|DCI|Supt)"
_TITLED = re.compile(r"\b" + TITLES + r"\.? (?:\d{1,6} )?[A-Z][A-Za-z'-]+")
INTRODUCED = _INTRODUCED = re.compile(r"\b(?:of|shows|showing|with|by|from|and)\s+([A-Z][a-z]+)(?:\s[A-Z]\.?)?"
                                      r"\s([A-Z][A-Za-z'-]+)")

NOT_A_PERSON = frozenset("""
north south east west northern southern eastern western central greater upper lower new old great little royal
national county city borough district metropolitan parish town village street road lane avenue square park bridge
station hospital school college university academy church hall house court centre center office department ministry
council authority agency service services police constabulary force fire rescue ambulance health trust board
commission committee partnership government parliament assembly cabinet home foreign justice defence treasury
england scotland wales ireland britain kingdom united london yorkshire lancashire kent essex devon cornwall
cumbria durham midlands riding shire valley river sea island airport port harbour motorway bay hill moor forest
annual quarterly monthly weekly daily figure table chart graph map plan diagram photo picture image logo icon
team unit section department dept directorate division service services office governance information management
corporate communications comms customer customers council authority borough county city district parish police
constabulary force fire rescue ambulance nhs trust board committee commission government ministry agency
partnership group policy legal finance hr it ict digital data records foi eir dpa compliance complaints casework
case cases system systems export exports report reports reporting admin administrator administration user users
owner guest default desk helpdesk support enquiries mailbox generated template templates microsoft windows office365
word excel powerpoint outlook adobe acrobat libreoffice openoffice apache poi openpyxl docx pptx xlsx python
scanner scan printer canon xerox ricoh konica sharp epson brother hp kyocera lexmark pdf converter writer calc
impress generator library libraries parks highways planning housing schools education social care adult adults
children childrens health public safety licensing revenues benefits waste environment estates property
procurement audit insurance payroll pensions performance intelligence analysis analyst analytics research
statistics unknown anonymous author annex appendix chapter schedule contents introduction summary conclusion
conclusions glossary index
""".split())
"""Words that say a capitalised pair or a property's value names a place, a body, a team, a role account or a program
("Map of North Yorkshire", "Logo of Police Scotland", "Information Governance", "CaseSys Export")."""


def names_a_person(text: str) -> bool:
    """Whether ``text`` names someone by a title or as a name introduced ("Photo of Jane Smith"); two capitalised
    words one of which names a place or a body ("Chart from Home Office") are not a person."""
    if _TITLED.search(text):
        return True
    return any(not {first.lower(), last.lower()} & NOT_A_PERSON for first, last in _INTRODUCED.findall(text))
