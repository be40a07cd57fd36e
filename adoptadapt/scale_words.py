"""The words `generate_scale_data` builds its England-scale data from, as plain data.

Kept apart from the generator (`adoptadapt.scale_data`) as `demo_data` is kept apart
from `load_demo`. Local authority names are England's; their codes, numbers and
everything that happens at them are made up for the benchmark.
"""

# --- Local authorities: (name, region, GSS prefix) ---------------------------------

LOCAL_AUTHORITIES = [
    # London boroughs and the City
    *[
        (name, "london", "E09")
        for name in (
            "Barking and Dagenham",
            "Barnet",
            "Bexley",
            "Brent",
            "Bromley",
            "Camden",
            "City of London",
            "Croydon",
            "Ealing",
            "Enfield",
            "Greenwich",
            "Hackney",
            "Hammersmith and Fulham",
            "Haringey",
            "Harrow",
            "Havering",
            "Hillingdon",
            "Hounslow",
            "Islington",
            "Kensington and Chelsea",
            "Kingston upon Thames",
            "Lambeth",
            "Lewisham",
            "Merton",
            "Newham",
            "Redbridge",
            "Richmond upon Thames",
            "Southwark",
            "Sutton",
            "Tower Hamlets",
            "Waltham Forest",
            "Wandsworth",
            "Westminster",
        )
    ],
    # Metropolitan districts
    ("Barnsley", "yorkshire", "E08"),
    ("Birmingham", "west_midlands", "E08"),
    ("Bolton", "north_west", "E08"),
    ("Bradford", "yorkshire", "E08"),
    ("Bury", "north_west", "E08"),
    ("Calderdale", "yorkshire", "E08"),
    ("Coventry", "west_midlands", "E08"),
    ("Doncaster", "yorkshire", "E08"),
    ("Dudley", "west_midlands", "E08"),
    ("Gateshead", "north_east", "E08"),
    ("Kirklees", "yorkshire", "E08"),
    ("Knowsley", "north_west", "E08"),
    ("Leeds", "yorkshire", "E08"),
    ("Liverpool", "north_west", "E08"),
    ("Manchester", "north_west", "E08"),
    ("Newcastle upon Tyne", "north_east", "E08"),
    ("North Tyneside", "north_east", "E08"),
    ("Oldham", "north_west", "E08"),
    ("Rochdale", "north_west", "E08"),
    ("Rotherham", "yorkshire", "E08"),
    ("Salford", "north_west", "E08"),
    ("Sandwell", "west_midlands", "E08"),
    ("Sefton", "north_west", "E08"),
    ("Sheffield", "yorkshire", "E08"),
    ("Solihull", "west_midlands", "E08"),
    ("South Tyneside", "north_east", "E08"),
    ("St Helens", "north_west", "E08"),
    ("Stockport", "north_west", "E08"),
    ("Sunderland", "north_east", "E08"),
    ("Tameside", "north_west", "E08"),
    ("Trafford", "north_west", "E08"),
    ("Wakefield", "yorkshire", "E08"),
    ("Walsall", "west_midlands", "E08"),
    ("Wigan", "north_west", "E08"),
    ("Wirral", "north_west", "E08"),
    ("Wolverhampton", "west_midlands", "E08"),
    # County councils
    ("Cambridgeshire", "east", "E10"),
    ("Derbyshire", "east_midlands", "E10"),
    ("Devon", "south_west", "E10"),
    ("East Sussex", "south_east", "E10"),
    ("Essex", "east", "E10"),
    ("Gloucestershire", "south_west", "E10"),
    ("Hampshire", "south_east", "E10"),
    ("Hertfordshire", "east", "E10"),
    ("Kent", "south_east", "E10"),
    ("Lancashire", "north_west", "E10"),
    ("Leicestershire", "east_midlands", "E10"),
    ("Lincolnshire", "east_midlands", "E10"),
    ("Norfolk", "east", "E10"),
    ("Nottinghamshire", "east_midlands", "E10"),
    ("Oxfordshire", "south_east", "E10"),
    ("Staffordshire", "west_midlands", "E10"),
    ("Suffolk", "east", "E10"),
    ("Surrey", "south_east", "E10"),
    ("Warwickshire", "west_midlands", "E10"),
    ("West Sussex", "south_east", "E10"),
    ("Worcestershire", "west_midlands", "E10"),
    # Unitary authorities
    ("Bath and North East Somerset", "south_west", "E06"),
    ("Bedford", "east", "E06"),
    ("Blackburn with Darwen", "north_west", "E06"),
    ("Blackpool", "north_west", "E06"),
    ("Bournemouth, Christchurch and Poole", "south_west", "E06"),
    ("Bracknell Forest", "south_east", "E06"),
    ("Brighton and Hove", "south_east", "E06"),
    ("Bristol", "south_west", "E06"),
    ("Buckinghamshire", "south_east", "E06"),
    ("Central Bedfordshire", "east", "E06"),
    ("Cheshire East", "north_west", "E06"),
    ("Cheshire West and Chester", "north_west", "E06"),
    ("Cornwall", "south_west", "E06"),
    ("Cumberland", "north_west", "E06"),
    ("Darlington", "north_east", "E06"),
    ("Derby", "east_midlands", "E06"),
    ("Dorset", "south_west", "E06"),
    ("Durham", "north_east", "E06"),
    ("East Riding of Yorkshire", "yorkshire", "E06"),
    ("Halton", "north_west", "E06"),
    ("Hartlepool", "north_east", "E06"),
    ("Herefordshire", "west_midlands", "E06"),
    ("Isle of Wight", "south_east", "E06"),
    ("Isles of Scilly", "south_west", "E06"),
    ("Kingston upon Hull", "yorkshire", "E06"),
    ("Leicester", "east_midlands", "E06"),
    ("Luton", "east", "E06"),
    ("Medway", "south_east", "E06"),
    ("Middlesbrough", "north_east", "E06"),
    ("Milton Keynes", "south_east", "E06"),
    ("North East Lincolnshire", "yorkshire", "E06"),
    ("North Lincolnshire", "yorkshire", "E06"),
    ("North Northamptonshire", "east_midlands", "E06"),
    ("North Somerset", "south_west", "E06"),
    ("North Yorkshire", "yorkshire", "E06"),
    ("Northumberland", "north_east", "E06"),
    ("Nottingham", "east_midlands", "E06"),
    ("Peterborough", "east", "E06"),
    ("Plymouth", "south_west", "E06"),
    ("Portsmouth", "south_east", "E06"),
    ("Reading", "south_east", "E06"),
    ("Redcar and Cleveland", "north_east", "E06"),
    ("Rutland", "east_midlands", "E06"),
    ("Shropshire", "west_midlands", "E06"),
    ("Slough", "south_east", "E06"),
    ("Somerset", "south_west", "E06"),
    ("South Gloucestershire", "south_west", "E06"),
    ("Southampton", "south_east", "E06"),
    ("Southend-on-Sea", "east", "E06"),
    ("Stockton-on-Tees", "north_east", "E06"),
    ("Stoke-on-Trent", "west_midlands", "E06"),
    ("Swindon", "south_west", "E06"),
    ("Telford and Wrekin", "west_midlands", "E06"),
    ("Thurrock", "east", "E06"),
    ("Torbay", "south_west", "E06"),
    ("Warrington", "north_west", "E06"),
    ("West Berkshire", "south_east", "E06"),
    ("West Northamptonshire", "east_midlands", "E06"),
    ("Westmorland and Furness", "north_west", "E06"),
    ("Wiltshire", "south_west", "E06"),
    ("Windsor and Maidenhead", "south_east", "E06"),
    ("Wokingham", "south_east", "E06"),
    ("York", "yorkshire", "E06"),
]

