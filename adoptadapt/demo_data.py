"""The demo content that `manage.py load_demo` writes, as plain data.

Kept apart from the command so the words can be edited without touching the code
that loads them. Dates are not fixed: `m` values count whole months back from the
current month (1 = last month, -1 = next month) and `day` picks the day within it,
so the demo always looks current. Keys (`key`) only link entries in this file; the
database looks things up by their natural keys (slug, email, name).

The programmes are real; the people, the adoptions' month-by-month story and the
numbers are illustrative.
"""

# --- Organisations -----------------------------------------------------------------

SITES = [
    # Local authorities, with their ONS GSS code and DfE local authority number.
    {
        "slug": "hackney",
        "name": "Hackney Council",
        "kind": "local_authority",
        "region": "london",
        "gss_code": "E09000012",
        "dfe_la_number": 204,
        "website": "https://hackney.gov.uk",
    },
    {
        "slug": "derbyshire",
        "name": "Derbyshire County Council",
        "kind": "local_authority",
        "region": "east_midlands",
        "gss_code": "E10000007",
        "dfe_la_number": 830,
        "website": "https://www.derbyshire.gov.uk",
    },
    {
        "slug": "harrow",
        "name": "Harrow Council",
        "kind": "local_authority",
        "region": "london",
        "gss_code": "E09000015",
        "dfe_la_number": 310,
        "website": "https://www.harrow.gov.uk",
    },
    {
        "slug": "hull",
        "name": "Hull City Council",
        "kind": "local_authority",
        "region": "yorkshire",
        "gss_code": "E06000010",
        "dfe_la_number": 810,
        "website": "https://www.hull.gov.uk",
    },
    {
        "slug": "southwark",
        "name": "Southwark Council",
        "kind": "local_authority",
        "region": "london",
        "gss_code": "E09000028",
        "dfe_la_number": 210,
        "website": "https://www.southwark.gov.uk",
    },
    {
        "slug": "buckinghamshire",
        "name": "Buckinghamshire Council",
        "kind": "local_authority",
        "region": "south_east",
        "gss_code": "E06000060",
        "dfe_la_number": 825,
        "website": "https://www.buckinghamshire.gov.uk",
    },
    {
        "slug": "north-yorkshire",
        "name": "North Yorkshire Council",
        "kind": "local_authority",
        "region": "yorkshire",
        "gss_code": "E06000065",
        "dfe_la_number": 815,
        "website": "https://www.northyorks.gov.uk",
    },
    {
        "slug": "bradford",
        "name": "Bradford Council",
        "kind": "local_authority",
        "region": "yorkshire",
        "gss_code": "E08000032",
        "dfe_la_number": 380,
        "website": "https://www.bradford.gov.uk",
    },
    {
        "slug": "leeds",
        "name": "Leeds City Council",
        "kind": "local_authority",
        "region": "yorkshire",
        "gss_code": "E08000035",
        "dfe_la_number": 383,
        "website": "https://www.leeds.gov.uk",
    },
    {
        "slug": "west-berkshire",
        "name": "West Berkshire Council",
        "kind": "local_authority",
        "region": "south_east",
        "gss_code": "E06000037",
        "dfe_la_number": 869,
        "website": "https://www.westberks.gov.uk",
    },
    {
        "slug": "wiltshire",
        "name": "Wiltshire Council",
        "kind": "local_authority",
        "region": "south_west",
        "gss_code": "E06000054",
        "dfe_la_number": 865,
        "website": "https://www.wiltshire.gov.uk",
    },
    # Support organisations, providers and originators.
    {
        "slug": "morning-lane-associates",
        "name": "Morning Lane Associates",
        "kind": "other",
        "region": "london",
    },
    {
        "slug": "the-fostering-network",
        "name": "The Fostering Network",
        "kind": "voluntary",
        "region": "london",
        "website": "https://www.thefosteringnetwork.org.uk",
    },
    {
        "slug": "daybreak",
        "name": "Daybreak Family Group Conferences",
        "kind": "voluntary",
        "region": "south_east",
    },
    {
        "slug": "national-implementation-service",
        "name": "National Implementation Service",
        "kind": "other",
        "region": "london",
    },
    {
        "slug": "south-london-and-maudsley",
        "name": "South London and Maudsley NHS Foundation Trust",
        "kind": "health_trust",
        "region": "london",
        "website": "https://slam.nhs.uk",
    },
    {
        "slug": "the-mockingbird-society",
        "name": "The Mockingbird Society",
        "kind": "voluntary",
        "region": "outside_uk",
        "website": "https://mockingbirdsociety.org",
    },
    {
        "slug": "new-zealand-restorative-founders",
        "name": "New Zealand restorative practice founders",
        "kind": "other",
        "region": "outside_uk",
    },
    # Independent fostering providers (illustrative names).
    {
        "slug": "hearthside-fostering",
        "name": "Hearthside Fostering",
        "kind": "fostering_provider",
        "region": "yorkshire",
    },
    {
        "slug": "brightwater-foster-care",
        "name": "Brightwater Foster Care",
        "kind": "fostering_provider",
        "region": "east_midlands",
    },
    # Where the directory admin works.
    {
        "slug": "adopt-and-adapt-directory",
        "name": "Adopt & Adapt directory team",
        "kind": "other",
        "region": "london",
    },
]

THEMES = [
    ("systemic-practice", "Systemic practice"),
    ("social-work-workforce", "Social work workforce"),
    ("fostering", "Fostering"),
    ("placement-stability", "Placement stability"),
    ("adolescents", "Adolescents"),
    ("edge-of-care", "Edge of care"),
    ("residential-care", "Residential care"),
    ("restorative-practice", "Restorative practice"),
    ("family-led-decision-making", "Family-led decision making"),
    ("evidence-based-programmes", "Evidence-based programmes"),
    ("adoption-support", "Adoption support"),
]

# --- The directory -----------------------------------------------------------------
#
# Each innovation: fields of Innovation, then themes and support organisations (slugs),
# criteria, metrics, evidence sources and resources. `status` is where it ends up.

