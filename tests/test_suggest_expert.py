"""Expert requests: are foibot's exemption suggestions what an experienced FOI officer expects?

README (figures recorded here; the test holds the line on them)
----------------------------------------------------------------
``tests/fixtures/expert-requests.yaml`` holds hand-written requests (police, council, central government,
health, education and Scottish authorities; statistics-only, policies, one-liners, long multi-part
requests, Welsh place names, environmental ones), each with the one or two exemption families an officer
would certainly consider (``expect_top3``), optionally families that must not come first (``not_top1``),
and ``environmental: true`` where the first suggestion must be an EIR (or Scottish EIR) exception. The
expectations were written before foibot was run on them.

Measured: the share of expected families found in foibot's top 3 and top 5, and the number of requests
whose first suggestion breaks ``not_top1`` or ``environmental``; beside a constant baseline, the authority
type prior's three commonest families (numbered for the regime).

Figures (79 requests, 92 expected families; ``.venv/bin/python tests/test_suggest_expert.py [-v]`` prints
them and every miss):

| run | in top 3 | in top 5 | first suggestion breaks not_top1 / environmental |
|---|---|---|---|
| type prior's top 3 (constant baseline) | 0.39 | - | 25 of 79 |
| foibot, first run (before any change) | 0.78 | 0.86 | 12 of 79 |
| foibot, after the fixes | 0.90 | 0.97 | 5 of 79 |
| foibot, after the second set's fixes (below) | 0.92 | 0.99 | 5 of 79 |

What the first run missed, and what changed (general knowledge, not these requests' wording; each batch
kept only if the cross-validated recall@3 on ``intents/answered.jsonl`` did not fall):

- environmental requests (planning objectors, a road contract, a tidal lagoon, landfill odour, a wind farm)
  were answered with FOIA sections: ``intents/engagement.yaml`` now says what makes information
  environmental (the EIR's definition: the elements, emissions and waste, planning and land use, roads,
  energy and other measures), and a request it matches is offered the EIR exceptions (a Scottish
  authority the Scottish EIR and FOISA s39(2)). Answered CV cold recall@3 0.5165 -> 0.5277.
- cues read in the wrong sense: "deployment of a new website" engaged police tactics (s31), "consultant
  cardiologists" commercial interests (s43), "cyber attack" health and safety (s38), "state pension age"
  personal data (s40); "will be published next month" engaged s21 through "published" (a concept may now
  list ``unless`` cues). Missing knowledge: deceased patients' records (s21, Access to Health Records
  Act; s41), the circumstances of one incident (s30), a single honour (s37), fraud (s31), s24 beside s23
  for the security bodies, the law officers' advice (s42), policies and NHS statistics (s21).
  0.5277 -> 0.5280.
- dropped: narrowing s40's ``person*`` cue (it also matches "single person discount"): it cost one
  answered request (0.5280 -> 0.5267), so the cue stays and "single person discount" still puts s40 first.

Still missed: s40 (or FOISA s38) comes first on its prior alone for requests naming no one (a policy,
published NHS waiting times, a council tax statistic); s21 for nationally published statistics (stop
and search, waiting times); s14 beside s12 for "every email since 2015"; FOISA s18 in the top 3 for a
named arrest.

The second set (blind, in other styles)
---------------------------------------
``tests/fixtures/expert-requests2.yaml``: 91 requests (109 expected families), written blind before
foibot was run on them, in the styles the first set had less of: WhatDoTheyKnow-style numbered
multi-part requests, journalists' round robins, angry and rambling requests, campaign groups, students,
MPs' researchers and solicitors; fire and rescue services, universities, schools and academies, housing
bodies, Welsh councils and the Welsh Government, national parks, regulators and inspectorates, NHS
trusts and ICBs, Scottish NHS boards and Police Scotland, transport bodies (11 environmental, 13 under
FOISA). ``.venv/bin/python tests/test_suggest_expert.py 2 [-v]`` prints its figures and misses.

| run | in top 3 | in top 5 | first suggestion breaks not_top1 / environmental |
|---|---|---|---|
| type prior's top 3 (constant baseline) | 0.58 | - | 30 of 91 |
| foibot, first run (before any change) | 0.80 | 0.86 | 8 of 91 |
| foibot, after the fixes | 0.92 | 0.96 | 3 of 91 |

The first set after the same fixes: 0.92 in the top 3 (0.99 in the top 5, 5 of 79). Each batch was kept
only if the answered requests' cross-validated cold recall@3 (``foibot eval intents/answered.jsonl``)
did not fall by more than 0.002; the development sets stayed at 0.70 / 0.47 throughout.

- environmental information missed: flooding and drainage (a section 19 flood investigation, culverts,
  surface water, storm overflows), pollution, access to land (wild camping, rights of way, common
  land) and traffic measures (traffic regulation orders, traffic and speed surveys) now read as
  environmental; a request about RIPA surveillance that names fly-tipping as its purpose no longer
  does (the concept's ``unless``). Answered CV cold 0.5260 -> 0.5256 (warm 0.5066 -> 0.5061).
- cues in the wrong sense: "body worn" (cameras, a contract) engaged s40 as if it were footage (now
  "footage"); "how many times" (a count) and "campaign" ("we are a campaign group") engaged s14; "police
  uk" matched "police forces in the UK" for s21; "when will he be released" engaged s22; "settlement
  agreement" engaged s42 (it is s40 and s41: a new s41 concept for settlement and non-disclosure
  terms); s36's "emails between" missed "every email between". 0.5256 -> 0.5267 (0.5061 -> 0.5086).
- missing knowledge: people, premises and holdings that attackers or extremists could target (animal
  research, asylum hotels, firearm certificate holders, combustible cladding) for s38, with arson and
  cladding for s31; a regulator's inspections and evidence (s31(1)(g)); reviews of a death or serious
  harm (serious case and safeguarding practice reviews, domestic homicide reviews) for s40 and s41;
  a named person's whereabouts or release date (s40); whether a named person was suspended or the
  subject of complaints (s40, FOISA s18); the executor of someone who died in hospital (s21 under
  the Access to Health Records Act, s41); waiting lists among routinely published figures (s21);
  coalition and overseas operations (s27); section 28 only for the administrations themselves
  (``authority_fit`` in intents/priors.yaml: a council naming the Welsh Government is not one).
  0.5267 -> 0.5267 (0.5086 -> 0.5086).
- more wrong senses: "harass*" engaged s14 for a requester being harassed; "the economy" s29 for "the
  ... Economy Minister"; "business plan*" s43 for "business on the planning committee". Then s21's
  deceased-records concept weighs 0.6 and knows "died in hospital". 0.5267 -> 0.5267 (no change).
- dropped: "cyber attack", "cyber incident" and "ransomware" in s24's mosaic concept (forces often cite
  s24 beside s31 for cyber security): it cost one answered request (0.5267 -> 0.5254 with the rest of
  its batch), so p2-ransomware still has s24 fourth; "complaint against" and "allegation against" for
  FOISA s18 (0.0007: a complaint against a body, not a person).

Still missed in the second set: FOISA s38 first on its prior for published NHS waiting times; FOISA
s39 first (on "risk assessment") for a Scottish flood scheme, which a Scottish authority does cite as
s39(2); s40 first for a parking-ticket statistic (the matcher's spending intent); s43 for a minister's
meetings with a named company; s27 for overseas strikes that name only the countries; s36 for emails
between a university's offices; r12(5)(a) for vandalised clean air zone cameras; s40 for a councillor's
emails to a developer (read, fairly, as environmental: r13 is third).

With the meaning model (wordllama vectors: precedents found by meaning as well as words, and a classifier
of meaning learned from the answered requests; see README "Suggestions"), chosen on the answered
requests' cross-validation (cold 0.5267 -> 0.5442, warm 0.5086 -> 0.5296):

| set | in top 3 | in top 5 | first suggestion breaks not_top1 / environmental |
|---|---|---|---|
| first, words only -> with meaning | 0.924 -> 0.913 | 0.989 -> 0.967 | 5 -> 4 of 79 |
| second, words only -> with meaning | 0.917 -> 0.927 | 0.963 -> 0.963 | 3 -> 2 of 91 |

The classifier counts only what a request's meaning adds beyond how often its type of authority cites a
family anyway: counting its whole chance (0.5482 cold on the answered requests) put s40 first for policies
and statistics naming no one (first set 0.87 in the top 3, 6 violations).

The third set (blind, in other styles)
--------------------------------------
``tests/fixtures/expert-requests3.yaml``: 84 requests (75 expected families), written blind before foibot
was run on them: one-liners ("Agency nurse spend 2024."), requests that are mostly a story before one ask,
requests quoting an earlier response or a news article, and words that mislead (a "confidential" hotline's
statistics, "commercial" vehicle counts, "security" guards' pay, research "investigations", "personal"
budgets); inspectorates and regulators (a CQC-, HMICFRS-, Ofsted-, Environment Agency- and FCA-like body),
coroners, courts and the CPS, a Crown Estate-like landlord, arm's-length bodies, combined authorities,
police and crime commissioners, museums, a BBC-like broadcaster, parish councils and GP practices; AI and
algorithms, facial recognition, data breaches, grievances, whistleblowing, equality data, gifts and
hospitality, expenses, legal advice on a policy, honours, royal correspondence, trade talks, court and
tribunal cases, prosecutions, collisions, animal welfare, planning enforcement, contaminated land,
fisheries and marine licensing, and the requester's own complaint file (11 environmental, 8 under FOISA).
``.venv/bin/python tests/test_suggest_expert.py 3 [-v]`` prints its figures and misses.

| run | in top 3 | in top 5 | first suggestion breaks not_top1 / environmental |
|---|---|---|---|
| type prior's top 3 (constant baseline) | 0.59 | - | 35 of 84 |
| foibot, first run (before any change) | 0.75 | 0.85 | 12 of 84 |
| foibot, after the fixes | 0.92 | 0.97 | 6 of 84 |

The first set after the same fixes: 0.913 (unchanged); the second 0.927 -> 0.936. Each batch was kept only
if the answered requests' cross-validated cold recall@3 did not fall by more than 0.002 (cold / warm
below); the development sets did not move (dev 0.735, dev2 0.466 cold, crosses 0.414 and 0.661).

- words in another sense. A concept may now list ``not_in`` phrases: the words they cover do not count for
  that concept while the rest of the request still does (``unless`` switches the whole concept off).
  "personal budget", "personal care" and the like name no one (s40); a "confidential hotline", staff
  "supplied by an agency" and whistleblowing statistics are no confidence (s41); research, clinical and
  site "investigations" are not s30's; "artificial intelligence" is not s31's intelligence; a ransom
  "demanded", an inquest "still not concluded", "I rang again" and "complaints ... did you receive" are not
  vexatious (s14); the matcher's IT-security intent no longer reads "security" guards and staff, nor its
  risk intent "community safety" (it keeps "safety of", "public safety" and the like, and gains "security
  advice"). Answered CV cold 0.5448 -> 0.5448 (warm 0.5298 -> 0.5298); a first try that also put
  "investigatory powers" in s30's ``not_in`` cost a RIPA request and was put right before keeping.
- missing knowledge: the coroner's records and a court's case file (s32); a decision whether to prosecute
  or charge (s30); a regulator asked about a firm it supervises (s44, with s31's regulatory functions);
  trade talks, restitution of cultural property and other states' governments (s27); animals used in
  experiments (s38); precepts, council tax, allowances, gifts and hospitality, pay gaps (s21); the
  requester's own complaint or case file (s40(5A)); a new or proposed government policy (s35); fisheries,
  fish farming and licensed activity at sea as environmental; "at what cost" and "licences" as spending;
  a Scottish authority's environmental request is offered no FOISA section but s39(2) (it offered FOISA
  s18 first for a fish farm's referral to the fiscal, and s30 where an EIR exception belonged).
  0.5448 -> 0.5454 (0.5298 -> 0.5305), then with the Scottish change 0.5486 (0.5329).
- place names and policies: "greenfield" and "brownfield" need "site", "land" or "register" (Greenfields
  Primary School was read as environmental); a farm's or sole trader's name is someone's (s40); an
  "accommodation policy" names no premises (s38); a "low traffic neighbourhood" is no neighbour (r13);
  "site investigation reports" no investigation file. 0.5486 -> 0.5486.
- dropped: "offshore wind" as environmental (it made the First Minister's diary an EIR request in the
  second set).

Still missed in the third set: s40 first on its prior for a gender pay gap report, a bullying statistic
and PCC grants; s24 first (precedents) for assaults on security staff; s31 first for a chief constable's
bonus; s31 fourth for a CQC inspection's evidence (s22 for "draft report" is second); s44 for an
FCA-like regulator; s30 fourth for a CPS decision (s42 "lawyer" and s36 "advice given" above it); s21 for
a force's gifts register; FOISA s39 first for a Scottish fish farm (which a Scottish authority does cite).
A fly-tipping prosecution reads as environmental (r13 second), which an officer might accept.

The fourth set (blind, aimed at the weak types and families)
------------------------------------------------------------
On real requests nobody tuned on, foibot was weakest for central government, inspectorates and "other"
bodies, and for s21, s41, s38, s22, s23 and s14. ``tests/fixtures/expert-requests4.yaml``: 101 requests
(123 expected families), written blind before foibot was run on them: 32 to central government (ministers'
diaries, submissions and Cabinet papers, contracts, published and forthcoming statistics, diplomatic
telegrams and trade talks, the Royal Household, MI5 and nuclear weapons, legal advice, HMRC), 20 to
inspectorates and regulators (inspection evidence, drafts, complaints about a provider, a provider's
letter, whistleblowers, audit working papers, a charity regulator, a communications regulator, an HSE-like
body), 17 to "other" bodies (a museum, a university's company, a Parole Board-like body, an ombudsman, a
Land Registry-like register, an electoral regulator, a lottery distributor, a tram operator); the families
in requesters' words ("it's on your website somewhere but I can't find it", "you're going to publish next
month", "a copy of the letter the hospital sent you", "the addresses of the refuges", "where the armed
officers are based", "the same request I made last week", "yet another request about ..."), and words
that mislead ("confidential waste", "health and safety advisers", "Prince Street", "business
intelligence", "the Embassy Theatre", a count of vexatious refusals). 4 environmental, 8 under FOISA.
``.venv/bin/python tests/test_suggest_expert.py 4 [-v]`` prints its figures and misses.

| run | in top 3 | in top 5 | first suggestion breaks not_top1 / environmental |
|---|---|---|---|
| type prior's top 3 (constant baseline) | 0.33 | - | 10 of 101 |
| foibot, first run (before any change) | 0.64 | 0.76 | 3 of 101 |
| foibot, after the fixes | 0.88 | 0.96 | 2 of 101 |

In the top 3, first run -> after: s22 2/8 -> 8/8, s41 5/12 -> 12/12, s21 4/12 -> 9/12, s38 2/7 -> 5/7,
s14 4/6 -> 6/6, s23 4/4 -> 4/4, s44 0/4 -> 2/4 (s40 21/22 -> 20/22 and s43 7/8 -> 6/8: a third party's
letter and a lender now put s41 above them); central government 30/40 -> 37/40, inspectorates 15/26 -> 20/26, "other"
12/23 -> 20/23. Sets one to three did not move (0.913, 0.936, 0.92; violations 4, 2, 6). Each batch was
kept only if the answered requests' cross-validated cold recall@3 did not fall beyond 0.002 (answered
cold / warm before the first change 0.5486 / 0.5329; the development sets did not move: dev 0.735, dev2
0.466 cold, crosses 0.414 and 0.661):

- a report the authority is going to publish: s22 knew "will be published" and "forthcoming" but not
  "going to publish", "intend to publish", "before they are published", "ahead of publication", "publish
  next month", "due out", "release date" or "when will ... be published" ("be published"; not "should be
  published", nor "before it was published"); section 21's ``unless`` gained the same phrases, and the
  matcher's future-publication intent some of them. 0.5486 -> 0.5486 (warm 0.5329 -> 0.5329).
- published and reasonably accessible: "can't find it", "published somewhere", "you publish", "where can
  I find"; special advisers' salaries, expenses claims, inspection ratings, street-level crime, claimant
  counts and an ombudsman's upheld complaints among routinely published figures; a new concept for the
  public registers anyone can search (land titles, "who owns", companies, charities, political donations).
  0.5486 -> 0.5486 (0.5329 -> 0.5323); then claimant counts narrowed ("universal credit claimants" cost an
  internal audit of claimants: 0.5494 -> 0.5480, put right before keeping, 0.5494).
- repeated requests (section 14(2)): a concept of its own (weight 0.6): "same request", "repeating my
  request", "word for word", "yet another request", "asked this before", "resubmit"; "you ignored",
  "dodging", "stonewalling" among grievance words; "vexatious or repeated" (a count of refusals) is no
  repetition. 0.5486 -> 0.5486 (0.5323 -> 0.5323).
- what another body sent or told the authority (s41): "sent you", "gave you", "told you", "the hospital
  sent", "the GP sent", "the application form", a loan agreement or private lender (not "I sent you");
  the same words for the EIR's r12(5)(f). A first try with "application form*" ("formal") cost a benefits
  statistic's s12: 0.5486 -> 0.5469, narrowed before keeping: 0.5490 (0.5327).
- where vulnerable people live (s38: children's homes, refuges, hostels, approved premises, a released
  offender's address), protection officers and bodyguards (s38, not "data protection officer"); where
  drugs, cash or valuables are kept and how they are guarded (s31); audit working papers in either order
  and an auditor's findings (s33); an inspectorate's own evidence ("when you inspected", "your inspection
  of") and a charity regulator's inquiries (s31); an ombudsman's investigation, corporation tax paid by a
  company, and what a utility or network operator gave its regulator (s44); armed and firearms officers
  (s24's mosaic); radioactive material (s24); "Embassy Theatre" is no embassy (s27). 0.5490 -> 0.5494
  (0.5327 -> 0.5331).
- environmental information that could help an attack or endanger the public (nuclear and radioactive
  sites, hazardous stores, vandalism, defence land): a first concept for the EIR's r12(5)(a). 0.5494 ->
  0.5494.
- dropped: narrowing s38's bare "safety" cue (exemptions/s38.yaml) so that "health and safety advisers"
  do not engage it: it cost a Scottish safety-camera request's FOISA s39 (0.5494 -> 0.5487).

Still missed in the fourth set: s40 first on its prior and the meaning model for statistics naming no one
(Universal Credit claimants by council, an ombudsman's upheld complaints); s43 for a bank's letter to the
Chancellor; s44 for HMRC (fourth), the ICO's complaint files and political donations' register (s21);
s31 fourth for a care home's inspection evidence and a charity inquiry; s38 for a museum's night guards
and a hospital's drug stores (fifth); s30 beside s23 for a security-service warning; r12(5)(f) fourth
(r12(5)(e), s41's EIR counterpart, is third); inspection ratings (s21 fifth). "Health and safety
advisers" still put s38 second (not first); a confidential waste contract reads as environmental, which
an officer might accept.

The fifth set (blind, aimed at the bodies the earlier sets had least)
---------------------------------------------------------------------
``tests/fixtures/expert-requests5.yaml``: 80 requests (98 expected families), written blind before foibot was run
on them: police and crime commissioners' offices (grants, a chief constable's appointment, a draft plan, a
victims' contract, the requester's own complaint review), fire and rescue services (safe and well visits,
cladding, arson, a misconduct count, a control room's software), national parks and environmental bodies
(planners' dealings with an applicant, nest sites and badger setts, a quarry, viability, a pollution
prosecution, draft flood maps, every permit since 2005), universities and colleges (unpublished research for
s22A, discipline, catering, a vice-chancellor's pay, animal research, an overseas partner), NHS trusts and ICBs
(never events, private practice, agency rates, procurement scores, drug stores, a dead father's records,
forthcoming waiting times, part two board papers, ransomware), Northern Ireland departments and Welsh bodies
(a minister's diary, legacy advice, a Security Service warning, the block grant, 20mph, a steelworks, Senedd
expenses, felling licences), housing associations, parish and town councils, coroners, a tribunal and the CPS,
regulators (a firm under investigation, a water company, social housing, gambling, published enforcement, own
staff), requests mixing families, and 8 under FOISA and the Scottish EIR (11 environmental in all).
``.venv/bin/python tests/test_suggest_expert.py 5 [-v]`` prints its figures and misses.

| run | in top 3 | in top 5 | first suggestion breaks not_top1 / environmental |
|---|---|---|---|
| type prior's top 3 (constant baseline) | 0.43 | - | 14 of 80 |
| foibot, first run (before any change) | 0.72 (71 of 98) | 0.83 | 6 of 80 |
| foibot, after the fixes | 0.86 (84 of 98) | 0.96 | 3 of 80 |

Sets one to four did not move (0.913, 0.936, 0.92, 0.894; violations 4, 2, 6, 2). Each batch was kept only if
the answered requests' cross-validated cold recall@3 did not fall beyond 0.002 (cold / warm; the development sets'
cold recall@3 dev 0.735, dev2 0.463 did not move):

- knowledge missing: research still under way that is to be published (a first s22A concept: "ongoing study",
  "data collected so far", interim or preliminary results; the engagement file now takes a lettered section such
  as s22A); where rare or protected species breed (nests, setts, roosts) or archaeological remains lie (a first
  r12(5)(g) concept, and those surveys read as environmental, with pre-application advice and planners'
  dealings with an applicant); "will be publishing", "would be published" (s22, and s21's ``unless``); the
  accounts small councils must publish, prevention of future deaths reports, issued enforcement notices and
  public registers (s21); a board's part two or private business (s43); the block grant, the Barnett formula,
  the territorial offices (s28); overseas partners and foreign funding (s27), and a third party's "links to the
  military" are no defence capability (s26); threats to officers and staff (s38), controlled drug stores (s38 beside
  s31); "is being investigated" (s40 and FOISA s18 neither confirm nor deny); a regulator's investigation,
  compliance assessments, settlements and a penalty it is considering (s31(1)(g), s44); what an operator or
  company gave or submitted (s41, r12(5)(f)). Answered CV cold 0.5489 -> 0.5489 (warm 0.5403 -> 0.5403).
- words in another sense: "government of Ireland" matched "Government about ... Northern Ireland" (s27: Northern
  Ireland is part of the UK); "information ... Security Service" matched IT "information security" (s31); and the
  addresses of homes and properties name their occupiers (s40). 0.5489 -> 0.5496 (0.5403 -> 0.5410; cross dev2 ->
  dev 0.661 -> 0.679).
- s38's bare "safety" cue (exemptions/s38.yaml) read a PCC's "community safety fund" as health and safety: it is
  now "safety of", public, personal, staff, officer and patient safety, safety risks and concerns, and safety
  cameras (the Scottish safety-camera requests that cost the fourth set's try keep FOISA s39). 0.5496 -> 0.5496
  (0.5410 -> 0.5410).

Still missed in the fifth set: s40 first on its prior and precedents for a parish council's published accounts and
a coroner's prevention of future deaths reports (s21 second and third); FOIA s39 first (on "flood risk") for draft
flood maps; the Welsh Government's 20mph review read as environmental (r12(4)(e) first, where s35 was expected,
which an officer handling traffic measures under the EIR might accept); s27 for a university's overseas partner
named only by its name; s43 beside s31 for regulators' dealings with a firm; r12(5)(e)/(f) for what a fish farm's
operator gave SEPA (the operator named several words before "gave"); s38 for where terrorist prisoners are held
(s24 and s23 lead).

The sixth set (blind, aimed again at the weak types and families)
-----------------------------------------------------------------
``tests/fixtures/expert-requests6.yaml``: 85 requests (113 expected families), written blind before foibot was run
on them: 31 to central government (policy submissions, an executive committee's frank discussion, embassy telegrams,
the Union and a referendum, gilts and the fiscal rules, banks under stress, trade talks, legal advice on offshore
processing, a review due in the spring, published spending and asylum statistics, a minister's diary, a company's
tax, a visa, GCHQ's suppliers, civil nuclear guards, COBR after a cyber attack, Typhoon deployments, a prince's
letters, a knighthood, a twenty-third request and a campaign of identical ones) with 7 to prisons and probation
(escapes, assaults, a named offender's hostel, drones, a death in custody, governors' names, vacancies before the
next release), 17 to inspectorates, regulators and auditors (a draft report, evidence forms, what a hospital gave
under statutory powers, published grades, a whistleblower, a thematic review not yet out, audit working papers, an
energy supplier and a pension scheme under investigation, a professional register, complaints about a provider,
revoked licences, own staff), 15 to "other" bodies (museums, a grant distributor, ombudsmen, rail, bus and airport
bodies), and police, councils, health, education and 7 under FOISA and the Scottish EIR (3 environmental in all).
``.venv/bin/python tests/test_suggest_expert.py 6 [-v]`` prints its figures and misses.

| run | in top 3 | in top 5 | first suggestion breaks not_top1 / environmental |
|---|---|---|---|
| type prior's top 3 (constant baseline) | 0.33 (37 of 113) | - | 10 of 85 |
| foibot, first run (before any change) | 0.65 (73 of 113) | 0.80 | 7 of 85 |
| foibot, after the fixes | 0.79 (89 of 113) | 0.94 | 4 of 85 |

Sets one to five did not fall (0.913 -> 0.924, 0.936, 0.92 -> 0.933, 0.894 -> 0.902, 0.857; violations 4, 2, 6, 2, 3).
Each batch was kept only if the answered requests' cross-validated cold recall@3 did not fall beyond 0.002 (cold /
warm; the development sets' cold recall@3, dev 0.735 and dev2 0.463, and the crosses 0.414 and 0.679 did not move):

- knowledge missing: figures routinely published (payments over a threshold, recorded burglaries, inspection grades,
  A&E four-hour performance, immigration and asylum statistics, grants and lottery funding awarded) and a register
  anyone can search ("on your register") for s21; a release not out yet ("before the next release", "not out
  yet") for s22; a taxpayer's affairs as their own s44 concept (the Commissioners for Revenue and Customs Act),
  and what a regulator obtained with its statutory powers, a pension scheme's trustees and funding, local audit
  working papers; gilts, sterling, the fiscal rules and banks needing support (s29); the independence referendum
  and the Union directorate (s28); confidential sources, tip-offs and anonymous reports (a first s30(2) concept);
  donors who asked to remain anonymous and what a bidder gave (s41); abortion providers and hostels housing
  offenders (s38); discharges and effluent into rivers and the sea as environmental; a first ``foisa-s28`` (the
  Scottish Administration's dealings with the UK Government). Answered CV cold 0.5500 -> 0.5521 (warm 0.5414 ->
  0.5429).
- s21's routinely published concept weighs 0.45 (was 0.4) and s44's regulator concept 0.5 (was 0.4). 0.5521 ->
  0.5508 (0.5429 -> 0.5442); with s21 at 0.5 it was 0.5501 (sixth set 0.81, fourth 0.92), at the edge of the
  noise, so 0.45 was kept; the s44 weight alone moved nothing.
- words in another sense: "police record*" (neither confirm nor deny) read "Police Scotland's recorded crime";
  "supplier* provided" (s41) read suppliers of services provided to a body; "refuge*" (s38) read the Refugee
  Convention; s21's deceased-records concept read a late father's pension (it now needs the records, notes or care
  named). Also a minister's diary and whom they met (s40), and "died" switches off s40's neither-confirm-nor-deny
  concept for a relative (the dead have no personal data). 0.5508 -> 0.5508 (0.5442 -> 0.5442).
- dropped: complaints and concerns a regulator received about a nursery, care home or provider as s31(1)(g): it
  traded the fourth set's s41 for this set's s31 on the same kind of request (fourth 0.902 -> 0.894, sixth 0.788
  -> 0.796), answered CV unchanged; officers differ on it.

Still missed in the sixth set: s12 in the top 3 on "how many", "since 20*" and "broken down by" for ordinary
one-year statistics (asylum grants, burglaries by ward, prison assaults), which keeps s21 fourth; s40 first on its
prior for published A&E performance and an ombudsman's upheld complaints; s36 first for a council's public cabinet
minutes; s35 fourth beside s28 and s27 (s36 and s43 above it); s24 beside s23 for GCHQ's suppliers; s38 for the
names of high-security prison governors and civil nuclear guards; an ombudsman's file read as environmental (its
complaint was about planning enforcement); foisa-s28 fourth for the First Minister's letters to the Prime Minister.

After tryout 10 (``tests/test_tryout10_suggest.py``), each batch kept only if the answered requests' cross-validated
cold recall@3 did not fall beyond 0.002 (cold / warm before: 0.5508 / 0.5442):

- "consultants" alone (hospital doctors) no longer reads as a contract (the matcher's contracts intent keeps
  consultancy, external and management consultants, spending on them and their fees); a site's security assessment
  and where its CCTV does not reach (blind spots) engage s31(1)(a) (FOISA s35(1)(a)) and s38 (FOISA s39(1)).
  0.5508 -> 0.5508 (0.5442 -> 0.5442).
- which bodies may rely on an exemption: ``never_bodies`` in intents/priors.yaml (no s30 for the Houses of
  Parliament or the devolved legislatures) and section 34 only for the two Houses (``foibot.law.reliance``), where
  their committees' unpublished papers and privileges put it first (weight 0.9). 0.5508 -> 0.5508 (0.5442 -> 0.5446).
- a council's public meetings: their minutes and agenda papers are published (a first s21 concept), and a cabinet or
  council meeting's minutes are not s36's board papers (``not_in``). 0.5508 -> 0.5505 (0.5446 -> 0.5443); sixth set
  violations 4 -> 3.
- the statistics intent offers s21 after s12 (figures are often already published): 0.5505 -> 0.5491 (0.5443 ->
  0.5430), within the 0.002; fourth set 0.902 -> 0.919 (violations 2 -> 1), fifth violations 3 -> 2, sixth 0.788 ->
  0.805 (the asylum statistics and the ombudsman's upheld complaints now have s21 in the top 3).
- dropped: halving the words' evidence for s12 when a request names one year only: it moved none of the sixth set's
  one-year statistics (s12 leads there on precedents and the meaning model) and put FOISA s38 first for Police
  Scotland's recorded crime figures (a new violation).

Still missed: s12 first (precedents and the meaning model) for prison assaults and burglaries by ward, with s21 fourth
or lower.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from foibot.knowledge.citations import family
from foibot.surfaces.runtime import open_runtime

ROOT = Path(__file__).resolve().parent.parent
EXPERT = ROOT / "tests" / "fixtures" / "expert-requests.yaml"
EXPERT2 = ROOT / "tests" / "fixtures" / "expert-requests2.yaml"
EXPERT3 = ROOT / "tests" / "fixtures" / "expert-requests3.yaml"
EXPERT4 = ROOT / "tests" / "fixtures" / "expert-requests4.yaml"
EXPERT5 = ROOT / "tests" / "fixtures" / "expert-requests5.yaml"
EXPERT6 = ROOT / "tests" / "fixtures" / "expert-requests6.yaml"

RECORDED_TOP3 = 0.92
"""The share of expected families in foibot's top 3 (85 of 92 with the meaning model, after the sixth set's
fixes): the test fails if it drops below."""
RECORDED_VIOLATIONS = 4
"""Requests whose first suggestion breaks not_top1 (or is not an EIR exception for environmental ones)."""
RECORDED_TOP3_2 = 0.93
"""The same for the second set (``expert-requests2.yaml``: 102 of 109 with the meaning model)."""
RECORDED_VIOLATIONS_2 = 2
RECORDED_TOP3_3 = 0.93
"""The same for the third set (``expert-requests3.yaml``: 70 of 75; 56 of 75 on the first run)."""
RECORDED_VIOLATIONS_3 = 6
RECORDED_TOP3_4 = 0.91
"""The same for the fourth set (``expert-requests4.yaml``: 113 of 123 after tryout 10; 79 of 123 on the first run)."""
RECORDED_VIOLATIONS_4 = 1
RECORDED_TOP3_5 = 0.85
"""The same for the fifth set (``expert-requests5.yaml``: 84 of 98; 71 of 98 on the first run)."""
RECORDED_VIOLATIONS_5 = 2
RECORDED_TOP3_6 = 0.80
"""The same for the sixth set (``expert-requests6.yaml``: 91 of 113 after tryout 10; 73 of 113 on the first run)."""
RECORDED_VIOLATIONS_6 = 3

SETS = {"first": (EXPERT, RECORDED_TOP3, RECORDED_VIOLATIONS),
        "second": (EXPERT2, RECORDED_TOP3_2, RECORDED_VIOLATIONS_2),
        "third": (EXPERT3, RECORDED_TOP3_3, RECORDED_VIOLATIONS_3),
        "fourth": (EXPERT4, RECORDED_TOP3_4, RECORDED_VIOLATIONS_4),
        "fifth": (EXPERT5, RECORDED_TOP3_5, RECORDED_VIOLATIONS_5),
        "sixth": (EXPERT6, RECORDED_TOP3_6, RECORDED_VIOLATIONS_6)}
"""Each set: its file, the share recorded in the top 3 and the first suggestions allowed to break not_top1."""


@dataclass
class Outcome:
    id: str
    expected: list[str]
    top: list[str]
    why: list[str]
    prior_top3: list[str]
    violation: str
    prior_violation: str

    def found(self, k: int) -> int:
        return sum(1 for f in self.expected if f in self.top[:k])


def load_requests(path: Path = EXPERT) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["requests"]


def _environmental_family(fam: str) -> bool:
    return fam.startswith(("r", "EISR"))


def _breaks(req: dict, first: str) -> str:
    """Why ``first`` may not be the first suggestion for ``req`` ("" when it may)."""
    if first in req.get("not_top1", []):
        return f"{first} first"
    if req.get("environmental") and not _environmental_family(first):
        return f"{first} first (environmental)"
    return ""


def run_all(rt, path: Path = EXPERT) -> list[Outcome]:
    out = []
    sugg = rt.suggest
    for req in load_requests(path):
        kind, regime = req["type"], req.get("regime", "foia")
        got = sugg(req["request"], authority_type=kind, regime=regime, use_register=False)
        top = [family(e.key) for e in got.exemptions]
        share = sugg.learned.priors.share(kind)
        prior = sugg.numbered(sorted(share, key=lambda f: (-share[f], f)), regime)[:3]
        out.append(Outcome(req["id"], list(req.get("expect_top3") or []), top, [e.why for e in got.exemptions],
                           prior, _breaks(req, top[0]) if top else "no suggestion",
                           _breaks(req, prior[0]) if prior else "no prior"))
    return out


def figures(outcomes: list[Outcome]) -> dict[str, float]:
    n = sum(len(o.expected) for o in outcomes)
    return {
        "families": n,
        "top3": sum(o.found(3) for o in outcomes) / n,
        "top5": sum(o.found(5) for o in outcomes) / n,
        "violations": sum(1 for o in outcomes if o.violation),
        "prior_top3": sum(1 for o in outcomes for f in o.expected if f in o.prior_top3) / n,
        "prior_violations": sum(1 for o in outcomes if o.prior_violation),
    }


@pytest.fixture(scope="module")
def runtime(tmp_path_factory):
    rt = open_runtime(tmp_path_factory.mktemp("expert") / "s.sqlite")
    try:
        yield rt
    finally:
        rt.store.close()


@pytest.fixture(scope="module", params=sorted(SETS))
def expert_set(request, runtime):
    """(name, outcomes, recorded top-3 share, recorded violations) for each expert set."""
    path, top3, violations = SETS[request.param]
    return request.param, run_all(runtime, path), top3, violations


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_expert_set_is_broad(name):
    reqs = load_requests(SETS[name][0])
    assert len(reqs) >= 60 and len({r["id"] for r in reqs}) == len(reqs)
    kinds = {(r["type"], r.get("regime", "foia")) for r in reqs}
    for kind in ("police", "council", "central_government", "health", "education"):
        assert (kind, "foia") in kinds
    assert any(r.get("regime") == "foisa" for r in reqs) and any(r.get("environmental") for r in reqs)


def test_the_sets_share_no_request():
    sets = [load_requests(SETS[n][0]) for n in sorted(SETS)]
    for i, one in enumerate(sets):
        for other in sets[i + 1:]:
            assert not {r["id"] for r in one} & {r["id"] for r in other}
            assert not {r["request"].strip() for r in one} & {r["request"].strip() for r in other}


def test_every_request_gets_at_least_five_suggestions_each_with_a_reason(expert_set):
    name, outcomes, _, _ = expert_set
    for o in outcomes:
        assert len(o.top) >= 5, (name, o.id)
        assert all(w.strip() for w in o.why), (name, o.id)


def test_the_recorded_share_of_expected_families_is_in_the_top_three(expert_set):
    name, outcomes, recorded, _ = expert_set
    got = figures(outcomes)
    assert got["top3"] >= recorded - 1e-9, (name, got)
    assert got["top3"] > got["prior_top3"], (name, got)


def test_no_more_first_suggestions_break_not_top1_than_recorded(expert_set):
    name, outcomes, _, recorded = expert_set
    bad = [(o.id, o.violation) for o in outcomes if o.violation]
    assert len(bad) <= recorded, (name, bad)


if __name__ == "__main__":  # .venv/bin/python tests/test_suggest_expert.py [2|3|4|5|6] [-v]: the figures and each miss
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        rt = open_runtime(Path(d) / "s.sqlite")
        args = sys.argv[1:]
        chosen = next((n for n in ("6", "5", "4", "3", "2") if n in args), "1")
        paths = {"1": EXPERT, "2": EXPERT2, "3": EXPERT3, "4": EXPERT4, "5": EXPERT5, "6": EXPERT6}
        results = run_all(rt, paths[chosen])
        rt.store.close()
    verbose = "-v" in sys.argv
    for o in results:
        miss = [f for f in o.expected if f not in o.top[:3]]
        if miss or o.violation or verbose:
            print(f"{o.id}: expected {o.expected} got {o.top[:5]}"
                  f"{' MISS ' + str(miss) if miss else ''}{' VIOLATION ' + o.violation if o.violation else ''}")
            if verbose:
                for fam, why in list(zip(o.top, o.why, strict=False))[:3]:
                    print(f"    {fam}: {why[:300]}")
    print({k: round(v, 3) for k, v in figures(results).items()})