# The council's name as people write it: "Leeds City Council", "Kent County Council".
COUNCIL_SUFFIX = {"E09": "Council", "E08": "Council", "E10": "County Council", "E06": "Council"}

# --- Other organisations: (pattern, kind) --------------------------------------------

OTHER_ORGANISATION_PATTERNS = [
    ("{place} Fostering Partnership", "fostering_provider"),
    ("{place} Family Placements", "fostering_provider"),
    ("{place} Foster Care Co-operative", "fostering_provider"),
    ("{place} Children's Trust", "voluntary"),
    ("{place} Family Action Network", "voluntary"),
    ("{place} Youth Foundation", "voluntary"),
    ("{place} Community Health NHS Trust", "health_trust"),
    ("{place} Children's Health Partnership NHS Trust", "health_trust"),
    ("{place} Practice Improvement Centre", "other"),
    ("{place} Implementation Support Unit", "other"),
]
OTHER_ORGANISATION_PLACES = [
    "Pennine",
    "Thames Valley",
    "Solent",
    "Mersey",
    "Humber",
    "Tees Valley",
    "Black Country",
    "Chiltern",
    "Wessex",
    "Peak District",
    "Fenland",
    "Cotswold",
    "Tyne and Wear",
    "Severn",
    "Weald",
    "Dales",
    "Trent",
    "Avon",
    "Marches",
    "Broads",
]