INNOVATIONS = [
    {
        "slug": "reclaiming-social-work",
        "name": "Reclaiming Social Work",
        "status": "published",
        "originating_site": "hackney",
        "summary": (
            "A redesign of children's social work around small units that share "
            "responsibility for a group of families. A consultant social worker leads each "
            "unit, which also includes social workers, a family clinician and a unit "
            "coordinator. The unit meets every week to think systemically about each family "
            "and agree together what happens next."
        ),
        "problem_addressed": (
            "Social workers who carry cases alone, spend most of their week on process and "
            "leave after a year or two; families who meet a new worker every few months; "
            "decisions shaped by fear of blame more than by skilled direct work."
        ),
        "original_constraints": (
            "An inner-London borough with high deprivation, a large child protection "
            "caseload, heavy use of agency staff and a service that needed to improve fast."
        ),
        "original_assets": (
            "A director and senior team prepared to redesign the whole service at once, "
            "money to put a clinician in every unit, and a local tradition of systemic "
            "family therapy training."
        ),
        "culture": (
            "Risk is held together: the unit meeting is where decisions are made, so no "
            "practitioner is left alone with a frightening case. Curiosity about how a family "
            "explains its own difficulties matters more than completing the form."
        ),
        "values": (
            "Relationship-based, systemic practice; families treated as experts on their "
            "own lives; high expectations of practitioners matched by high support."
        ),
        "leadership": (
            "Leaders who know practice, protect unit time and defend the core features when "
            "budgets tighten. Consultant social workers lead practice instead of managing "
            "caseloads from a distance."
        ),
        "themes": ["systemic-practice", "social-work-workforce"],
        "evidence_level": "not_rated",
        "evidence_summary": (
            "Studied in Hackney and then, through the Department for Education's innovation "
            "programme, across five further authorities. Practice quality was strongest "
            "where the units were set up in full; results varied from authority to authority."
        ),
        "cost_rating": 4,
        "accreditation": (
            "No licence. Adopting authorities work with Morning Lane Associates, set up by "
            "people who built the model, and agree with a shared governance board which "
            "features every authority keeps unchanged ('narrowing the tramlines')."
        ),
        "support_organisations": ["morning-lane-associates"],
        "criteria": [
            {
                "key": "consultant",
                "name": "Units led by a consultant social worker",
                "kind": "must_have",
                "dimension": "adherence",
                "description": (
                    "Every unit is led by an experienced, qualified consultant social worker "
                    "who holds case responsibility and leads the unit's practice."
                ),
                "how_evidenced": "Staffing structure, unit case lists, consultant interviews.",
            },
            {
                "key": "clinician",
                "name": "A family clinician in every unit",
                "kind": "must_have",
                "dimension": "adherence",
                "description": (
                    "A qualified systemic clinician works inside the unit rather than in a "
                    "separate team that families are referred to."
                ),
                "how_evidenced": "Staffing records; clinician attendance at unit meetings.",
            },
            {
                "key": "weekly",
                "name": "Weekly systemic unit meeting",
                "kind": "must_have",
                "dimension": "dose",
                "description": (
                    "The whole unit meets every week and discusses each family using "
                    "systemic hypotheses before deciding on next steps."
                ),
                "how_evidenced": "Meeting records; observation of a sample of meetings.",
            },
            {
                "key": "shared",
                "name": "Shared responsibility for families",
                "kind": "must_have",
                "dimension": "quality",
                "description": (
                    "Families know more than one person in the unit, and the unit covers "
                    "for absent colleagues instead of passing families to a duty team."
                ),
                "how_evidenced": "Case file audit and feedback from families.",
            },
            {
                "key": "coordinator",
                "name": "Unit coordinator role",
                "kind": "adaptable",
                "dimension": "quality",
                "description": (
                    "Dedicated administrative support frees practitioners for direct work. "
                    "How it is provided can fit local business support arrangements."
                ),
                "how_evidenced": "Staffing structure; practitioners' time-use survey.",
            },
            {
                "key": "training",
                "name": "Systemic training pathway",
                "kind": "adaptable",
                "dimension": "quality",
                "description": (
                    "Everyone in a unit is trained in systemic practice; the provider, pace "
                    "and format can follow local arrangements."
                ),
                "how_evidenced": "Training records by unit.",
            },
        ],
        "metrics": [
            {
                "key": "trained",
                "name": "Practitioners completing systemic training",
                "unit": "practitioners",
                "higher_is_better": True,
                "aggregation": "cumulative",
                "description": "New completions in the month.",
            },
            {
                "key": "units",
                "name": "Units in operation",
                "unit": "units",
                "higher_is_better": True,
                "aggregation": "point_in_time",
            },
            {
                "key": "agency",
                "name": "Agency social workers",
                "unit": "%",
                "higher_is_better": False,
                "aggregation": "point_in_time",
                "description": "Share of social work posts filled by agency staff.",
            },
            {
                "key": "rereferrals",
                "name": "Re-referrals within twelve months",
                "unit": "%",
                "higher_is_better": False,
                "aggregation": "point_in_time",
            },
        ],
        "evidence_sources": [
            {
                "title": (
                    "Reclaiming Social Work? An evaluation of systemic units as an approach "
                    "to delivering children's services"
                ),
                "kind": "evaluation",
                "publisher": "University of Bedfordshire",
                "year": 2013,
            },
            {
                "title": "Scaling and deepening the Reclaiming Social Work model",
                "kind": "evaluation",
                "publisher": "Department for Education",
                "year": 2017,
            },
        ],
        "resources": [
            {
                "title": "Setting up a systemic unit",
                "kind": "toolkit",
                "description": (
                    "Roles, a sample weekly rhythm, a unit meeting agenda and a checklist "
                    "for the first three months."
                ),
            },
            {
                "title": "Systemic practice foundation course",
                "kind": "training",
                "description": "Ten days over six months for everyone joining a unit.",
            },
        ],
    },
    {
        "slug": "mockingbird",
        "name": "Mockingbird",
        "status": "published",
        "originating_site": "the-mockingbird-society",
        "summary": (
            "Foster care organised like an extended family. An experienced hub home carer, "
            "backed by a liaison worker, supports six to ten fostering and kinship households "
            "living nearby (a 'constellation') with sleepovers, advice, training and shared "
            "social activities, so carers and children have people to turn to before "
            "problems become crises."
        ),
        "problem_addressed": (
            "Foster carers who feel alone, placements that break down under strain, children "
            "who lose relationships every time they move, and carers who give up fostering."
        ),
        "original_constraints": (
            "Developed in the United States within a child welfare system with frequent "
            "placement moves and little respite for carers."
        ),
        "original_assets": (
            "A charity rooted in the voices of young people in and leaving care, and a "
            "clearly written model with a manual and training."
        ),
        "culture": (
            "Fostering as a community rather than a set of separate placements: carers look "
            "out for each other's children the way relatives would."
        ),
        "values": (
            "Children keep the people who matter to them; carers are partners who need care "
            "themselves; help arrives early, not after a crisis."
        ),
        "leadership": (
            "A fostering service manager who champions the model, protects the hub carer "
            "role and liaison time, and lets each constellation shape its own activities."
        ),
        "themes": ["fostering", "placement-stability"],
        "evidence_level": "2",
        "evidence_summary": (
            "Evaluations of the UK programme reported more stable placements and better "
            "carer retention in constellations, and positive accounts from children and "
            "carers, though the designs could not prove cause and effect. In its first phase "
            "the programme ran 18 constellations with 252 carers and 189 children and young "
            "people."
        ),
        "cost_rating": 3,
        "accreditation": (
            "The Fostering Network is the licensed UK provider. Fostering services sign a "
            "licence agreement, train hub carers and liaison workers through the Network, "
            "and are accredited after a fidelity review of their constellations."
        ),
        "support_organisations": ["the-fostering-network"],
        "criteria": [
            {
                "key": "hub",
                "name": "Hub home carer",
                "kind": "must_have",
                "dimension": "adherence",
                "description": (
                    "An experienced carer whose role is to support the constellation, with "
                    "beds kept free for sleepovers rather than for long-term placements."
                ),
                "how_evidenced": "Hub carer agreement; bed availability records.",
            },
            {
                "key": "size",
                "name": "Constellation of six to ten homes",
                "kind": "must_have",
                "dimension": "adherence",
                "description": (
                    "Satellite fostering and kinship households close enough to meet and "
                    "visit one another."
                ),
                "how_evidenced": "Constellation register, with households mapped by area.",
            },
            {
                "key": "sleepovers",
                "name": "Planned and emergency sleepovers",
                "kind": "must_have",
                "dimension": "dose",
                "description": (
                    "Children stay with the hub home for short breaks, planned or at short "
                    "notice, instead of with strangers."
                ),
                "how_evidenced": "Sleepover log kept by the hub carer.",
            },
            {
                "key": "meetings",
                "name": "Monthly constellation meetings and activities",
                "kind": "must_have",
                "dimension": "dose",
                "description": "Carers meet monthly and the constellation gets together socially.",
                "how_evidenced": "Meeting notes and activity calendar.",
            },
            {
                "key": "liaison",
                "name": "Liaison worker arrangements",
                "kind": "adaptable",
                "dimension": "quality",
                "description": (
                    "A named worker links the constellation to the fostering service; hours "
                    "and caseload can be set locally."
                ),
                "how_evidenced": "Liaison worker job description and supervision notes.",
            },
            {
                "key": "peer",
                "name": "Peer support for carers' own children",
                "kind": "adaptable",
                "dimension": "responsiveness",
                "description": "Activities for the sons and daughters of carers, shaped by them.",
                "how_evidenced": "Activity records; feedback from carers' children.",
            },
        ],
        "metrics": [
            {
                "key": "constellations",
                "name": "Active constellations",
                "unit": "constellations",
                "higher_is_better": True,
                "aggregation": "point_in_time",
            },
            {
                "key": "carers",
                "name": "Foster carers in constellations",
                "unit": "carers",
                "higher_is_better": True,
                "aggregation": "point_in_time",
            },
            {
                "key": "children",
                "name": "Children and young people newly supported",
                "unit": "children and young people",
                "higher_is_better": True,
                "aggregation": "cumulative",
            },
            {
                "key": "nights",
                "name": "Sleepover nights at hub homes",
                "unit": "nights",
                "higher_is_better": True,
                "aggregation": "cumulative",
            },
        ],
        "evidence_sources": [
            {
                "title": "The Mockingbird Family Model: evaluation report",
                "kind": "evaluation",
                "publisher": "Department for Education",
                "year": 2016,
            },
            {
                "title": "Mockingbird programme: independent evaluation",
                "kind": "evaluation",
                "publisher": "Department for Education",
                "year": 2020,
            },
        ],
        "resources": [
            {
                "title": "Licensing and accreditation guide",
                "kind": "materials",
                "description": "What a fostering service signs up to and how accreditation works.",
            },
            {
                "title": "Hub carer and liaison worker training",
                "kind": "training",
                "description": "Initial training and ongoing practice network for both roles.",
            },
        ],
    },
    {
        "slug": "no-wrong-door",
        "name": "No Wrong Door",
        "status": "published",
        "originating_site": "north-yorkshire",
        "summary": (
            "An integrated service for teenagers in care or on the edge of it. Children's "
            "homes become hubs whose staff also support young people living at home, with "
            "foster carers or in supported lodgings. Each young person keeps one key worker "
            "whichever part of the service they use, and a psychologist, a speech and "
            "language therapist and a police liaison officer work inside the hub team."
        ),
        "problem_addressed": (
            "Adolescents bounced between placements and teams at moments of crisis, going "
            "missing, and entering care or custody when the right help at home could have "
            "kept them safe."
        ),
        "original_constraints": (
            "A large rural county with long journeys, few local placements and children's "
            "homes that were costly and used only as a last resort."
        ),
        "original_assets": (
            "Children's homes that could be remodelled, a stable leadership team, and police "
            "and health partners ready to place staff in the hubs."
        ),
        "culture": (
            "Whichever door a young person comes through, the service works with them instead "
            "of referring them on, and holds on to them through difficult times."
        ),
        "values": (
            "Consistent relationships, persistence, and treating behaviour as communication."
        ),
        "leadership": (
            "Senior leaders accountable for the whole adolescent pathway and willing to pool "
            "residential, edge-of-care and youth budgets."
        ),
        "themes": ["adolescents", "edge-of-care", "residential-care"],
        "evidence_level": "2",
        "evidence_summary": (
            "An independent evaluation for the Department for Education found fewer missing "
            "episodes and police call-outs, and fewer adolescents entering care, among young "
            "people supported by the hubs."
        ),
        "cost_rating": 4,
        "accreditation": (
            "No licence. The originating council runs an implementation programme for other "
            "authorities and offers coaching from its hub teams."
        ),
        "support_organisations": ["north-yorkshire"],
        "criteria": [
            {
                "key": "hub",
                "name": "Hub combining residential care and outreach",
                "kind": "must_have",
                "dimension": "adherence",
                "description": (
                    "One team runs the children's home and the outreach work, so a young "
                    "person can move between them without changing workers."
                ),
                "how_evidenced": "Hub staffing structure and rota.",
            },
            {
                "key": "keyworker",
                "name": "One consistent key worker",
                "kind": "must_have",
                "dimension": "adherence",
                "description": "The same trusted adult stays with the young person throughout.",
                "how_evidenced": "Key worker allocation history for a sample of young people.",
            },
            {
                "key": "clinical",
                "name": "Psychologist and communication support in the hub",
                "kind": "must_have",
                "dimension": "quality",
                "description": (
                    "A clinical psychologist and a speech and language therapist are part of "
                    "the hub team, not a referral away."
                ),
                "how_evidenced": "Staffing records; consultation logs.",
            },
            {
                "key": "police",
                "name": "Police liaison officer in the hub",
                "kind": "must_have",
                "dimension": "adherence",
                "description": "A named officer works with the hub to prevent criminalisation.",
                "how_evidenced": "Agreement with the police force; officer's diary.",
            },
            {
                "key": "beds",
                "name": "Number and mix of hub beds",
                "kind": "adaptable",
                "dimension": "differentiation",
                "description": "Emergency, short-stay and longer beds sized to local need.",
                "how_evidenced": "Hub statement of purpose.",
            },
            {
                "key": "oncall",
                "name": "Outreach hours and on-call arrangements",
                "kind": "adaptable",
                "dimension": "dose",
                "description": "How the hub is reachable out of hours can fit local services.",
                "how_evidenced": "On-call rota; out-of-hours contact log.",
            },
        ],
        "metrics": [
            {
                "key": "supported",
                "name": "Young people supported by the hub",
                "unit": "young people",
                "higher_is_better": True,
                "aggregation": "cumulative",
                "description": "Young people starting with the hub in the month.",
            },
            {
                "key": "missing",
                "name": "Missing episodes in the month",
                "unit": "episodes",
                "higher_is_better": False,
                "aggregation": "point_in_time",
            },
            {
                "key": "lac",
                "name": "Adolescents looked after",
                "unit": "young people",
                "higher_is_better": False,
                "aggregation": "point_in_time",
            },
            {
                "key": "eet",
                "name": "In education, employment or training",
                "unit": "%",
                "higher_is_better": True,
                "aggregation": "point_in_time",
            },
        ],
        "evidence_sources": [
            {
                "title": "Evaluation of the No Wrong Door innovation programme",
                "kind": "evaluation",
                "publisher": "Department for Education",
                "year": 2017,
            },
        ],
        "resources": [
            {
                "title": "Designing a hub",
                "kind": "toolkit",
                "description": "Staffing, building and partnership choices, with costings.",
            },
            {
                "title": "Key worker induction",
                "kind": "training",
                "description": "Five days on the model, trauma-informed care and de-escalation.",
            },
        ],
    },
    {
        "slug": "restorative-practice",
        "name": "Restorative practice (Leeds approach)",
        "status": "published",
        "originating_site": "leeds",
        "summary": (
            "A whole-area approach in which everyone who works with children and families "
            "works with people rather than doing things to them or for them. Practitioners "
            "pair high support with high challenge, use restorative conversations and "
            "circles, and families are offered a family group conference before the "
            "authority makes big decisions about their children."
        ),
        "problem_addressed": (
            "Families who feel that services decide for them, rising numbers of children in "
            "care, and agencies working separately with the same family."
        ),
        "original_constraints": (
            "A large city with a growing care population and a service under pressure to "
            "improve after a critical inspection."
        ),
        "original_assets": (
            "Cross-party commitment to becoming a child-friendly city, schools, health and "
            "police willing to train together, and an established family group conference "
            "service."
        ),
        "culture": "Working with families, not to them, in a language shared across agencies.",
        "values": "Fairness, respect, and a family's right to make plans for its own children.",
        "leadership": (
            "Leaders who run the organisation restoratively themselves, in meetings, "
            "supervision and disputes, not only in frontline practice."
        ),
        "themes": ["restorative-practice", "family-led-decision-making"],
        "evidence_level": "not_rated",
        "evidence_summary": (
            "Evaluated as part of the Department for Education's innovation programme; the "
            "city saw fewer children entering care and more use of family-led plans while "
            "the approach was in place."
        ),
        "cost_rating": 3,
        "accreditation": (
            "No licence. Trainers are accredited by the originating partners, and the New "
            "Zealand founders of family group conferencing contribute to practice "
            "development."
        ),
        "support_organisations": ["leeds", "new-zealand-restorative-founders"],
        "criteria": [
            {
                "key": "with",
                "name": "Working with families: high support, high challenge",
                "kind": "must_have",
                "dimension": "quality",
                "description": (
                    "Practitioners are clear about concerns and just as clear about the help "
                    "they will give, and plans are made with the family."
                ),
                "how_evidenced": "Observed practice; case file audit of plans.",
            },
            {
                "key": "fgc",
                "name": "Family group conference before proceedings",
                "kind": "must_have",
                "dimension": "adherence",
                "description": "Every family is offered a conference before care proceedings.",
                "how_evidenced": "Pre-proceedings tracker.",
            },
            {
                "key": "training",
                "name": "Restorative training for all staff",
                "kind": "must_have",
                "dimension": "dose",
                "description": "Everyone working with children, in every agency, is trained.",
                "how_evidenced": "Training records across agencies.",
            },
            {
                "key": "circles",
                "name": "Restorative circles in schools and homes",
                "kind": "adaptable",
                "dimension": "differentiation",
                "description": "Circles used in schools and children's homes, in local forms.",
                "how_evidenced": "School and home returns.",
            },
            {
                "key": "tools",
                "name": "Local practice tools and language",
                "kind": "adaptable",
                "dimension": "quality",
                "description": "Scripts, prompts and templates written for the local workforce.",
                "how_evidenced": "Practice guidance.",
            },
        ],
        "metrics": [
            {
                "key": "staff",
                "name": "Staff trained in restorative practice",
                "unit": "staff",
                "higher_is_better": True,
                "aggregation": "cumulative",
            },
            {
                "key": "young",
                "name": "Young people trained as restorative champions",
                "unit": "young people",
                "higher_is_better": True,
                "aggregation": "cumulative",
            },
            {
                "key": "lac",
                "name": "Children looked after per 10,000",
                "unit": "per 10,000 children",
                "higher_is_better": False,
                "aggregation": "point_in_time",
            },
            {
                "key": "fgc",
                "name": "Family group conferences held",
                "unit": "conferences",
                "higher_is_better": True,
                "aggregation": "cumulative",
            },
        ],
        "evidence_sources": [
            {
                "title": "Leeds Family Valued: evaluation report",
                "kind": "evaluation",
                "publisher": "Department for Education",
                "year": 2017,
            },
        ],
        "resources": [
            {
                "title": "Restorative practice: two-day introduction",
                "kind": "training",
                "description": "For staff in every agency; trainers accredited by the partners.",
            },
            {
                "title": "Restorative conversation prompts",
                "kind": "materials",
                "description": "Pocket cards and a meeting script.",
            },
        ],
    },
    {
        "slug": "family-group-conferencing",
        "name": "Family Group Conferencing at the edge of care",
        "status": "published",
        "originating_site": "daybreak",
        "summary": (
            "An independent coordinator brings a family and its wider network together to "
            "hear professionals' worries and then, in private, make their own plan to keep a "
            "child safe. Offered at the edge of care, the conference comes before any "
            "decision to start proceedings, so relatives can offer support or a home first."
        ),
        "problem_addressed": (
            "Children entering care without their wider family being asked to help, and "
            "plans that families do not own and so do not keep."
        ),
        "original_constraints": (
            "A small charity dependent on local authority contracts, with referrals arriving "
            "late, often after proceedings had started."
        ),
        "original_assets": (
            "Experienced independent coordinators and two authorities, Wiltshire and "
            "Southwark, ready to offer conferences at the edge of care."
        ),
        "culture": "The family is the first resource, and professionals are guests at its table.",
        "values": "Families' right to plan; honesty about concerns; children's voices heard.",
        "leadership": (
            "Heads of service who make a conference the default before proceedings and "
            "accept family plans unless they leave a child unsafe."
        ),
        "themes": ["family-led-decision-making", "edge-of-care"],
        "evidence_level": "3",
        "evidence_summary": (
            "A large trial in England found that offering a conference at the pre-proceedings "
            "stage meant fewer children entered care. Daybreak's edge-of-care model has been "
            "taken up by a dozen local authorities."
        ),
        "cost_rating": 2,
        "accreditation": (
            "Coordinators are trained to national standards; Daybreak provides training, "
            "supervision and quality review to authorities that take the model on."
        ),
        "support_organisations": ["daybreak"],
        "criteria": [
            {
                "key": "coordinator",
                "name": "Independent coordinator",
                "kind": "must_have",
                "dimension": "adherence",
                "description": "The coordinator holds no cases and is not the social worker.",
                "how_evidenced": "Coordinator role and line management.",
            },
            {
                "key": "private",
                "name": "Private family time",
                "kind": "must_have",
                "dimension": "adherence",
                "description": "The family plans alone, without professionals in the room.",
                "how_evidenced": "Conference records; family feedback.",
            },
            {
                "key": "plan",
                "name": "Family plan accepted unless unsafe",
                "kind": "must_have",
                "dimension": "quality",
                "description": "The referrer agrees the plan unless it leaves the child at risk.",
                "how_evidenced": "Plan outcomes recorded by the coordinator.",
            },
            {
                "key": "review",
                "name": "Review conference",
                "kind": "must_have",
                "dimension": "dose",
                "description": "The family meets again to check the plan is working.",
                "how_evidenced": "Review dates against conference dates.",
            },
            {
                "key": "format",
                "name": "Venue, timing and format",
                "kind": "adaptable",
                "dimension": "responsiveness",
                "description": "Wherever and whenever suits the family, in person or online.",
                "how_evidenced": "Conference records.",
            },
            {
                "key": "advocates",
                "name": "Advocates for children and parents",
                "kind": "adaptable",
                "dimension": "responsiveness",
                "description": "An advocate helps a child or parent say what they want.",
                "how_evidenced": "Advocacy records.",
            },
        ],
        "metrics": [
            {
                "key": "conferences",
                "name": "Conferences held",
                "unit": "conferences",
                "higher_is_better": True,
                "aggregation": "cumulative",
            },
            {
                "key": "referrals",
                "name": "Referrals received",
                "unit": "referrals",
                "higher_is_better": True,
                "aggregation": "cumulative",
            },
            {
                "key": "athome",
                "name": "Children living with family six months on",
                "unit": "%",
                "higher_is_better": True,
                "aggregation": "point_in_time",
            },
            {
                "key": "days",
                "name": "Working days from referral to conference",
                "unit": "days",
                "higher_is_better": False,
                "aggregation": "point_in_time",
            },
        ],
        "evidence_sources": [
            {
                "title": "Family group conferencing at pre-proceedings: trial report",
                "kind": "research",
                "publisher": "Foundations",
                "year": 2023,
            },
        ],
        "resources": [
            {
                "title": "Coordinator training",
                "kind": "training",
                "description": "Eight days, with observed conferences and supervision.",
            },
            {
                "title": "Edge-of-care referral pathway",
                "kind": "toolkit",
                "description": "When to refer, what to share with the family, and timescales.",
            },
        ],
    },
    {
        "slug": "multisystemic-therapy",
        "name": "Multisystemic Therapy (MST)",
        "status": "published",
        "originating_site": None,
        "summary": (
            "Intensive therapy at home for young people aged about 11 to 17 at risk of care "
            "or custody because of serious behaviour problems. A therapist with a handful of "
            "families works with parents, school and community over three to five months, "
            "and the team can be reached at any hour."
        ),
        "problem_addressed": (
            "Young people drifting into care or custody because services reach them one at a "
            "time and never change what happens at home, at school and with friends."
        ),
        "original_constraints": "",
        "original_assets": (
            "Developed and licensed in the United States with a detailed quality assurance "
            "system; brought to England with the support of the National Implementation "
            "Service, which also supported KEEP, AdOpt, RESuLT, MST-FIT and TEND and worked "
            "with 52 local authorities in 2016."
        ),
        "culture": "Parents are the key to change; the team takes responsibility for engagement.",
        "values": "Accountability for outcomes; strengths-based work with the whole family.",
        "leadership": "Commissioners who protect small caseloads and the on-call rota.",
        "themes": ["adolescents", "edge-of-care", "evidence-based-programmes"],
        "evidence_level": "2+",
        "evidence_summary": (
            "Many international trials. In England a large national trial found benefits on "
            "some outcomes but no reduction in out-of-home placements compared with usual "
            "services."
        ),
        "cost_rating": 5,
        "accreditation": (
            "Teams are licensed by the programme developers, use the model's quality "
            "assurance and receive weekly consultation from an accredited expert."
        ),
        "support_organisations": ["national-implementation-service"],
        "criteria": [
            {
                "key": "caseload",
                "name": "Therapist caseloads of four to six families",
                "kind": "must_have",
                "dimension": "dose",
                "how_evidenced": "Weekly caseload returns.",
            },
            {
                "key": "oncall",
                "name": "Round-the-clock on-call support",
                "kind": "must_have",
                "dimension": "dose",
                "how_evidenced": "On-call rota and contact log.",
            },
            {
                "key": "consultation",
                "name": "Weekly supervision and expert consultation",
                "kind": "must_have",
                "dimension": "quality",
                "how_evidenced": "Supervision and consultation records.",
            },
            {
                "key": "adherence",
                "name": "Adherence measured through family interviews",
                "kind": "must_have",
                "dimension": "adherence",
                "how_evidenced": "Monthly adherence measure returns.",
            },
            {
                "key": "referral",
                "name": "Local referral criteria",
                "kind": "adaptable",
                "dimension": "differentiation",
                "how_evidenced": "Referral panel terms of reference.",
            },
        ],
        "metrics": [
            {
                "key": "completed",
                "name": "Families completing treatment",
                "unit": "families",
                "higher_is_better": True,
                "aggregation": "cumulative",
            },
            {
                "key": "athome",
                "name": "Young people living at home at discharge",
                "unit": "%",
                "higher_is_better": True,
                "aggregation": "point_in_time",
            },
        ],
        "evidence_sources": [
            {
                "title": "Systemic Therapy for At Risk Teens (START) trial",
                "kind": "research",
                "publisher": "The Lancet Psychiatry",
                "year": 2018,
            },
        ],
        "resources": [
            {
                "title": "Commissioning an MST team",
                "kind": "toolkit",
                "description": "Team size, referral volumes and the licence conditions.",
            },
        ],
    },
    {
        "slug": "keep",
        "name": "KEEP (Keeping foster and kin parents supported and trained)",
        "status": "published",
        "originating_site": None,
        "summary": (
            "A sixteen-week group for foster and kinship carers, run by two trained "
            "facilitators, that builds skills in encouraging good behaviour, setting calm "
            "limits and looking after themselves. Carers who miss a group get a call or a "
            "visit so no one falls behind."
        ),
        "problem_addressed": (
            "Placements that break down because carers lack practical, well-supported "
            "strategies for children whose behaviour is hard to manage."
        ),
        "culture": "Carers learn from one another as much as from the facilitators.",
        "values": "Praise and encouragement over punishment; carers' wellbeing matters.",
        "leadership": "Fostering managers who release facilitators and pay for childcare.",
        "themes": ["fostering", "evidence-based-programmes"],
        "evidence_level": "2",
        "evidence_summary": (
            "Trials in the United States and evaluation in England report better carer "
            "confidence and fewer behaviour problems."
        ),
        "cost_rating": 2,
        "accreditation": (
            "Facilitators are trained and certified by the programme's developers; sessions "
            "are recorded for supervision."
        ),
        "support_organisations": ["national-implementation-service"],
        "criteria": [
            {
                "key": "sessions",
                "name": "Sixteen weekly group sessions",
                "kind": "must_have",
                "dimension": "dose",
                "how_evidenced": "Attendance registers.",
            },
            {
                "key": "facilitators",
                "name": "Two certified facilitators",
                "kind": "must_have",
                "dimension": "adherence",
                "how_evidenced": "Facilitator certification records.",
            },
            {
                "key": "video",
                "name": "Sessions recorded for supervision",
                "kind": "must_have",
                "dimension": "quality",
                "how_evidenced": "Supervision notes referring to recordings.",
            },
            {
                "key": "childcare",
                "name": "Childcare and travel support",
                "kind": "adaptable",
                "dimension": "responsiveness",
                "how_evidenced": "Expenses records.",
            },
        ],
        "metrics": [
            {
                "key": "started",
                "name": "Carers starting a group",
                "unit": "carers",
                "higher_is_better": True,
                "aggregation": "cumulative",
            },
            {
                "key": "disruptions",
                "name": "Unplanned placement endings",
                "unit": "placements",
                "higher_is_better": False,
                "aggregation": "point_in_time",
            },
        ],
        "evidence_sources": [
            {
                "title": "KEEP in England: implementation and outcomes",
                "kind": "evaluation",
                "publisher": "National Implementation Service",
                "year": 2014,
            },
        ],
        "resources": [
            {
                "title": "KEEP facilitator training",
                "kind": "training",
                "description": "Four days, then certification from recorded sessions.",
            },
        ],
    },
    {
        "slug": "adopt-parenting-programme",
        "name": "AdOpt parenting programme",
        "status": "draft",
        "originating_site": None,
        "summary": (
            "A group programme for adoptive parents of young children with behaviour "
            "difficulties, combining an established parenting course with sessions on "
            "adoption, loss and identity. (Entry being written.)"
        ),
        "problem_addressed": "Adoptive families struggling without support designed for them.",
        "themes": ["adoption-support", "evidence-based-programmes"],
        "evidence_level": "NL2",
        "cost_rating": 2,
        "support_organisations": ["national-implementation-service"],
        "criteria": [
            {
                "key": "weeks",
                "name": "Weekly sessions over the full course",
                "kind": "must_have",
                "dimension": "dose",
                "how_evidenced": "Attendance registers.",
            },
            {
                "key": "adoption",
                "name": "Adoption-specific sessions",
                "kind": "must_have",
                "dimension": "adherence",
                "how_evidenced": "Session plans.",
            },
            {
                "key": "venue",
                "name": "Venue and timing",
                "kind": "adaptable",
                "dimension": "responsiveness",
                "how_evidenced": "Course schedule.",
            },
        ],
        "metrics": [
            {
                "key": "families",
                "name": "Families starting the course",
                "unit": "families",
                "higher_is_better": True,
                "aggregation": "cumulative",
            },
            {
                "key": "completion",
                "name": "Families completing the course",
                "unit": "%",
                "higher_is_better": True,
                "aggregation": "point_in_time",
            },
        ],
        "evidence_sources": [],
        "resources": [],
    },
    {
        "slug": "mst-fit",
        "name": "MST-FIT (Family Integrated Transitions)",
        "status": "archived",
        "originating_site": None,
        "summary": (
            "A version of Multisystemic Therapy for young people returning home from custody "
            "or residential care, adding work on emotional regulation and substance use. "
            "No longer offered in England; kept for reference."
        ),
        "problem_addressed": "Young people returning home unsupported, and the moves that follow.",
        "themes": ["adolescents", "evidence-based-programmes"],
        "evidence_level": "NL2",
        "cost_rating": 5,
        "accreditation": "Licensed by the MST developers while it ran.",
        "support_organisations": ["national-implementation-service"],
        "criteria": [
            {
                "key": "start",
                "name": "Work starts before the young person returns home",
                "kind": "must_have",
                "dimension": "adherence",
                "how_evidenced": "Start dates against discharge dates.",
            },
            {
                "key": "caseload",
                "name": "Small therapist caseloads",
                "kind": "must_have",
                "dimension": "dose",
                "how_evidenced": "Caseload returns.",
            },
            {
                "key": "skills",
                "name": "Emotional regulation skills component",
                "kind": "adaptable",
                "dimension": "quality",
                "how_evidenced": "Session records.",
            },
        ],
        "metrics": [
            {
                "key": "families",
                "name": "Families supported",
                "unit": "families",
                "higher_is_better": True,
                "aggregation": "cumulative",
            },
            {
                "key": "home",
                "name": "Young people still at home after six months",
                "unit": "%",
                "higher_is_better": True,
                "aggregation": "point_in_time",
            },
        ],
        "evidence_sources": [
            {
                "title": "MST-FIT in England: pilot findings",
                "kind": "evaluation",
                "publisher": "National Implementation Service",
                "year": 2015,
            },
        ],
        "resources": [],
    },
]