# --- The directory ---------------------------------------------------------------------

THEMES = [
    ("edge-of-care", "Edge of care"),
    ("fostering", "Fostering"),
    ("residential-care", "Residential care"),
    ("family-support", "Family support"),
    ("adolescents", "Adolescents"),
    ("care-leavers", "Care leavers"),
    ("kinship-care", "Kinship care"),
    ("practice-systems", "Practice systems"),
    ("restorative-practice", "Restorative practice"),
    ("mental-health", "Mental health"),
    ("domestic-abuse", "Domestic abuse"),
    ("workforce", "Workforce development"),
]

# Programmes named in the design brief, described here in the benchmark's own words.
KNOWN_INNOVATIONS = [
    "Reclaiming Social Work",
    "Mockingbird",
    "No Wrong Door",
    "Family Group Conferencing",
    "Restorative Practice",
    "Multisystemic Therapy",
    "KEEP Foster Carer Support",
    "AdOpt Parenting Programme",
    "RESuLT Residential Training",
    "MST Family Integrated Transitions",
    "TEND Carer Network",
]
INNOVATION_PREFIXES = [
    "Family",
    "Kinship",
    "Edge of Care",
    "Youth",
    "Restorative",
    "Strengths-based",
    "Trauma-informed",
    "Multi-agency",
    "Community",
    "Reunification",
    "Foster Carer",
    "Care Leaver",
    "Adolescent",
    "Early Help",
]
INNOVATION_CORES = [
    "Hub",
    "Partnership",
    "Practice Model",
    "Network",
    "Pathway",
    "Programme",
    "Support Service",
    "Mentoring",
    "Panels",
    "Conferencing",
    "Outreach",
    "Team",
]

APPROACHES = [
    "a whole-system practice model",
    "an intensive family support service",
    "a hub-and-spoke model of foster care",
    "a multi-disciplinary team for adolescents",
    "a structured decision-making meeting",
    "a relationship-based way of working with families",
    "a training and coaching programme",
    "a peer support network",
]
OUTCOMES = [
    "keeps children safely at home",
    "makes placements last",
    "helps young people leave care well",
    "reduces the number of children entering care",
    "brings families into the decisions that affect them",
    "gives foster carers the support of an extended family",
    "cuts the time social workers spend away from families",
    "helps children return home when it is safe",
]
GROUPS = [
    "children on the edge of care",
    "foster carers and the children they look after",
    "adolescents at risk of exploitation",
    "families where there is domestic abuse",
    "young people leaving care",
    "kinship carers",
    "children in residential homes",
    "families with several agencies involved",
]
HOW = [
    "Small units share the work and discuss every family together each week.",
    "A named worker stays with the young person across every service they use.",
    "Families draw up their own plan, with professionals there to check it is safe.",
    "Carers meet monthly and can call on each other at any hour.",
    "Practitioners are coached in their own cases, not just trained once.",
    "A clinician sits in the team and joins home visits.",
    "Decisions are made in a weekly panel that includes the young person.",
    "Work is recorded once and shared with partners, so families tell their story once.",
]
EVIDENCE = [
    "An independent evaluation found fewer children coming into care at the sites that kept "
    "the model's core features.",
    "Two evaluations found placements lasted longer and carers were more likely to stay.",
    "Early findings are promising but the evidence is not yet strong.",
    "A randomised trial found better outcomes for families than usual services.",
    "Sites report lower staff turnover and caseloads; an evaluation is under way.",
]
PROBLEMS = [
    "Children were moving between placements too often, and carers were leaving.",
    "Teenagers were coming into care in crisis, when earlier help could have kept them home.",
    "Social workers spent most of their time on paperwork rather than with families.",
    "Families felt decisions were made about them, not with them.",
    "Young people leaving care lost their support overnight.",
    "Services worked in parallel and families repeated their story to each of them.",
]
CULTURE = [
    "A learning culture where practitioners talk openly about what did not work.",
    "High support and high challenge: managers know every family on the team's list.",
    "Families are treated as experts in their own lives.",
]
VALUES = [
    "Relationships come first; processes serve them.",
    "Children are best brought up in their own families wherever it is safe.",
    "Everyone who works with a family owns the plan together.",
]
LEADERSHIP = [
    "Led from the director's office, with a senior sponsor on every board.",
    "Practice leaders hold the model; managers protect the time it needs.",
    "A small central team supports sites and keeps the must-haves visible.",
]
CONSTRAINTS = [
    "Tight budgets and a high number of agency social workers.",
    "A large rural area with long travel times.",
    "A recent inadequate inspection and pressure to improve quickly.",
]
ASSETS = [
    "Stable senior leadership and a committed practice lead.",
    "Strong relationships with health and education partners.",
    "An experienced group of foster carers willing to mentor others.",
]

CRITERIA = [
    ("Small practice units", "Work is held by units of four to six people, not by individuals."),
    ("Weekly systemic case discussion", "Every family is discussed by the unit each week."),
    ("Clinician in the team", "A qualified clinician works within the team."),
    ("Named key worker", "Each young person has one worker who stays with them."),
    ("Family-led plan", "The family draws up its own plan first."),
    ("Private family time", "The family has time alone to agree its plan."),
    ("Independent coordinator", "Meetings are arranged by someone outside the case."),
    ("Hub home carer", "An experienced carer supports a group of six to ten homes."),
    ("Monthly constellation meetings", "The carers in a group meet every month."),
    ("Respite within the group", "Short breaks are given by carers the child already knows."),
    ("Reflective supervision", "Supervision makes time to reflect, not only to check."),
    ("Restorative conversations", "Conflict is worked through with everyone affected."),
    ("Training before practice", "Staff complete the core training before delivering."),
    ("Ongoing coaching", "Practitioners are coached in live cases at least monthly."),
    ("Fidelity supervision", "A supervisor checks delivery against the model monthly."),
    ("Outcome monitoring", "Outcomes are recorded for every family, every quarter."),
    ("Young people on the panel", "Young people sit on the decision-making panel."),
    ("Multi-agency hub", "Health, police and education staff work from the same base."),
    ("Out-of-hours support", "Families and carers can reach the team at any hour."),
    ("Step-down plan", "Every case closes with a plan for the support that follows."),
    ("Caseload ceiling", "No practitioner holds more than the agreed number of cases."),
    ("Shared recording", "The unit records once, in a single shared case record."),
    ("Parent mentors", "Parents who used the service mentor those now using it."),
    ("Home visits within 24 hours", "A new family is seen at home within a day."),
    ("Programme manual followed", "Sessions follow the manual's order and content."),
    ("Local adaptation log", "Changes to the model are logged and reviewed."),
    ("Senior sponsor", "A director sponsors the work and chairs its board."),
    ("Whole-family assessment", "Assessment covers every adult and child in the home."),
]
HOW_EVIDENCED = [
    "Case file audit of a sample of ten families each quarter.",
    "Observation of a session by the originating team.",
    "Supervision records and the team's rota.",
    "Feedback from families and carers, collected after each review.",
    "Training records and coaching logs.",
]