# --- People ------------------------------------------------------------------------
#
# The first seven are the role accounts `make run` advertises; the rest lead or sit on
# boards for the other adoptions. `sees` is what the accounts table prints.

USERS = [
    {
        "key": "admin",
        "email": "admin@demo.adoptadapt.test",
        "first_name": "Dana",
        "last_name": "Whitfield",
        "organisation": "adopt-and-adapt-directory",
        "job_title": "Directory administrator",
        "is_directory_admin": True,
        "is_staff": True,
        "is_superuser": True,
        "role": "Directory admin",
        "sees": "Everything: drafts and archive, every adoption and board, /admin/",
    },
    {
        "key": "lead",
        "email": "lead@demo.adoptadapt.test",
        "first_name": "Priya",
        "last_name": "Shah",
        "organisation": "derbyshire",
        "job_title": "Service manager, systemic practice",
        "role": "Project lead",
        "sees": "Derbyshire's RSW and Mockingbird; last month's RSW update is a draft",
    },
    {
        "key": "contributor",
        "email": "contributor@demo.adoptadapt.test",
        "first_name": "Tom",
        "last_name": "Ellis",
        "organisation": "derbyshire",
        "job_title": "Consultant social worker",
        "role": "Contributor",
        "sees": "Derbyshire's RSW adoption: can draft updates, not submit others'",
    },
    {
        "key": "partner",
        "email": "partner@demo.adoptadapt.test",
        "first_name": "Grace",
        "last_name": "Okafor",
        "organisation": "hackney",
        "job_title": "Head of systemic practice",
        "role": "Originating partner",
        "sees": "The five RSW adoptions; co-assesses their fidelity",
    },
    {
        "key": "chair",
        "email": "chair@demo.adoptadapt.test",
        "first_name": "Margaret",
        "last_name": "Hale",
        "organisation": "morning-lane-associates",
        "job_title": "Director",
        "role": "Board chair",
        "sees": "Chairs the RSW governance board: dashboard, decisions, actions",
    },
    {
        "key": "member",
        "email": "member@demo.adoptadapt.test",
        "first_name": "David",
        "last_name": "Achebe",
        "organisation": "harrow",
        "job_title": "Assistant director, children's social care",
        "role": "Board member",
        "sees": "RSW governance board and its five adoptions; gets the digest",
    },
    {
        "key": "observer",
        "email": "observer@demo.adoptadapt.test",
        "first_name": "Helen",
        "last_name": "Price",
        "organisation": "buckinghamshire",
        "job_title": "Head of quality assurance",
        "role": "Board observer",
        "sees": "RSW and Mockingbird boards as an observer; no digest",
    },
    # Named leads and board members for the other adoptions.
    {
        "key": "sam",
        "email": "sam.reid@demo.adoptadapt.test",
        "first_name": "Sam",
        "last_name": "Reid",
        "organisation": "harrow",
        "job_title": "Head of service, family support",
        "role": "Project lead",
        "sees": "Harrow's RSW (sustainment) and KEEP (exploration)",
    },
    {
        "key": "joanne",
        "email": "joanne.booth@demo.adoptadapt.test",
        "first_name": "Joanne",
        "last_name": "Booth",
        "organisation": "hull",
        "job_title": "Practice development lead",
        "role": "Project lead",
        "sees": "Hull's RSW: last month's update was returned for revision",
    },
    {
        "key": "kwame",
        "email": "kwame.mensah@demo.adoptadapt.test",
        "first_name": "Kwame",
        "last_name": "Mensah",
        "organisation": "southwark",
        "job_title": "Service manager",
        "role": "Project lead",
        "sees": "Southwark's RSW (last month's update not started) and FGC",
    },
    {
        "key": "claire",
        "email": "claire.dawson@demo.adoptadapt.test",
        "first_name": "Claire",
        "last_name": "Dawson",
        "organisation": "buckinghamshire",
        "job_title": "Transformation lead",
        "role": "Project lead",
        "sees": "Buckinghamshire's RSW (preparation)",
    },
    {
        "key": "imran",
        "email": "imran.hussain@demo.adoptadapt.test",
        "first_name": "Imran",
        "last_name": "Hussain",
        "organisation": "bradford",
        "job_title": "Head of innovation, children's services",
        "role": "Project lead",
        "sees": "Bradford's No Wrong Door and Mockingbird; Bradford Innovation Board",
    },
    {
        "key": "janet",
        "email": "janet.firth@demo.adoptadapt.test",
        "first_name": "Janet",
        "last_name": "Firth",
        "organisation": "bradford",
        "job_title": "Strategic director, children's services",
        "role": "Board chair",
        "sees": "Chairs the Bradford Innovation Board",
    },
    {
        "key": "mark",
        "email": "mark.lister@demo.adoptadapt.test",
        "first_name": "Mark",
        "last_name": "Lister",
        "organisation": "north-yorkshire",
        "job_title": "Assistant director, No Wrong Door",
        "role": "Board member",
        "sees": "Sits on Bradford's board; partner on Bradford's No Wrong Door",
    },
    {
        "key": "fiona",
        "email": "fiona.gale@demo.adoptadapt.test",
        "first_name": "Fiona",
        "last_name": "Gale",
        "organisation": "the-fostering-network",
        "job_title": "Mockingbird programme director",
        "role": "Board chair",
        "sees": "Chairs the Mockingbird programme board; accreditation reviews",
    },
    {
        "key": "hannah",
        "email": "hannah.brook@demo.adoptadapt.test",
        "first_name": "Hannah",
        "last_name": "Brook",
        "organisation": "leeds",
        "job_title": "Fostering service manager",
        "role": "Project lead",
        "sees": "Leeds's Mockingbird (sustainment) and MST (discontinued)",
    },
    {
        "key": "owen",
        "email": "owen.parry@demo.adoptadapt.test",
        "first_name": "Owen",
        "last_name": "Parry",
        "organisation": "hearthside-fostering",
        "job_title": "Registered manager",
        "role": "Project lead",
        "sees": "Hearthside Fostering's Mockingbird; an adaptation awaits the board",
    },
    {
        "key": "lucy",
        "email": "lucy.marsh@demo.adoptadapt.test",
        "first_name": "Lucy",
        "last_name": "Marsh",
        "organisation": "west-berkshire",
        "job_title": "Restorative practice lead",
        "role": "Project lead",
        "sees": "West Berkshire's restorative practice (sustainment)",
    },
    {
        "key": "steve",
        "email": "steve.armitage@demo.adoptadapt.test",
        "first_name": "Steve",
        "last_name": "Armitage",
        "organisation": "leeds",
        "job_title": "Restorative practice trainer",
        "role": "Originating partner",
        "sees": "West Berkshire's restorative practice, as Leeds's partner",
    },
    {
        "key": "beth",
        "email": "beth.cole@demo.adoptadapt.test",
        "first_name": "Beth",
        "last_name": "Cole",
        "organisation": "wiltshire",
        "job_title": "Edge-of-care service manager",
        "role": "Project lead",
        "sees": "Wiltshire's Family Group Conferencing (sustainment)",
    },
    {
        "key": "nadia",
        "email": "nadia.rahman@demo.adoptadapt.test",
        "first_name": "Nadia",
        "last_name": "Rahman",
        "organisation": "daybreak",
        "job_title": "Practice director",
        "role": "Originating partner",
        "sees": "Wiltshire's and Southwark's Family Group Conferencing",
    },
]