# (name, unit, aggregation, higher is better)
METRICS = [
    ("Children and young people supported", "children", "cumulative", True),
    ("Families worked with", "families", "cumulative", True),
    ("Staff trained", "staff", "cumulative", True),
    ("Foster carers in the model", "carers", "point_in_time", True),
    ("Constellations running", "constellations", "point_in_time", True),
    ("Placements that lasted a year", "%", "point_in_time", True),
    ("Children entering care", "children", "cumulative", False),
    ("Children returned home safely", "children", "cumulative", True),
    ("Average caseload", "cases per worker", "point_in_time", False),
    ("Family group conferences held", "conferences", "cumulative", True),
    ("Young people in education, employment or training", "%", "point_in_time", True),
    ("Repeat referrals within a year", "%", "point_in_time", False),
    ("Staff vacancy rate", "%", "point_in_time", False),
    ("Parent mentors active", "mentors", "point_in_time", True),
]

EVIDENCE_SOURCES = [
    ("Evaluation of the first phase", "evaluation", "Department for Education"),
    (
        "Implementation and process evaluation",
        "evaluation",
        "What Works for Children's Social Care",
    ),
    ("Practice guide for adopting sites", "guidance", "The originating team"),
    ("Cost-benefit analysis", "research", "An independent research centre"),
]
RESOURCES = [
    ("Implementation toolkit", "toolkit", "Everything a new site needs for its first year."),
    ("Core practitioner training", "training", "Five days, delivered by the originating team."),
    ("Leaders' briefing pack", "materials", "Slides and notes for senior leaders and boards."),
    ("Fidelity self-assessment workbook", "toolkit", "The questions a site asks itself."),
]

# --- People --------------------------------------------------------------------------

# fmt: off
FIRST_NAMES = [
    "Aisha", "Amelia", "Andrew", "Asha", "Ben", "Bethan", "Callum", "Chloe", "Daniel",
    "Deborah", "Dev", "Eleanor", "Emeka", "Fatima", "Fiona", "Gareth", "Grace", "Hannah",
    "Harpreet", "Isaac", "Jade", "James", "Joanne", "Kamal", "Karen", "Leah", "Liam",
    "Lucy", "Marcus", "Maria", "Mohammed", "Naomi", "Niamh", "Oliver", "Olu", "Priya",
    "Rachel", "Rhys", "Rosa", "Samir", "Sarah", "Sean", "Sophie", "Tariq", "Tom",
    "Usha", "Victoria", "Wei", "Yasmin", "Zoe",
]
LAST_NAMES = [
    "Adams", "Ahmed", "Ali", "Bailey", "Begum", "Brown", "Campbell", "Chen", "Clarke",
    "Davies", "Edwards", "Evans", "Green", "Hall", "Harris", "Hughes", "Hussain", "Jackson",
    "James", "Johnson", "Jones", "Khan", "Kaur", "Lewis", "Martin", "Mensah", "Morgan",
    "Murphy", "Nowak", "Okafor", "O'Brien", "Patel", "Phillips", "Price", "Roberts",
    "Robinson", "Shah", "Singh", "Smith", "Taylor", "Thomas", "Thompson", "Turner",
    "Walker", "Ward", "Watson", "White", "Williams", "Wilson", "Wright",
]
# fmt: on
LEAD_TITLES = [
    "Head of Service, Children in Care",
    "Service Manager, Edge of Care",
    "Practice Lead",
    "Programme Manager",
    "Team Manager",
]
CONTRIBUTOR_TITLES = ["Senior Practitioner", "Social Worker", "Data Analyst", "Project Officer"]
PARTNER_TITLES = ["Implementation Consultant", "Practice Development Lead", "Programme Director"]
BOARD_TITLES = [
    "Director of Children's Services",
    "Assistant Director, Safeguarding",
    "Head of Commissioning",
    "Designated Nurse, Safeguarding",
    "Principal Social Worker",
    "Lead Member for Children",
]

# --- Boards ---------------------------------------------------------------------------