# --- Context diagnosis templates ---------------------------------------------------
#
# Per innovation: the factors compared, with what the originating site had and how it
# rated it (−2 strongly hindering … +2 strongly helping). Adoptions fill in their side.

CONTEXT_FACTORS = {
    "reclaiming-social-work": {
        "model_clarity": (
            "innovation",
            "Clarity of the must-haves",
            "The model was being invented as it went; the tramlines were implicit.",
            0,
        ),
        "workforce_market": (
            "outer_setting",
            "Social work labour market",
            "A competitive London market, but the model itself became a recruitment draw.",
            1,
        ),
        "leadership_commitment": (
            "inner_setting",
            "Senior leadership commitment",
            "The director led the redesign personally and stayed for years.",
            2,
        ),
        "clinician_supply": (
            "individuals",
            "Supply of systemic clinicians",
            "Strong local links with family therapy training institutes.",
            2,
        ),
        "change_pace": (
            "process",
            "Pace of roll-out",
            "Whole-service change in one go, with a clear start date.",
            1,
        ),
    },
    "mockingbird": {
        "licence": (
            "innovation",
            "Licence and manual",
            "A written model with a manual from the start.",
            2,
        ),
        "geography": (
            "outer_setting",
            "Distance between carers' homes",
            "Urban constellations where homes were a short drive apart.",
            1,
        ),
        "hub_carers": (
            "individuals",
            "Experienced carers willing to be hubs",
            "A pool of long-standing carers keen to take the role.",
            2,
        ),
        "service_support": (
            "inner_setting",
            "Fostering service backing",
            "Service managers protected liaison time.",
            1,
        ),
        "recruitment_process": (
            "process",
            "Recruiting satellite households",
            "Carers joined as constellations formed, by invitation.",
            1,
        ),
    },
    "no-wrong-door": {
        "homes": (
            "inner_setting",
            "Children's homes that can become hubs",
            "Council-run homes available to remodel.",
            2,
        ),
        "police": (
            "outer_setting",
            "Police partnership",
            "The force seconded officers to the hubs early on.",
            2,
        ),
        "clinical": (
            "individuals",
            "Psychologists and therapists to recruit",
            "Roles filled within months through health partners.",
            1,
        ),
        "model": (
            "innovation",
            "Complexity of the model",
            "Many moving parts, held together by a strong design team.",
            -1,
        ),
        "budgets": (
            "process",
            "Pooling budgets",
            "Residential and edge-of-care budgets combined at the outset.",
            1,
        ),
    },
    "restorative-practice": {
        "political": (
            "outer_setting",
            "Political support",
            "Cross-party backing for a child-friendly city.",
            2,
        ),
        "partners": (
            "outer_setting",
            "Partner agencies training together",
            "Schools, police and health joined the training early.",
            2,
        ),
        "fgc_service": (
            "inner_setting",
            "Family group conference capacity",
            "A large in-house conference service.",
            2,
        ),
        "practitioners": (
            "individuals",
            "Practitioners' openness",
            "Mixed at first; champions in every team won people over.",
            0,
        ),
        "simplicity": (
            "innovation",
            "Simplicity of the idea",
            "Easy to explain, harder to practise consistently.",
            1,
        ),
    },
    "family-group-conferencing": {
        "referrals": (
            "process",
            "Timing of referrals",
            "Referrals often arrived after proceedings had started.",
            -1,
        ),
        "coordinators": (
            "individuals",
            "Independent coordinators",
            "An experienced, independent team.",
            2,
        ),
        "court": (
            "outer_setting",
            "Courts' view of family plans",
            "Local judges valued family-made plans.",
            1,
        ),
        "culture": (
            "inner_setting",
            "Social workers' trust in families' plans",
            "Growing as teams saw plans hold.",
            0,
        ),
    },
    "multisystemic-therapy": {
        "funding": (
            "outer_setting",
            "Sustained funding",
            "Time-limited national funding during the early years.",
            -1,
        ),
        "qa": (
            "innovation",
            "Quality assurance demands",
            "Detailed licence requirements and weekly consultation.",
            0,
        ),
        "therapists": (
            "individuals",
            "Therapists willing to work on call",
            "Small teams of committed therapists.",
            1,
        ),
    },
    "keep": {
        "carers": (
            "individuals",
            "Carers able to attend weekly",
            "Evening groups with childcare provided.",
            1,
        ),
        "facilitators": (
            "inner_setting",
            "Facilitator time",
            "Supervising social workers released to run groups.",
            1,
        ),
    },
}

# --- Readiness checklists ----------------------------------------------------------

READINESS = {
    "reclaiming-social-work": [
        ("workforce", "Consultant social workers appointed for every planned unit"),
        ("workforce", "Family clinicians recruited or commissioned"),
        ("permissions", "Cabinet member and chief executive sign-off for the new structure"),
        ("permissions", "Staff consultation on new roles completed"),
        ("partner_agencies", "Health partners agree how clinicians are employed and supervised"),
        ("culture", "Managers briefed on shared case responsibility"),
    ],
    "mockingbird": [
        ("workforce", "Hub carers recruited and trained"),
        ("workforce", "Liaison worker time agreed in supervising social workers' caseloads"),
        ("permissions", "Licence agreement signed with The Fostering Network"),
        ("partner_agencies", "Virtual school and health briefed on constellations"),
        ("culture", "Carers' reference group involved in design"),
    ],
    "no-wrong-door": [
        ("workforce", "Hub manager and key workers appointed"),
        ("workforce", "Psychologist and speech and language therapist recruited"),
        ("permissions", "Ofsted registration varied for the hub's new statement of purpose"),
        ("partner_agencies", "Police liaison officer agreed with the force"),
        ("partner_agencies", "Health commissioners fund the clinical roles"),
        ("culture", "Residential staff trained in outreach and persistence"),
    ],
    "restorative-practice": [
        ("workforce", "Trainers accredited by the originating partners"),
        ("permissions", "Council's corporate plan adopts the restorative approach"),
        ("partner_agencies", "Schools and police sign the partnership charter"),
        ("culture", "Restorative champions named in every team"),
    ],
    "family-group-conferencing": [
        ("workforce", "Independent coordinators trained"),
        ("permissions", "Legal gateway panel refers to a conference by default"),
        ("partner_agencies", "Local family court informed of the approach"),
        ("culture", "Social workers trained to present concerns plainly to families"),
    ],
    "multisystemic-therapy": [
        ("workforce", "Therapists and supervisor recruited"),
        ("permissions", "Licence agreed with the developers"),
        ("partner_agencies", "Referral panel with youth justice and schools"),
        ("culture", "Managers accept the on-call rota"),
    ],
    "keep": [
        ("workforce", "Facilitators identified and booked onto training"),
        ("permissions", "Budget for childcare and travel approved"),
        ("partner_agencies", "Kinship support team involved in recruitment"),
        ("culture", "Carers consulted on group times"),
    ],
}

# --- Words for the monthly updates --------------------------------------------------

RAG_CODES = {
    "G": "green",
    "g": "amber_green",
    "A": "amber",
    "r": "amber_red",
    "R": "red",
}

SUMMARY_BY_RAG = {
    "green": [
        "A good month: delivery is on plan and the must-haves held throughout.",
        "On track. The team is confident about the coming quarter.",
        "Steady progress with no new risks; the plan for the next month stands.",
    ],
    "amber_green": [
        "Mostly on track; one or two things need watching but nothing needs escalating.",
        "Good progress overall, with a small slip on one milestone.",
        "Delivery broadly on plan; pressure on capacity is being managed.",
    ],
    "amber": [
        "Progress is slower than planned and some milestones have moved.",
        "Mixed month: the core of the model is in place but capacity is stretched.",
        "Risks are rising and the team is putting mitigations in place.",
    ],
    "amber_red": [
        "Significant problems this month; the board's help is needed on one issue.",
        "Delivery is at risk unless the staffing gap closes soon.",
    ],
    "red": [
        "Delivery has stalled and the must-haves cannot currently be kept.",
        "Serious problems: the plan needs resetting with the board.",
    ],
}

STAGE_SENTENCE = {
    "preparation": "Preparation continues ahead of going live.",
    "implementation": "",
    "sustainment": "The model is now part of business as usual.",
    "paused": "Delivery is paused while the service is reorganised.",
}

NARRATIVE = {
    "reclaiming-social-work": {
        "achievements": [
            "Two more units went live and held their first weekly systemic meetings.",
            "A new cohort of practitioners completed the systemic foundation course.",
            "Case file audit showed families naming more than one unit member as their worker.",
            "Agency use fell again as permanent consultant social workers started.",
            "The clinicians' practice forum met for the first time across all units.",
            "Unit coordinators took over meeting minutes, freeing practitioners' time.",
        ],
        "barriers": [
            "One clinician post has been vacant for two months.",
            "Rising child protection referrals are squeezing unit meeting time.",
            "Office moves split one unit across two buildings.",
            "Recording system still assumes a single allocated worker per family.",
            "Training places for the next cohort are oversubscribed.",
        ],
        "lessons": [
            "Protecting the weekly meeting matters more than any other single change.",
            "Consultants need their own supervision space, not just management oversight.",
            "Families notice quickly when the unit shares the work: the feedback says so.",
            "Clinicians settle faster when they join a unit that is already meeting weekly.",
            "Being clear early about the tramlines stops arguments later.",
        ],
        "next_steps": [
            "Recruit to the vacant clinician post and agree interim cover.",
            "Observe a sample of unit meetings with the originating partner.",
            "Agree with IT how shared allocation appears on the case record.",
            "Book the next training cohort.",
        ],
        "explanations": [
            "Two clinician posts are vacant and three units are meeting fortnightly, "
            "below the tramline for weekly meetings.",
            "Service restructure has broken up units; shared responsibility is not "
            "currently possible.",
            "Consultant vacancies mean two units have no qualified lead.",
        ],
    },
    "mockingbird": {
        "achievements": [
            "A new satellite household joined the constellation.",
            "The hub carer provided several planned sleepovers that kept placements steady.",
            "The constellation's summer day out brought carers and children together.",
            "A carers' own children group met for the first time.",
            "Accreditation review feedback was positive on the hub role.",
        ],
        "barriers": [
            "The hub carer has been unwell, limiting sleepovers this month.",
            "Recruiting satellite carers in the rural patch is slow.",
            "Liaison worker time is being pulled into other duties.",
            "Two households moved out of the area.",
        ],
        "lessons": [
            "Carers value the monthly meeting most when they set the agenda.",
            "Emergency sleepovers work best when the child already knows the hub home.",
            "Kinship carers need a different invitation from foster carers.",
            "Protecting hub beds from long-term placements is hard but essential.",
        ],
        "next_steps": [
            "Open recruitment for a second hub carer.",
            "Plan the constellation's next social event with the carers.",
            "Prepare evidence for the accreditation review.",
            "Agree liaison worker hours with the fostering team manager.",
        ],
        "explanations": [
            "The hub carer has stepped back for family reasons and no sleepovers are "
            "available until cover is agreed.",
            "The constellation has fallen below six households after two carers resigned.",
        ],
    },
    "no-wrong-door": {
        "achievements": [
            "The hub took its first outreach referrals from the edge-of-care team.",
            "Key workers stayed with every young person who moved placement this month.",
            "The psychologist ran reflective sessions for all hub staff.",
            "Missing episodes fell for the third month running.",
            "The police liaison officer avoided two arrests through restorative responses.",
        ],
        "barriers": [
            "Speech and language therapist post is still out to advert.",
            "High demand for emergency beds is crowding out planned short stays.",
            "Information sharing with the police is slower than agreed.",
            "Night staffing is thin when outreach calls come in.",
        ],
        "lessons": [
            "Young people engage faster when the key worker is introduced before a crisis.",
            "Residential staff need time and coaching to feel confident in outreach work.",
            "North Yorkshire's board member helped us cut through a partnership problem.",
            "Clinical roles change the conversation in every case discussion.",
        ],
        "next_steps": [
            "Fill the speech and language therapist post.",
            "Agree the information-sharing protocol with the police.",
            "Review the hub's bed mix with the originating team.",
            "Report missing-episode trends to the Innovation Board.",
        ],
        "explanations": [
            "The police liaison officer post is unfilled after the secondment ended, and "
            "missing episodes have risen.",
            "Staff sickness left the hub unable to run outreach for two weeks.",
        ],
    },
    "restorative-practice": {
        "achievements": [
            "Another round of two-day training ran, with staff from schools and police.",
            "Young restorative champions led a circle at the children in care council.",
            "Family group conferences were offered in every pre-proceedings case.",
            "The Leeds partners observed practice and fed back to team managers.",
            "Restorative language now appears throughout the new supervision policy.",
        ],
        "barriers": [
            "Schools' training days clash with exam season.",
            "Conference coordinators are at capacity.",
            "New starters arrive faster than training places open up.",
        ],
        "lessons": [
            "Training leaders first made it easier for teams to change.",
            "Young people explain the approach to other young people better than we do.",
            "Asking 'what happened, who was affected' works in staff disputes too.",
        ],
        "next_steps": [
            "Schedule training for new starters.",
            "Review conference waiting times with the coordinators.",
            "Plan the practice week with the New Zealand founders.",
        ],
        "explanations": [
            "Coordinator vacancies mean families are waiting too long for conferences.",
        ],
    },
    "family-group-conferencing": {
        "achievements": [
            "Every family at the legal gateway panel was offered a conference.",
            "Most family plans were accepted without changes.",
            "Review conferences held on time for all families this month.",
            "Relatives came forward to care for two children who would have entered care.",
        ],
        "barriers": [
            "Referrals are still arriving late in pre-proceedings.",
            "Coordinator sickness delayed three conferences.",
            "Some social workers remain wary of leaving families to plan alone.",
        ],
        "lessons": [
            "Early conversations with the whole family network pay off later.",
            "Children's advocates change the tone of the conference.",
            "Online links let relatives abroad take part in private family time.",
        ],
        "next_steps": [
            "Brief new team managers on the referral pathway.",
            "Agree cover arrangements for coordinators.",
            "Share family feedback with the practice leadership group.",
        ],
        "explanations": [
            "Two coordinators are off long term and the waiting list has doubled.",
        ],
    },
    "multisystemic-therapy": {
        "achievements": [
            "Families completed treatment with the young person still at home.",
            "Adherence scores from family interviews were above threshold.",
        ],
        "barriers": [
            "Funding beyond the current year is not confirmed.",
            "A therapist vacancy has reduced capacity.",
            "Referrals have dropped as the service's future is uncertain.",
        ],
        "lessons": [
            "Commissioners need outcome data early to make the case for funding.",
            "Small caseloads are the first thing to go under pressure.",
        ],
        "next_steps": [
            "Present outcomes to commissioners.",
            "Plan transition for families if funding ends.",
        ],
        "explanations": [
            "Funding has not been renewed; the team is closing to new referrals.",
            "Two of four therapists have left and caseloads exceed the licence limit.",
        ],
    },
}

# --- Adoptions ---------------------------------------------------------------------
#
# stages: (months back, stage, note); the first is the start.
# rag: twelve characters, oldest month first and last month last: G green,
#   g amber/green, A amber, r amber/red, R red, - no update that month.
# latest: what happened to last month's update: submitted, draft, returned, missing.
# values: metric key → ("cum", monthly mean) or ("pit", first value, last value).
# fidelity: (months back, method, must-have score to aim for, assessor key).