LARGEST_BOARD = "National Children's Social Care Implementation Board"
BOARD_REGIONS = [
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
]
BOARD_TOPICS = [
    "Fostering Programme Board",
    "Edge of Care Partnership Board",
    "Family Help Board",
    "Practice Systems Board",
    "Care Leavers Board",
    "Kinship Care Board",
    "Adolescent Services Board",
]

# --- The adoption journey --------------------------------------------------------------

CONTEXT_FACTORS = {
    "innovation": ["Strength of the evidence", "How complex the model is", "Cost of the model"],
    "outer_setting": ["Local funding", "Inspection pressure", "Partner agencies' priorities"],
    "inner_setting": [
        "Leadership commitment",
        "Staff turnover",
        "Caseloads",
        "Culture of learning",
    ],
    "individuals": ["Practitioners' confidence", "Carers' willingness", "Managers' time"],
    "process": ["Implementation planning", "Data and recording", "Feedback loops"],
}
CONTEXT_TEXT = [
    "Strong and stable, with named people responsible.",
    "Patchy: good in some teams, weak in others.",
    "Under pressure after recent changes in leadership.",
    "Recently improved, but not yet tested at scale.",
]
MITIGATIONS = [
    "Secondment from the originating site for the first six months.",
    "Monthly check-in with the board sponsor until the gap closes.",
    "Joint training with partner agencies.",
    "",
]
READINESS = {
    "workforce": "Recruit and train the first practitioners",
    "permissions": "Agree the model with the lead member and finance",
    "partner_agencies": "Bring health and police partners into the design",
    "culture": "Hold listening sessions with staff and families",
}
MILESTONES = {
    "exploration": ["Visit the originating site", "Business case agreed"],
    "preparation": ["First cohort trained", "Board set up and first meeting held"],
    "implementation": ["First families supported", "First fidelity self-assessment"],
    "sustainment": ["Model written into the service plan", "Peer review by another site"],
}

# --- Monthly updates ------------------------------------------------------------------

SUMMARY_BY_RAG = {
    "green": [
        "Delivery is on track and the team is at full strength.",
        "A steady month: every planned session ran and feedback was good.",
        "Good progress against the plan; no new risks.",
    ],
    "amber_green": [
        "Mostly on track, with one gap being closed.",
        "Good progress, although recruitment is slower than planned.",
        "On track overall; a partner's delay is being managed.",
    ],
    "amber": [
        "Some slippage against the plan; recovery actions are in place.",
        "Delivery continues but staffing gaps are slowing it down.",
        "Mixed month: referrals are up but capacity is not.",
    ],
    "amber_red": [
        "Significant slippage; the board's help is needed on staffing.",
        "Delivery is at risk while two key posts are vacant.",
    ],
    "red": [
        "Delivery has stalled; the recovery plan goes to the board this month.",
        "Serious risk to the programme: funding for next year is not yet agreed.",
    ],
}
RAG_EXPLANATIONS = [
    "Two of the three practitioners left in the same month and agency cover is not trained.",
    "The partner agency withdrew its clinician at short notice.",
    "Funding for the second year has not been confirmed and recruitment is frozen.",
    "A serious case review has taken managers away from the programme.",
]
ACHIEVEMENTS = [
    "Second cohort of practitioners completed the core training.",
    "First family group conference held by the new coordinators.",
    "A new hub home carer started and the constellation is full.",
    "Case discussion now runs weekly in every unit.",
    "Young people's panel met for the first time and chose its chair.",
    "Health partners joined the weekly hub meeting.",
    "Feedback from families was the best since the start.",
    "Caseloads came down to the agreed ceiling in every team.",
    "The originating team's visit found practice close to the model.",
    "A parent mentor was recruited from the first cohort of families.",
]
BARRIERS = [
    "Vacancies in two units are covered by agency staff.",
    "The case recording system cannot yet hold the shared record.",
    "Referrals from schools are lower than expected.",
    "Carers report that respite is hard to arrange at weekends.",
    "The clinician post is still not filled.",
    "Partner agencies have not yet agreed information sharing.",
]
LESSONS = [
    "Protecting time for case discussion matters more than adding sessions.",
    "Bringing carers into planning early made them the model's best advocates.",
    "Agency staff need a short induction into the model before they start.",
    "Families engage better when the first visit is at home, not in the office.",
    "Sharing data monthly with the board kept the sponsors engaged.",
    "The originating site's secondee saved months of trial and error.",
    "Training managers first made coaching in teams much easier.",
    "Small adaptations for rural travel did not weaken the must-haves.",
]
NEXT_STEPS = [
    "Recruit to the remaining vacancy.",
    "Run the next fidelity self-assessment.",
    "Agree information sharing with health partners.",
    "Plan the third training cohort.",
    "Present the quarter's figures to the board.",
    "Visit the originating site with two new managers.",
]
LESSON_TAGS = [
    "Workforce",
    "Leadership",
    "Partnership working",
    "Families' voice",
    "Data and recording",
    "Training and coaching",
    "Funding",
    "Rural delivery",
]
REVIEW_NOTES = [
    "Please add the figures for children supported and explain the drop in referrals.",
    "The RAG status needs an explanation of the staffing risk.",
]
SCORE_NOTES = {
    "met": "In place and consistent across the sample.",
    "partly_met": "In place in some teams or for part of the period.",
    "not_met": "Not in place at the time of the assessment.",
}
ASSESSMENT_SUMMARIES = {
    "low": "Several must-haves are not in place; a plan to close the gaps goes to the board.",
    "moderate": "Most must-haves are in place; the gaps are known and being worked on.",
    "high": "The must-haves are in place and practice is consistent with the model.",
}