ADOPTIONS = [
    {
        "key": "rsw-derbyshire",
        "innovation": "reclaiming-social-work",
        "site": "derbyshire",
        "partner": "hackney",
        "support": "morning-lane-associates",
        "board": "rsw-governance-board",
        "team_notes": (
            "What makes it work here: consultants who protect the weekly meeting, and "
            "clinicians who are part of the unit from day one."
        ),
        "stages": [
            (30, "exploration", "Visited Hackney units; cabinet briefed."),
            (26, "preparation", "Business case approved; recruitment of consultants began."),
            (21, "implementation", "First six units went live across the county."),
        ],
        "roles": [
            ("lead", "lead"),
            ("contributor", "contributor"),
            ("partner", "originating_partner"),
        ],
        "targets": {
            "trained": (120, -8),
            "units": (12, -6),
            "agency": (10, -12),
            "rereferrals": (18, -12),
        },
        "values": {
            "trained": ("cum", 7),
            "units": ("pit", 7, 10),
            "agency": ("pit", 22, 15),
            "rereferrals": ("pit", 24, 20),
        },
        "rag": "AAAgAggGgGGg",
        "latest": "draft",
        "update_author": "contributor",
        "fidelity": [
            (10, "self", 44, "lead"),
            (7, "originating_team", 63, "partner"),
            (4, "peer", 75, "sam"),
            (1, "originating_team", 88, "partner"),
        ],
        "context": [
            (
                "model_clarity",
                "The tramlines were agreed with the board before we started.",
                2,
                "asset",
                "aligned",
                "",
            ),
            (
                "workforce_market",
                "A large county with hard-to-fill posts in the north and east.",
                -1,
                "constraint",
                "gap",
                "Relocation package and a 'grow your own' consultant programme.",
            ),
            (
                "leadership_commitment",
                "Strong support from the director; some scepticism among middle managers.",
                1,
                "asset",
                "aligned",
                "Managers join unit meetings as observers in their first month.",
            ),
            (
                "clinician_supply",
                "Few systemic clinicians locally; long travel for rural units.",
                -2,
                "constraint",
                "blocker",
                "Joint posts with the health trust and a clinician-in-training route.",
            ),
            (
                "change_pace",
                "Phased roll-out, district by district.",
                0,
                "constraint",
                "gap",
                "Clear dates for each district and a single team to support go-live.",
            ),
        ],
        "exchanges": [
            (
                "visit",
                "derbyshire",
                "hackney",
                "Derbyshire senior leadership team",
                "Shadowing visit to Hackney units",
                29,
                29,
                "Two days observing unit meetings.",
            ),
            (
                "secondment",
                "hackney",
                "derbyshire",
                "Experienced consultant social worker",
                "Seconded consultant social worker",
                20,
                14,
                "Led the first unit and coached the new consultants.",
            ),
        ],
        "adaptations": [
            {
                "title": "Unit coordinators shared between pairs of units",
                "description": (
                    "Rural units too small to justify a full-time coordinator share one "
                    "between two units, with a shared inbox and rota."
                ),
                "m": 9,
                "day": 4,
                "phase": "implementation",
                "planning": "planned_proactive",
                "decided_by": "programme_manager",
                "what_modified": "context_personnel",
                "level_of_delivery": "team",
                "modification_type": "tailoring",
                "fidelity_relation": "consistent",
                "goal": "feasibility",
                "reasons_organisation": "Budget for coordinators covers only two thirds of units.",
                "criteria": ["coordinator"],
                "by": "lead",
            },
            {
                "title": "Fortnightly face-to-face unit meeting in the High Peak",
                "description": (
                    "Two units covering the High Peak would meet in person every other week "
                    "and online in between, because of travel times across the district."
                ),
                "m": 1,
                "day": 20,
                "phase": "implementation",
                "planning": "planned_reactive",
                "decided_by": "programme_leader",
                "what_modified": "context_format",
                "level_of_delivery": "team",
                "modification_type": "substituting",
                "fidelity_relation": "unknown",
                "goal": "feasibility",
                "reasons_organisation": "Staff travel up to ninety minutes each way to the base.",
                "reasons_provider": "Practitioners report losing half a day to the meeting.",
                "criteria": ["weekly"],
                "by": "lead",
            },
        ],
    },
    {
        "key": "rsw-harrow",
        "innovation": "reclaiming-social-work",
        "site": "harrow",
        "partner": "hackney",
        "support": "morning-lane-associates",
        "board": "rsw-governance-board",
        "stages": [
            (31, "exploration", "Agreed to join the five-authority programme."),
            (28, "preparation", "Restructure consultation opened."),
            (23, "implementation", "All units live on the same day."),
            (6, "sustainment", "Model written into the service's practice framework."),
        ],
        "roles": [("sam", "lead"), ("partner", "originating_partner")],
        "targets": {"trained": (60, -6), "units": (8, -6), "agency": (8, -12)},
        "values": {
            "trained": ("cum", 3),
            "units": ("pit", 8, 8),
            "agency": ("pit", 14, 9),
            "rereferrals": ("pit", 19, 16),
        },
        "rag": "gggGGGgGGGGG",
        "latest": "submitted",
        "fidelity": [
            (10, "self", 81, "sam"),
            (7, "originating_team", 88, "partner"),
            (4, "self", 75, "sam"),
            (1, "peer", 94, "lead"),
        ],
        "context": [
            (
                "workforce_market",
                "Competitive outer-London market, but good retention.",
                1,
                "asset",
                "aligned",
                "",
            ),
            (
                "leadership_commitment",
                "Director and lead member both champion the model.",
                2,
                "asset",
                "aligned",
                "",
            ),
            (
                "clinician_supply",
                "Clinicians recruited through a university partnership.",
                1,
                "asset",
                "aligned",
                "",
            ),
        ],
        "exchanges": [
            (
                "staff_exchange",
                "harrow",
                "hackney",
                "Two Harrow consultant social workers",
                "Consultant exchange",
                24,
                23,
                "A month working in Hackney units while Hackney staff covered in Harrow.",
            ),
        ],
        "adaptations": [
            {
                "title": "Systemic training through a local university",
                "description": (
                    "The foundation course is delivered by a local university with the "
                    "same curriculum, so it carries academic credit."
                ),
                "m": 11,
                "day": 12,
                "phase": "implementation",
                "planning": "planned_proactive",
                "decided_by": "programme_leader",
                "what_modified": "training",
                "level_of_delivery": "organisation",
                "modification_type": "substituting",
                "fidelity_relation": "consistent",
                "goal": "retention",
                "reasons_provider": "Practitioners asked for accredited training.",
                "criteria": ["training"],
                "by": "sam",
            },
        ],
    },
    {
        "key": "rsw-hull",
        "innovation": "reclaiming-social-work",
        "site": "hull",
        "partner": "hackney",
        "support": "morning-lane-associates",
        "board": "rsw-governance-board",
        "stages": [
            (30, "exploration", "Joined the programme."),
            (26, "preparation", "Recruitment of consultants and clinicians."),
            (21, "implementation", "Units live in two localities."),
            (9, "paused", "Paused during a wider restructure of children's services."),
            (6, "implementation", "Resumed with a smaller number of units."),
        ],
        "roles": [("joanne", "lead"), ("partner", "originating_partner")],
        "targets": {"trained": (80, -9), "units": (8, -9), "agency": (12, -12)},
        "values": {
            "trained": ("cum", 4),
            "units": ("pit", 6, 5),
            "agency": ("pit", 18, 16),
            "rereferrals": ("pit", 22, 23),
        },
        "rag": "gAArRRrAAgAg",
        "latest": "returned",
        "review_note": (
            "Thank you. Please add the recruitment timetable for the second clinician and "
            "say which units are meeting weekly now, then resubmit."
        ),
        "fidelity": [
            (10, "self", 63, "joanne"),
            (7, "originating_team", 38, "partner"),
            (4, "self", 50, "joanne"),
            (1, "originating_team", 69, "partner"),
        ],
        "context": [
            (
                "workforce_market",
                "Low turnover but few experienced consultants to promote.",
                0,
                "constraint",
                "gap",
                "Consultant development programme with Morning Lane Associates.",
            ),
            (
                "leadership_commitment",
                "New leadership team reviewing all programmes.",
                -1,
                "constraint",
                "gap",
                "Board chair meets the new director quarterly.",
            ),
            (
                "clinician_supply",
                "Clinicians hard to recruit; health trust cannot second staff.",
                -2,
                "constraint",
                "blocker",
                "Time-limited sharing of clinicians while recruiting (approved by the board).",
            ),
            (
                "change_pace",
                "Restructure forced a pause and restart.",
                -1,
                "constraint",
                "gap",
                "Restart in a smaller number of units first.",
            ),
        ],
        "exchanges": [
            (
                "coaching",
                "hackney",
                "hull",
                "Hackney consultant social worker",
                "Coach for Hull's consultants",
                8,
                None,
                "Fortnightly coaching through the restart.",
            ),
        ],
        "adaptations": [
            {
                "title": "Clinician shared between two units while recruiting",
                "description": (
                    "Until a second clinician is recruited, one clinician works across two "
                    "units, attending each weekly meeting and prioritising complex families."
                ),
                "m": 3,
                "day": 6,
                "phase": "implementation",
                "planning": "planned_reactive",
                "decided_by": "programme_manager",
                "what_modified": "context_personnel",
                "level_of_delivery": "team",
                "modification_type": "loosening",
                "fidelity_relation": "inconsistent",
                "goal": "feasibility",
                "reasons_organisation": "Clinician post unfilled after two rounds of advertising.",
                "criteria": ["clinician"],
                "by": "joanne",
            },
        ],
    },
    {
        "key": "rsw-southwark",
        "innovation": "reclaiming-social-work",
        "site": "southwark",
        "partner": "hackney",
        "support": "morning-lane-associates",
        "board": "rsw-governance-board",
        "stages": [
            (29, "exploration", "Joined the programme."),
            (25, "preparation", "Units designed with staff and families."),
            (20, "implementation", "Units live in the assessment and long-term teams."),
        ],
        "roles": [("kwame", "lead"), ("partner", "originating_partner")],
        "targets": {"trained": (90, -8), "units": (10, -6)},
        "values": {
            "trained": ("cum", 5),
            "units": ("pit", 8, 10),
            "agency": ("pit", 20, 17),
            "rereferrals": ("pit", 21, 19),
        },
        "rag": "gggAgggAggg-",
        "latest": "missing",
        "fidelity": [
            (10, "self", 69, "kwame"),
            (7, "peer", 75, "joanne"),
            (4, "self", 81, "kwame"),
            (1, "originating_team", 81, "partner"),
        ],
        "context": [
            (
                "workforce_market",
                "Heavy reliance on agency staff at the start.",
                -1,
                "constraint",
                "gap",
                "Permanent consultant posts advertised with the model as the draw.",
            ),
            (
                "clinician_supply",
                "Clinicians employed by the local health trust.",
                1,
                "asset",
                "aligned",
                "",
            ),
            ("leadership_commitment", "Committed senior team.", 1, "asset", "aligned", ""),
        ],
        "exchanges": [],
        "adaptations": [
            {
                "title": "Clinicians employed by the health trust",
                "description": (
                    "Unit clinicians are employed and clinically supervised by the local "
                    "NHS trust but based full time in the units."
                ),
                "m": 12,
                "day": 9,
                "phase": "implementation",
                "planning": "planned_proactive",
                "decided_by": "administrator",
                "what_modified": "context_personnel",
                "level_of_delivery": "organisation",
                "modification_type": "tailoring",
                "fidelity_relation": "consistent",
                "goal": "feasibility",
                "reasons_sociopolitical": "Clinical governance stays with the health trust.",
                "criteria": [],
                "by": "kwame",
            },
        ],
    },
    {
        "key": "rsw-buckinghamshire",
        "innovation": "reclaiming-social-work",
        "site": "buckinghamshire",
        "partner": "hackney",
        "support": "morning-lane-associates",
        "board": "rsw-governance-board",
        "stages": [
            (26, "exploration", "Joined the programme later than the other four."),
            (7, "preparation", "New council's structure agreed; recruitment began."),
        ],
        "roles": [("claire", "lead"), ("partner", "originating_partner")],
        "targets": {"trained": (40, -9), "units": (6, -9)},
        "values": {
            "trained": ("cum", 2),
            "units": ("pit", 0, 1),
            "agency": ("pit", 24, 22),
        },
        "rag": "-----AAgArAA",
        "latest": "submitted",
        "fidelity": [],
        "context": [
            (
                "model_clarity",
                "The tramlines are clear, but some are hard to meet in a large county.",
                1,
                "asset",
                "aligned",
                "",
            ),
            (
                "workforce_market",
                "Neighbouring London boroughs pay more.",
                -2,
                "constraint",
                "blocker",
                "Market supplement for consultant posts under discussion.",
            ),
            (
                "leadership_commitment",
                "Supportive, with competing transformation priorities.",
                0,
                "constraint",
                "gap",
                "Programme named in the service improvement plan.",
            ),
            (
                "clinician_supply",
                "Clinicians available through the health trust's family therapy service.",
                1,
                "asset",
                "aligned",
                "",
            ),
            (
                "change_pace",
                "Wants to start with two pilot units.",
                0,
                "constraint",
                "gap",
                "Pilot units must still keep every must-have.",
            ),
        ],
        "exchanges": [
            (
                "visit",
                "buckinghamshire",
                "derbyshire",
                "Buckinghamshire team managers",
                "Visit to Derbyshire units",
                5,
                5,
                "Saw how a county authority runs rural units.",
            ),
        ],
        "adaptations": [
            {
                "title": "Team managers as unit leads in two pilot units",
                "description": (
                    "Existing team managers, not consultant social workers, would lead the "
                    "two pilot units and hold cases while consultant posts are recruited."
                ),
                "m": 2,
                "day": 15,
                "phase": "pre_implementation",
                "planning": "planned_proactive",
                "decided_by": "administrator",
                "what_modified": "context_personnel",
                "level_of_delivery": "team",
                "modification_type": "substituting",
                "fidelity_relation": "inconsistent",
                "goal": "cost",
                "reasons_organisation": "Consultant posts cannot be funded until next year.",
                "criteria": ["consultant"],
                "by": "claire",
            },
        ],
    },
    {
        "key": "mockingbird-derbyshire",
        "innovation": "mockingbird",
        "site": "derbyshire",
        "partner": None,
        "support": "the-fostering-network",
        "board": "mockingbird-programme-board",
        "stages": [
            (20, "exploration", "Fostering service agreed to explore a constellation."),
            (16, "preparation", "Licence signed; hub carer recruited."),
            (12, "implementation", "First constellation launched."),
        ],
        "roles": [("lead", "lead")],
        "targets": {
            "constellations": (3, -6),
            "carers": (36, -6),
            "children": (40, -6),
            "nights": (150, -6),
        },
        "values": {
            "constellations": ("pit", 1, 3),
            "carers": ("pit", 10, 28),
            "children": ("cum", 3),
            "nights": ("cum", 11),
        },
        "rag": "AAgggGgggGGg",
        "latest": "submitted",
        "fidelity": [
            (10, "self", 56, "lead"),
            (7, "accreditor", 69, "fiona"),
            (4, "self", 75, "lead"),
            (1, "accreditor", 81, "fiona"),
        ],
        "context": [
            (
                "geography",
                "Constellations in market towns, with rural outliers.",
                0,
                "constraint",
                "gap",
                "Constellations drawn around towns, not districts.",
            ),
            ("hub_carers", "Several experienced carers interested.", 2, "asset", "aligned", ""),
            (
                "service_support",
                "Liaison time competes with assessments.",
                -1,
                "constraint",
                "gap",
                "Liaison hours written into caseload weighting.",
            ),
        ],
        "exchanges": [
            (
                "visit",
                "derbyshire",
                "leeds",
                "Derbyshire hub carer and fostering manager",
                "Visit to a Leeds constellation",
                15,
                15,
                "Spent a constellation meeting with Leeds carers.",
            ),
        ],
        "adaptations": [],
    },
    {
        "key": "mockingbird-leeds",
        "innovation": "mockingbird",
        "site": "leeds",
        "partner": None,
        "support": "the-fostering-network",
        "board": "mockingbird-programme-board",
        "stages": [
            (40, "exploration", "Early interest after the first UK phase."),
            (36, "preparation", "Two hub carers trained."),
            (32, "implementation", "Two constellations launched."),
            (10, "sustainment", "Constellations funded from the core fostering budget."),
        ],
        "roles": [("hannah", "lead")],
        "targets": {"constellations": (5, -12), "carers": (55, -12)},
        "values": {
            "constellations": ("pit", 4, 5),
            "carers": ("pit", 42, 52),
            "children": ("cum", 4),
            "nights": ("cum", 18),
        },
        "rag": "GGGGgGGGGGGG",
        "latest": "submitted",
        "fidelity": [
            (10, "accreditor", 88, "fiona"),
            (7, "self", 94, "hannah"),
            (4, "accreditor", 88, "fiona"),
            (1, "self", 100, "hannah"),
        ],
        "context": [
            ("geography", "Dense city: homes within a short drive.", 2, "asset", "aligned", ""),
            ("hub_carers", "Strong carer community already.", 2, "asset", "aligned", ""),
        ],
        "exchanges": [],
        "adaptations": [
            {
                "title": "A constellation for kinship carers",
                "description": (
                    "A constellation made up only of kinship carers, with a hub carer who "
                    "is herself a kinship carer."
                ),
                "m": 8,
                "day": 2,
                "phase": "sustainment",
                "planning": "planned_proactive",
                "decided_by": "delivery_team",
                "what_modified": "context_population",
                "level_of_delivery": "group",
                "modification_type": "tailoring",
                "fidelity_relation": "unknown",
                "goal": "reach",
                "reasons_recipient": "Kinship carers said they felt out of place in mixed groups.",
                "criteria": [],
                "by": "hannah",
            },
        ],
    },
    {
        "key": "mockingbird-hearthside",
        "innovation": "mockingbird",
        "site": "hearthside-fostering",
        "partner": None,
        "support": "the-fostering-network",
        "board": "mockingbird-programme-board",
        "stages": [
            (18, "exploration", "First independent provider in the region to apply."),
            (14, "preparation", "Licence signed; hub carer identified."),
            (9, "implementation", "Constellation launched."),
        ],
        "roles": [("owen", "lead")],
        "targets": {"constellations": (2, -9), "carers": (18, -9), "children": (20, -9)},
        "values": {
            "constellations": ("pit", 0, 1),
            "carers": ("pit", 0, 9),
            "children": ("cum", 1),
            "nights": ("cum", 5),
        },
        "rag": "ggAAArAAgggA",
        "latest": "submitted",
        "fidelity": [
            (7, "self", 44, "owen"),
            (4, "accreditor", 56, "fiona"),
            (1, "self", 63, "owen"),
        ],
        "context": [
            (
                "licence",
                "Licence terms written for local authorities, not providers.",
                0,
                "constraint",
                "gap",
                "The Fostering Network agreed a provider version.",
            ),
            (
                "hub_carers",
                "Few carers without long-term placements.",
                -1,
                "constraint",
                "gap",
                "Hub carer with one long-term child (proposed adaptation).",
            ),
            (
                "recruitment_process",
                "Carers placed by several councils.",
                -1,
                "constraint",
                "gap",
                "Placing councils briefed one by one.",
            ),
        ],
        "exchanges": [
            (
                "coaching",
                "the-fostering-network",
                "hearthside-fostering",
                "Mockingbird practice lead",
                "Coach to the hub carer",
                9,
                3,
                "",
            ),
        ],
        "adaptations": [
            {
                "title": "Hub carer keeps one long-term placement",
                "description": (
                    "The hub carer would keep the teenager who has lived with her for five "
                    "years, leaving one bed rather than two for sleepovers."
                ),
                "m": 1,
                "day": 22,
                "phase": "implementation",
                "planning": "planned_reactive",
                "decided_by": "programme_manager",
                "what_modified": "context_setting",
                "level_of_delivery": "individual_recipient",
                "modification_type": "loosening",
                "fidelity_relation": "unknown",
                "goal": "feasibility",
                "reasons_provider": "No other carer with the experience to be a hub is available.",
                "reasons_recipient": "Moving the young person would harm a settled placement.",
                "criteria": ["hub"],
                "by": "owen",
            },
        ],
    },
    {
        "key": "mockingbird-bradford",
        "innovation": "mockingbird",
        "site": "bradford",
        "partner": None,
        "support": "the-fostering-network",
        "board": "bradford-innovation-board",
        "stages": [
            (
                22,
                "exploration",
                "Weighed alongside No Wrong Door; about 900 children in care.",
            ),
            (18, "preparation", "Licence signed."),
            (13, "implementation", "First constellation launched."),
        ],
        "roles": [("imran", "lead")],
        "targets": {"constellations": (4, -8), "carers": (40, -8), "children": (50, -8)},
        "values": {
            "constellations": ("pit", 2, 3),
            "carers": ("pit", 18, 30),
            "children": ("cum", 4),
            "nights": ("cum", 12),
        },
        "rag": "gAgggGgGGgGG",
        "latest": "submitted",
        "fidelity": [
            (10, "self", 63, "imran"),
            (7, "accreditor", 75, "fiona"),
            (4, "self", 81, "imran"),
            (1, "accreditor", 88, "fiona"),
        ],
        "context": [
            (
                "hub_carers",
                "Experienced carers, some linked to the No Wrong Door hub.",
                1,
                "asset",
                "aligned",
                "",
            ),
            (
                "service_support",
                "Innovation Board oversees both programmes together.",
                2,
                "asset",
                "aligned",
                "",
            ),
        ],
        "exchanges": [],
        "adaptations": [
            {
                "title": "Constellation linked to the No Wrong Door hub",
                "description": (
                    "One constellation's carers can call on the hub's key workers and "
                    "psychologist, so teenagers stepping down from the hub keep their workers."
                ),
                "m": 6,
                "day": 11,
                "phase": "implementation",
                "planning": "planned_proactive",
                "decided_by": "programme_leader",
                "what_modified": "implementation_activities",
                "level_of_delivery": "system",
                "modification_type": "integrating",
                "fidelity_relation": "consistent",
                "goal": "effectiveness",
                "reasons_organisation": "Both programmes serve many of the same young people.",
                "criteria": [],
                "by": "imran",
            },
        ],
    },
    {
        "key": "nwd-bradford",
        "innovation": "no-wrong-door",
        "site": "bradford",
        "partner": "north-yorkshire",
        "support": "north-yorkshire",
        "board": "bradford-innovation-board",
        "team_notes": "The key worker relationship is the point; the rest supports it.",
        "stages": [
            (24, "exploration", "Bradford's leadership visited North Yorkshire's hubs."),
            (19, "preparation", "Hub building chosen; police and health partners signed up."),
            (14, "implementation", "First hub opened."),
        ],
        "roles": [("imran", "lead"), ("mark", "originating_partner")],
        "targets": {"supported": (120, -6), "missing": (25, -6), "eet": (65, -12)},
        "values": {
            "supported": ("cum", 8),
            "missing": ("pit", 46, 28),
            "lac": ("pit", 372, 351),
            "eet": ("pit", 52, 61),
        },
        "rag": "AAArAAgAggAg",
        "latest": "draft",
        "fidelity": [
            (10, "self", 50, "imran"),
            (7, "originating_team", 56, "mark"),
            (4, "self", 69, "imran"),
            (1, "originating_team", 75, "mark"),
        ],
        "context": [
            (
                "homes",
                "One council home suitable for conversion; others in poor repair.",
                0,
                "constraint",
                "gap",
                "Start with one hub; capital bid for a second.",
            ),
            (
                "police",
                "West Yorkshire Police supportive but stretched.",
                0,
                "constraint",
                "gap",
                "Officer post funded jointly for two years.",
            ),
            (
                "clinical",
                "Psychologist recruited; speech and language therapist post hard to fill.",
                -1,
                "constraint",
                "gap",
                "Interim sessions bought from the health trust.",
            ),
            (
                "model",
                "Learning from North Yorkshire's experience cut design time.",
                1,
                "asset",
                "aligned",
                "",
            ),
            (
                "budgets",
                "Budgets sit in three different directorates.",
                -1,
                "constraint",
                "gap",
                "Innovation Board agreed to pool them.",
            ),
        ],
        "exchanges": [
            (
                "board_seat",
                "north-yorkshire",
                "bradford",
                "Mark Lister",
                "Senior manager on Bradford's Innovation Board",
                19,
                None,
                "Brings the originating authority's experience to every board decision.",
            ),
            (
                "visit",
                "bradford",
                "north-yorkshire",
                "Bradford leadership team",
                "Visit to North Yorkshire hubs",
                24,
                24,
                "",
            ),
            (
                "secondment",
                "north-yorkshire",
                "bradford",
                "Experienced hub manager",
                "Seconded hub manager",
                14,
                8,
                "Opened the Bradford hub and trained its staff.",
            ),
            (
                "coaching",
                "north-yorkshire",
                "bradford",
                "North Yorkshire clinical psychologist",
                "Coach to Bradford's psychologist",
                12,
                6,
                "",
            ),
        ],
        "adaptations": [
            {
                "title": "A smaller first hub with six beds",
                "description": (
                    "Bradford's first hub has six beds, fewer than the originating hubs, "
                    "with more of the staff time going to outreach."
                ),
                "m": 14,
                "day": 3,
                "phase": "pre_implementation",
                "planning": "planned_proactive",
                "decided_by": "programme_leader",
                "what_modified": "context_setting",
                "level_of_delivery": "organisation",
                "modification_type": "tailoring",
                "fidelity_relation": "consistent",
                "goal": "fit",
                "reasons_organisation": "The only suitable building has six bedrooms.",
                "criteria": ["beds"],
                "by": "imran",
            },
            {
                "title": "Police liaison officer shared with a second district",
                "description": (
                    "The police liaison officer would split time between the hub and a "
                    "neighbouring district's youth team."
                ),
                "m": 1,
                "day": 19,
                "phase": "implementation",
                "planning": "unplanned_reactive",
                "decided_by": "funder",
                "what_modified": "context_personnel",
                "level_of_delivery": "organisation",
                "modification_type": "loosening",
                "fidelity_relation": "unknown",
                "goal": "cost",
                "reasons_sociopolitical": "The force is reducing dedicated posts.",
                "criteria": ["police"],
                "by": "imran",
            },
        ],
    },
    {
        "key": "restorative-west-berkshire",
        "innovation": "restorative-practice",
        "site": "west-berkshire",
        "partner": "leeds",
        "support": "new-zealand-restorative-founders",
        "board": None,
        "stages": [
            (40, "exploration", "Learning from Leeds and the New Zealand founders."),
            (36, "preparation", "Trainers accredited; partners signed the charter."),
            (30, "implementation", "Training rolled out across agencies."),
            (8, "sustainment", "More than a thousand staff trained."),
        ],
        "roles": [("lucy", "lead"), ("steve", "originating_partner")],
        "targets": {"staff": (1000, -1), "young": (400, -1), "lac": (40, -12)},
        "values": {
            "staff": ("cum", 90),
            "young": ("cum", 35),
            "lac": ("pit", 41, 36),
            "fgc": ("cum", 9),
        },
        "rag": "gGGGgGGGGGGG",
        "latest": "submitted",
        "fidelity": [
            (10, "self", 81, "lucy"),
            (7, "originating_team", 88, "steve"),
            (4, "self", 83, "lucy"),
            (1, "originating_team", 100, "steve"),
        ],
        "context": [
            (
                "political",
                "Supportive councillors; smaller budget than Leeds.",
                1,
                "asset",
                "aligned",
                "",
            ),
            (
                "partners",
                "Schools keen; police involvement patchy.",
                0,
                "constraint",
                "gap",
                "Police trainers trained by Leeds.",
            ),
            (
                "fgc_service",
                "Small conference service.",
                -1,
                "constraint",
                "gap",
                "Two more coordinators funded.",
            ),
            ("practitioners", "Enthusiastic after the founders' visit.", 1, "asset", "aligned", ""),
            (
                "simplicity",
                "Same ideas, smaller scale, easier to reach everyone.",
                2,
                "asset",
                "aligned",
                "",
            ),
        ],
        "exchanges": [
            (
                "visit",
                "new-zealand-restorative-founders",
                "west-berkshire",
                "Founders of family group conferencing",
                "Practice week in West Berkshire",
                34,
                34,
                "A week of workshops with staff, families and young people.",
            ),
            (
                "coaching",
                "leeds",
                "west-berkshire",
                "Steve Armitage",
                "Trainer coaching West Berkshire's trainers",
                36,
                24,
                "",
            ),
            (
                "staff_exchange",
                "west-berkshire",
                "leeds",
                "West Berkshire team managers",
                "Team manager exchange",
                30,
                29,
                "",
            ),
        ],
        "adaptations": [
            {
                "title": "Restorative circles adapted for primary schools",
                "description": (
                    "Shorter circles with picture prompts, run by teaching assistants trained "
                    "as restorative champions."
                ),
                "m": 10,
                "day": 14,
                "phase": "scale_up",
                "planning": "planned_proactive",
                "decided_by": "delivery_team",
                "what_modified": "content",
                "level_of_delivery": "group",
                "modification_type": "tailoring",
                "fidelity_relation": "consistent",
                "goal": "fit",
                "reasons_recipient": "Younger children need a shorter, more visual format.",
                "criteria": ["circles"],
                "by": "lucy",
            },
        ],
    },
    {
        "key": "fgc-wiltshire",
        "innovation": "family-group-conferencing",
        "site": "wiltshire",
        "partner": "daybreak",
        "support": "daybreak",
        "board": None,
        "stages": [
            (44, "exploration", "One of Daybreak's first edge-of-care partners."),
            (40, "preparation", "Referral pathway agreed with legal services."),
            (36, "implementation", "Conferences offered at the legal gateway."),
            (12, "sustainment", "Commissioned as a standing service."),
        ],
        "roles": [("beth", "lead"), ("nadia", "originating_partner")],
        "targets": {"conferences": (150, -1), "athome": (75, -12)},
        "values": {
            "conferences": ("cum", 13),
            "referrals": ("cum", 16),
            "athome": ("pit", 71, 76),
            "days": ("pit", 18, 12),
        },
        "rag": "GGgGGGGgGGGG",
        "latest": "submitted",
        "fidelity": [
            (10, "self", 88, "beth"),
            (7, "originating_team", 81, "nadia"),
            (4, "self", 94, "beth"),
            (1, "originating_team", 88, "nadia"),
        ],
        "context": [
            ("referrals", "Legal gateway panel refers by default.", 2, "asset", "aligned", ""),
            ("coordinators", "Daybreak coordinators based locally.", 2, "asset", "aligned", ""),
            (
                "court",
                "Large rural county with a busy family court.",
                0,
                "constraint",
                "gap",
                "Plans shared with the court early.",
            ),
        ],
        "exchanges": [],
        "adaptations": [
            {
                "title": "Conferences by video for relatives abroad",
                "description": (
                    "Relatives overseas join by video, including during private family time "
                    "on a separate link."
                ),
                "m": 7,
                "day": 8,
                "phase": "sustainment",
                "planning": "unplanned_reactive",
                "decided_by": "practitioner",
                "what_modified": "context_format",
                "level_of_delivery": "individual_recipient",
                "modification_type": "adding",
                "fidelity_relation": "consistent",
                "goal": "reach",
                "reasons_recipient": "Grandparents living abroad wanted to take part.",
                "criteria": ["format"],
                "by": "beth",
            },
        ],
    },
    {
        "key": "fgc-southwark",
        "innovation": "family-group-conferencing",
        "site": "southwark",
        "partner": "daybreak",
        "support": "daybreak",
        "board": None,
        "stages": [
            (16, "exploration", "Built on the earlier edge-of-care pilot."),
            (12, "preparation", "Coordinators recruited."),
            (8, "implementation", "Conferences offered at the legal gateway."),
        ],
        "roles": [("kwame", "lead"), ("nadia", "originating_partner")],
        "targets": {"conferences": (80, -4), "days": (10, -4)},
        "values": {
            "conferences": ("cum", 7),
            "referrals": ("cum", 10),
            "athome": ("pit", 60, 68),
            "days": ("pit", 22, 14),
        },
        "rag": "gAgAAgggAgrA",
        "latest": "submitted",
        "fidelity": [
            (7, "self", 50, "kwame"),
            (4, "originating_team", 63, "nadia"),
            (1, "self", 75, "kwame"),
        ],
        "context": [
            (
                "referrals",
                "Referrals late in pre-proceedings.",
                -1,
                "constraint",
                "gap",
                "Gateway panel now checks a conference has been offered.",
            ),
            (
                "culture",
                "Some teams unused to handing planning to families.",
                -1,
                "constraint",
                "gap",
                "Practice workshops with Daybreak.",
            ),
        ],
        "exchanges": [
            (
                "visit",
                "southwark",
                "wiltshire",
                "Southwark coordinators",
                "Visit to Wiltshire's service",
                11,
                11,
                "",
            ),
        ],
        "adaptations": [
            {
                "title": "Ten working days from referral to conference",
                "description": (
                    "A tighter target than the usual timescale so conferences happen before "
                    "the first pre-proceedings meeting."
                ),
                "m": 5,
                "day": 17,
                "phase": "implementation",
                "planning": "planned_proactive",
                "decided_by": "programme_manager",
                "what_modified": "implementation_activities",
                "level_of_delivery": "organisation",
                "modification_type": "shortening",
                "fidelity_relation": "consistent",
                "goal": "effectiveness",
                "reasons_organisation": "Conferences were landing after key decisions.",
                "criteria": [],
                "by": "kwame",
            },
        ],
    },
    {
        "key": "keep-harrow",
        "innovation": "keep",
        "site": "harrow",
        "partner": None,
        "support": "national-implementation-service",
        "board": None,
        "stages": [
            (
                3,
                "exploration",
                "Fostering service looking at support for carers of younger children.",
            ),
        ],
        "roles": [("sam", "lead")],
        "targets": {"started": (24, -9)},
        "values": {},
        "rag": "------------",
        "latest": "none",
        "fidelity": [],
        "context": [
            (
                "carers",
                "Many carers work during the day.",
                -1,
                "constraint",
                "gap",
                "Evening groups.",
            ),
            (
                "facilitators",
                "Supervising social workers interested in facilitating.",
                1,
                "asset",
                "aligned",
                "",
            ),
        ],
        "exchanges": [],
        "adaptations": [],
    },
    {
        "key": "mst-leeds",
        "innovation": "multisystemic-therapy",
        "site": "leeds",
        "partner": None,
        "support": "national-implementation-service",
        "board": None,
        "stages": [
            (38, "exploration", "Commissioned with time-limited funding."),
            (34, "preparation", "Team recruited and licensed."),
            (30, "implementation", "Team took its first families."),
            (5, "discontinued", "Funding ended; families moved to the edge-of-care team."),
        ],
        "roles": [("hannah", "lead")],
        "targets": {"completed": (40, -1), "athome": (80, -1)},
        "values": {
            "completed": ("cum", 3),
            "athome": ("pit", 82, 70),
        },
        "rag": "gAAArrR-----",
        "latest": "none",
        "fidelity": [
            (10, "self", 75, "hannah"),
            (7, "self", 50, "hannah"),
        ],
        "context": [
            (
                "funding",
                "Funding only for three years.",
                -2,
                "constraint",
                "blocker",
                "Outcome data presented to commissioners each quarter.",
            ),
            ("qa", "Licence quality assurance well run.", 1, "asset", "aligned", ""),
            (
                "therapists",
                "Therapists left as the end date approached.",
                -1,
                "constraint",
                "gap",
                "",
            ),
        ],
        "exchanges": [],
        "adaptations": [],
    },
]

# --- Boards ------------------------------------------------------------------------
#
# meetings: m/day as above; decisions may name an adaptation (adoption key, title)
# they decide; actions have a due date (m, day) and, if done, a completion date.

BOARDS = [
    {
        "slug": "rsw-governance-board",
        "name": "Reclaiming Social Work governance board",
        "description": (
            "Meets monthly to oversee the five authorities taking up Reclaiming Social Work "
            "with Morning Lane Associates. Holds the tramlines: the must-haves every "
            "authority keeps, and decides on any adaptation that touches them."
        ),
        "digest_day": 12,
        "members": [
            ("chair", "chair", True),
            ("member", "member", True),
            ("partner", "member", True),
            ("sam", "member", False),
            ("observer", "observer", False),
        ],
        "meetings": [
            {
                "m": 2,
                "day": 12,
                "attendees": ["chair", "member", "partner", "sam", "observer"],
                "other_attendees": "Heads of service from Derbyshire, Hull and Southwark.",
                "notes": (
                    "Reviewed the tramlines after a year of implementation and agreed they "
                    "stand. Hull reported on its restart after the pause and asked to share "
                    "a clinician between two units while recruiting."
                ),
                "decisions": [
                    {
                        "title": "Tramlines confirmed for the coming year",
                        "outcome": "noted",
                        "rationale": "No authority has found a must-have it cannot meet in time.",
                    },
                    {
                        "title": "Hull: clinician shared between two units",
                        "outcome": "approved",
                        "adaptation": (
                            "rsw-hull",
                            "Clinician shared between two units while recruiting",
                        ),
                        "rationale": (
                            "Approved for six months only, provided the clinician attends both "
                            "units' weekly meetings and recruitment continues."
                        ),
                    },
                ],
                "actions": [
                    {
                        "description": "Circulate the confirmed tramlines to every authority.",
                        "owner": "chair",
                        "due": (2, 26),
                        "status": "done",
                        "completed": (2, 24),
                    },
                ],
            },
            {
                "m": 1,
                "day": 14,
                "attendees": ["chair", "member", "partner"],
                "other_attendees": "Buckinghamshire's transformation lead (for item 3).",
                "notes": (
                    "Buckinghamshire proposed team managers as unit leads for its pilot units. "
                    "The board heard from Hackney on why the consultant role matters and "
                    "discussed Southwark's late update."
                ),
                "decisions": [
                    {
                        "title": "Buckinghamshire: team managers as unit leads",
                        "outcome": "rejected",
                        "adaptation": (
                            "rsw-buckinghamshire",
                            "Team managers as unit leads in two pilot units",
                        ),
                        "rationale": (
                            "A consultant social worker leading each unit is a tramline. The "
                            "board will support a phased start with fewer units instead."
                        ),
                    },
                ],
                "actions": [
                    {
                        "description": "Hull to confirm when the second clinician starts.",
                        "owner": "joanne",
                        "due": (1, 28),
                        "status": "open",
                    },
                    {
                        "description": "Buckinghamshire to bring a revised plan with fewer units.",
                        "owner": "claire",
                        "due": (-1, 12),
                        "status": "open",
                    },
                ],
            },
        ],
    },
    {
        "slug": "bradford-innovation-board",
        "name": "Bradford Innovation Board",
        "description": (
            "Oversees Bradford's two adoptions, No Wrong Door and Mockingbird, as one "
            "programme for children in care and on the edge of care. A senior manager from "
            "North Yorkshire sits on the board."
        ),
        "digest_day": 14,
        "members": [
            ("janet", "chair", True),
            ("mark", "member", True),
            ("imran", "member", False),
            ("fiona", "observer", True),
        ],
        "meetings": [
            {
                "m": 3,
                "day": 10,
                "attendees": ["janet", "mark", "imran"],
                "other_attendees": "Head of residential services; West Yorkshire Police inspector.",
                "notes": (
                    "Reviewed the first year of the hub. Missing episodes are falling. "
                    "Agreed to look for a second hub site."
                ),
                "decisions": [
                    {
                        "title": "Pool residential and edge-of-care budgets for the hub",
                        "outcome": "approved",
                        "rationale": "The hub spans both services, so its budget should too.",
                    },
                ],
                "actions": [
                    {
                        "description": "Agree information sharing with West Yorkshire Police.",
                        "owner": "imran",
                        "due": (1, 27),
                        "status": "in_progress",
                    },
                    {
                        "description": "Shortlist buildings for a second hub.",
                        "owner": "imran",
                        "due": (2, 20),
                        "status": "done",
                        "completed": (2, 18),
                    },
                ],
            },
            {
                "m": 1,
                "day": 9,
                "attendees": ["janet", "mark", "imran", "fiona"],
                "other_attendees": "",
                "notes": (
                    "Mockingbird's third constellation is forming. North Yorkshire shared how "
                    "its hubs kept police liaison posts when force budgets tightened."
                ),
                "decisions": [
                    {
                        "title": "Link one constellation to the hub",
                        "outcome": "noted",
                        "rationale": "Working well; carers value access to the hub psychologist.",
                    },
                ],
                "actions": [
                    {
                        "description": "Cost a second hub for the capital programme.",
                        "owner": "janet",
                        "due": (-2, 1),
                        "status": "open",
                    },
                ],
            },
        ],
    },
    {
        "slug": "mockingbird-programme-board",
        "name": "Mockingbird programme board",
        "description": (
            "Brings together services running Mockingbird with The Fostering Network as the "
            "licensed UK provider, to review progress and decide on changes to the model."
        ),
        "digest_day": 15,
        "members": [
            ("fiona", "chair", True),
            ("lead", "member", True),
            ("hannah", "member", True),
            ("owen", "member", False),
            ("observer", "observer", False),
        ],
        "meetings": [
            {
                "m": 4,
                "day": 15,
                "attendees": ["fiona", "lead", "hannah", "owen"],
                "other_attendees": "",
                "notes": (
                    "Shared learning on recruiting satellite households in rural areas. "
                    "Leeds presented its kinship constellation."
                ),
                "decisions": [
                    {
                        "title": "Kinship constellations count towards accreditation",
                        "outcome": "approved",
                        "rationale": "They meet every must-have; only the population differs.",
                    },
                ],
                "actions": [
                    {
                        "description": "Publish the rural recruitment notes for all sites.",
                        "owner": "fiona",
                        "due": (3, 15),
                        "status": "done",
                        "completed": (3, 10),
                    },
                ],
            },
            {
                "m": 1,
                "day": 16,
                "attendees": ["fiona", "lead", "owen", "observer"],
                "other_attendees": "",
                "notes": (
                    "Hearthside Fostering described the difficulty of finding a hub carer "
                    "without a long-term placement; a formal proposal will follow."
                ),
                "decisions": [
                    {
                        "title": "Accreditation reviews move to six-monthly",
                        "outcome": "noted",
                        "rationale": "Reduces the burden on established constellations.",
                    },
                ],
                "actions": [
                    {
                        "description": "Hearthside to send its hub carer proposal to the board.",
                        "owner": "owen",
                        "due": (-1, 10),
                        "status": "open",
                    },
                ],
            },
        ],
    },
]