# --- Adaptations and the board ----------------------------------------------------------

ADAPTATIONS = [
    ("Sessions delivered online", "Some sessions moved online for families far from the office."),
    ("Fortnightly case discussion", "Case discussion moved from weekly to fortnightly."),
    ("Shorter training", "Core training shortened from five days to three."),
    ("Unit of three", "Units formed with three practitioners, not four to six."),
    ("Clinician shared with health", "The clinician post is shared with the health trust."),
    ("Materials translated", "Family materials translated into the five main local languages."),
    ("Evening sessions", "Sessions offered in the evening for working parents."),
    ("Extended to 18 to 25", "The service now includes care leavers up to 25."),
    ("Carer group by area", "Constellations organised by area rather than by age of child."),
    ("Local outcome measure", "A local wellbeing measure added to the outcome set."),
    ("Panel without police", "The panel meets without police when no offending is involved."),
    ("Coordinator from the team", "The meeting is coordinated by a team member, not externally."),
]
ADAPTATION_REASONS = [
    "Travel times across a rural county made weekly meetings impossible.",
    "Recruitment of qualified clinicians has failed three times.",
    "Families asked for it in the listening sessions.",
    "The budget for the second year was cut by a fifth.",
]
DECISION_RATIONALES = {
    "approved": "The change keeps the purpose of the must-have; the board will review it in "
    "six months.",
    "rejected": "The change removes what makes the model work; the board asks the team to find "
    "another way.",
    "noted": "The board noted the update and asked for a report at the next meeting.",
}
NOTED_TITLES = [
    "Quarterly fidelity report",
    "Recruitment plan",
    "Budget for next year",
    "Evaluation timetable",
    "Risk register review",
]
MEETING_NOTES = [
    "The board reviewed the month's dashboard, the adaptations waiting for a decision and "
    "the open actions.",
    "Focus on workforce: vacancies, agency cover and the next training cohort.",
    "Deep dive into fidelity: which must-haves hold everywhere and which drift.",
]
ACTIONS = [
    "Write to partner agencies about information sharing.",
    "Bring a recovery plan for the sites at red.",
    "Confirm funding for the next training cohort.",
    "Arrange a peer review between two sites.",
    "Report on the effect of the online sessions.",
    "Update the risk register with the staffing risk.",
    "Share the evaluation's interim findings with every site.",
]
PROGRESS_NOTES = ["Drafted; waiting for comments.", "Meeting booked for next week.", ""]