# --- Lineage, combined programmes and accreditation --------------------------------

# (entry, adapted from, where it was adapted, who adapted it, what changed, why)
LINEAGE = [
    {
        "innovation": "mst-fit",
        "adapted_from": "multisystemic-therapy",
        "adapted_at": "south-london-and-maudsley",
        "adapted_by": "The MST developers, with the National Implementation Service",
        "changes": (
            "Starts while the young person is still in custody or residential care and "
            "carries on at home; adds skills work on managing emotions and on drug and "
            "alcohol use alongside the family work."
        ),
        "reasons": (
            "Young people coming home from custody or care were the group standard MST "
            "reached least well, and the weeks around the move home were when placements "
            "and family life most often broke down."
        ),
    },
]

# One site running several adoptions as one programme, with a conflict its lead records.
PROGRAMMES = [
    {
        "site": "bradford",
        "name": "Bradford's care and edge-of-care programme",
        "description": (
            "No Wrong Door's hub and Mockingbird's constellations run as one offer: a young "
            "person can move between the hub and a constellation's carers without starting "
            "again with new people."
        ),
        "board": "bradford-innovation-board",
        "adoptions": ["mockingbird-bradford", "nwd-bradford"],
        "conflicts": [
            {
                "first": ("no-wrong-door", "hub"),
                "second": ("mockingbird", "hub"),
                "recorded_by": "imran",
                "days_ago": 40,
                "description": (
                    "Both models put a hub at the centre but mean different things by it: No "
                    "Wrong Door's is a residential home with outreach staff, Mockingbird's is "
                    "an experienced carer's household. Staff and carers were unsure which one "
                    "a young person should turn to first."
                ),
                "resolution": "",
            },
        ],
    },
]

# (adoption, kind, awarding body, standard, status, awarded months back, expires in days)
ACCREDITATIONS = [
    {
        "adoption": "mockingbird-derbyshire",
        "kind": "licence",
        "awarding_body": "The Fostering Network",
        "standard": "Mockingbird programme licence",
        "status": "awarded",
        "awarded_months_back": 34,
        "expires_in_days": 45,
        "conditions": "Renewal needs the latest fidelity review and a constellation visit.",
    },
    {
        "adoption": "mockingbird-leeds",
        "kind": "licence",
        "awarding_body": "The Fostering Network",
        "standard": "Mockingbird programme licence",
        "status": "awarded",
        "awarded_months_back": 14,
        "expires_in_days": 700,
        "conditions": "",
    },
    {
        "adoption": "fgc-wiltshire",
        "kind": "accreditation",
        "awarding_body": "Daybreak Family Group Conferences",
        "standard": "Family group conference service accreditation",
        "status": "conditions",
        "awarded_months_back": 22,
        "expires_in_days": 80,
        "conditions": "Coordinators' independence from case-holding teams to be shown at renewal.",
    },
]
