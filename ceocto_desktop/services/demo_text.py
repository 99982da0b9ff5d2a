"""Words for the demo journal: what a young company's founders actually write down."""

from __future__ import annotations

from ceocto_desktop.models import Area, ObstacleCategory

GOALS: list[tuple[Area, str, str, list[tuple[str, float, float, str]]]] = [
    (
        Area.SALES,
        "Reach product-market fit in mid-market logistics",
        "Repeatable sales to 200–1,000 person logistics firms without founder-led demos.",
        [
            ("Paying mid-market customers", 4, 12, "customers"),
            ("Net revenue retention", 95, 110, "%"),
        ],
    ),
    (
        Area.PRODUCT,
        "Ship the routing engine v2",
        "Rewrite the planner so that a 5,000-stop day plans in under a minute.",
        [
            ("Planning speed-up on 5,000 stops", 1, 9, "×"),
            ("Customers migrated to v2", 0, 20, "customers"),
        ],
    ),
    (
        Area.FINANCE,
        "Extend runway to 24 months",
        "Cut burn and close the bridge so that we raise from strength, not need.",
        [("Runway", 14, 24, "months"), ("Monthly burn cut", 0, 70, "k€")],
    ),
    (
        Area.PEOPLE,
        "Hire a VP Engineering",
        "Has scaled a team from 10 to 40 and runs delivery while Priya does architecture.",
        [("Final-round candidates", 0, 3, "people"), ("Offer accepted", 0, 1, "")],
    ),
    (
        Area.CUSTOMERS,
        "Halve onboarding time",
        "New customers are live in two weeks, not four.",
        [("Days cut from onboarding", 0, 14, "days"), ("Onboarding NPS", 20, 45, "")],
    ),
    (
        Area.OPERATIONS,
        "SOC 2 Type I",
        "The audit our enterprise prospects keep asking for.",
        [("Controls implemented", 12, 80, "controls"), ("Audit passed", 0, 1, "")],
    ),
    (
        Area.STRATEGY,
        "Decide the enterprise tier",
        "Whether to build for 5,000+ person shippers this year or stay mid-market.",
        [("Enterprise discovery calls", 0, 15, "calls")],
    ),
    (
        Area.SALES,
        "Build a partner channel",
        "Two telematics vendors reselling us.",
        [("Signed partners", 0, 2, "partners"), ("Partner-sourced pipeline", 0, 400, "k€")],
    ),
    (
        Area.PRODUCT,
        "Cut incident count",
        "Fewer pages at night, so the team ships by day.",
        [
            ("Weeks without a Sev-1", 0, 8, "weeks"),
            ("Test coverage of planner", 41, 75, "%"),
        ],
    ),
    (
        Area.PEOPLE,
        "Grow the team to 25 without losing the culture",
        "Hiring plan for the Series A, with onboarding that works.",
        [("Headcount", 16, 25, "people"), ("eNPS", 30, 40, "")],
    ),
    (
        Area.FINANCE,
        "Close the Series A",
        "Lead investor, terms we both accept, money in the bank.",
        [("Term sheets", 0, 2, "term sheets"), ("Amount committed", 0, 8, "M€")],
    ),
    (
        Area.CUSTOMERS,
        "Win back churned pilots",
        "Three pilots left in spring; two of them should come back.",
        [("Returning customers", 0, 2, "customers")],
    ),
]

OBSTACLES: list[tuple[ObstacleCategory, str, str]] = [
    (
        ObstacleCategory.HIRING,
        "Senior backend hires keep declining",
        "Three offers declined in a row; the salary band is below market.",
    ),
    (
        ObstacleCategory.FINANCES,
        "Bridge round slower than planned",
        "Two of the angels want to wait for Q-end numbers.",
    ),
    (
        ObstacleCategory.PRODUCT_DIRECTION,
        "Roadmap pulled two ways",
        "Sales promises custom reports while engineering is on the planner rewrite.",
    ),
    (
        ObstacleCategory.ROLES,
        "Unclear who owns pricing",
        "Both of us changed the price list in the same week.",
    ),
    (
        ObstacleCategory.COMMUNICATION,
        "Decisions made in Slack DMs",
        "The team learns of decisions second hand.",
    ),
    (
        ObstacleCategory.CUSTOMERS,
        "Largest customer threatens to churn",
        "Their ops lead left; the new one prefers the incumbent.",
    ),
    (
        ObstacleCategory.TECHNICAL_DEBT,
        "Planner database at its limits",
        "Nightly batch runs into the morning on large accounts.",
    ),
    (
        ObstacleCategory.EXTERNAL,
        "Mapping provider raised prices 40%",
        "Renewal in two months; no alternative is tested.",
    ),
    (
        ObstacleCategory.HIRING,
        "No one owns recruiting",
        "Interviews get rescheduled; candidates drop out.",
    ),
    (
        ObstacleCategory.COMMUNICATION,
        "Board updates written the night before",
        "Numbers differ between the deck and the finance model.",
    ),
    (
        ObstacleCategory.TECHNICAL_DEBT,
        "Flaky end-to-end tests",
        "Releases wait a day for green runs.",
    ),
    (
        ObstacleCategory.ROLES,
        "CTO pulled into every sales call",
        "Priya spent 40% of her time on demos last month.",
    ),
]

SETBACKS: list[tuple[ObstacleCategory, str, str, str, str]] = [
    (
        ObstacleCategory.CUSTOMERS,
        "Missed the go-live date for the pilot customer",
        "We promised a date before the integration was scoped; it slipped by three weeks.",
        "Scope integrations with the customer's IT before a date leaves the room.",
        "Priya joined the customer calls; Sam took over the two hires she was running.",
    ),
    (
        ObstacleCategory.FINANCES,
        "Payroll almost bounced",
        "A customer paid 45 days late and we had not watched the cash forecast.",
        "A weekly 13-week cash view, reviewed together every Monday.",
        "Sam chased the payment; Priya delayed the hardware purchase without being asked.",
    ),
    (
        ObstacleCategory.TECHNICAL_DEBT,
        "Six-hour outage on a Monday",
        "A migration locked the routes table during the morning peak.",
        "Migrations run behind a flag and outside peak hours; we practise rollback.",
        "Sam handled every customer call so the team could focus on the fix.",
    ),
    (
        ObstacleCategory.COMMUNICATION,
        "Announced a reorg the other did not know about",
        "Sam told the sales team about the new structure before we had agreed on it.",
        "No people news goes out until both of us have said yes, in writing.",
        "Priya backed the change in front of the team and we fixed the details after.",
    ),
    (
        ObstacleCategory.HIRING,
        "A senior hire left after six weeks",
        "The role we described was not the role we had.",
        "Write the first 90 days of a role together before we open it.",
        "Priya covered the on-call rota; Sam reopened the search the same week.",
    ),
]

DECISIONS: list[tuple[str, str, str, str]] = [
    (
        "Raise prices 15% for new customers",
        "Margins are thin; competitors charge more.",
        "Keep prices; raise for all; raise for new customers only",
        "Existing customers keep their price for a year.",
    ),
    (
        "Move the planner to Postgres",
        "SQLite per tenant no longer scales.",
        "Shard SQLite; managed Postgres; self-hosted Postgres",
        "Managed Postgres, one region.",
    ),
    (
        "Hire a head of sales before the Series A",
        "Sam spends 70% of the week selling.",
        "Hire now; hire after the round; promote the best AE",
        "Hire now, with a six-month plan.",
    ),
    (
        "Drop the on-premise offer",
        "Two prospects asked; it would cost a quarter of engineering.",
        "Build it; partner for it; drop it",
        "Drop it and say so on the pricing page.",
    ),
    (
        "Four-day on-call rotation",
        "Incidents burn out the same three engineers.",
        "Weekly rotation; four-day rotation; hire an SRE",
        "Four-day rotation across eight people.",
    ),
    (
        "Take the bridge from existing investors",
        "Runway is 11 months; the market is slow.",
        "Bridge now; cut burn only; raise the A early",
        "Bridge of 1.5M€ at the last price.",
    ),
    (
        "Open an office in Rotterdam",
        "Half the pipeline is in the Benelux.",
        "Remote only; co-working; a small office",
        "A small office near the port, one-year lease.",
    ),
    (
        "Stop custom reports for customers",
        "Each one costs a week and nobody reuses them.",
        "Keep doing them; charge for them; build a report builder",
        "Charge for them until the report builder ships.",
    ),
    (
        "Weekly written CEO–CTO sync",
        "Decisions were getting lost between us.",
        "Keep talking ad hoc; a written sync; a weekly meeting",
        "A written sync on Monday, read before our Tuesday walk.",
    ),
    (
        "Quarterly planning with the whole team",
        "Plans made by the two of us surprise the team.",
        "Founders plan alone; leads join; everyone joins",
        "Leads join; everyone reads the draft.",
    ),
]

NOTES: list[tuple[str, tuple[str, ...]]] = [
    (
        "Walked through the **pipeline** together. Three deals need Priya on the technical call; "
        "we agreed she joins only the second call, not the first.",
        ("sales", "roles"),
    ),
    (
        "Board prep: the runway slide and the hiring slide tell different stories. "
        "Sam rewrites the narrative, Priya checks the numbers.",
        ("board",),
    ),
    (
        "Retro on the outage with the team. Nobody blamed anyone, which felt new. "
        "Action items are in the tracker.",
        ("incident", "team"),
    ),
    (
        "Long talk about what we each want from the next two years. "
        "Sam wants to build the sales org; Priya wants to stay close to the product.",
        ("roles",),
    ),
    (
        "Customer visit in Antwerp. They use the planner in ways we never designed for — "
        "*manual overrides on every third route*.",
        ("customers", "product"),
    ),
    (
        "Hiring debrief: two strong candidates for the platform team. "
        "We disagree on the second one; Priya decides, it is her team.",
        ("hiring",),
    ),
    ("Cash review: burn is down 8% since March. Not enough yet.", ("finance",)),
    ("Pricing experiment results are in: conversion unchanged at +15%. Keep it.", ("pricing",)),
    (
        "Felt unheard in the leadership meeting today. Said so afterwards; "
        "Sam had not noticed and apologised. Good talk.",
        ("communication",),
    ),
    (
        "Offsite plan: one day on strategy, one day on us. "
        "We book the coach for the afternoon of day two.",
        ("offsite",),
    ),
    (
        "Investor update sent. Replies from two of them asking about the enterprise tier.",
        ("investors",),
    ),
    (
        "Engineering all-hands: Priya presented the architecture for v2. "
        "The team asked good questions about the migration.",
        ("team", "product"),
    ),
    (
        "Sam covered the customer escalation on Friday so Priya could finish the design doc. "
        "Thank you.",
        ("appreciation",),
    ),
    (
        "We wrote down who decides what. Pricing: Sam. Architecture: Priya. Hiring bar: both.",
        ("roles", "decisions"),
    ),
    (
        "Partner call with the telematics vendor went well; they want a joint pilot in Q-next.",
        ("partners", "sales"),
    ),
]

WINS = [
    "Closed the Hafenlogistik deal.",
    "The planner rewrite passed its first full-day test.",
    "Two great hires accepted.",
    "Churn this month: zero.",
    "The board meeting went smoothly.",
    "Shipped onboarding checklists; first customer live in 11 days.",
    "We made the pricing decision in one meeting.",
    "Cash forecast is finally trusted.",
]
WORRIES = [
    "The Series A timeline.",
    "Whether the team is stretched too thin.",
    "Our largest customer's renewal.",
    "I am the bottleneck on hiring.",
    "Technical debt in the planner.",
    "We have not talked about equity refresh yet.",
    "Sales is promising features we have not scoped.",
]
NEEDS = [
    "Tell me earlier when a customer is unhappy.",
    "Take the Thursday demo for me.",
    "Push back when I overcommit the team.",
    "Review the hiring plan before Friday.",
    "Trust the estimate; I will flag risk early.",
    "Join the investor call on Tuesday.",
]
APPRECIATIONS = [
    "You handled the angry customer call with real calm.",
    "Thank you for defending the roadmap in front of the board.",
    "You covered for me when I was sick — and never made it a thing.",
    "Your write-up of the outage was honest and kind to the team.",
    "You let me run the hiring process my way.",
    "The offsite agenda was exactly right.",
]
RETRO_WELL = [
    "We made decisions faster and wrote them down.",
    "The weekly check-in became a habit; we both look forward to it.",
    "We handled the setback together without blaming.",
]
RETRO_CHANGE = [
    "Priya is still in too many sales calls.",
    "Board prep starts two weeks ahead, not two days.",
    "We need one place for decisions; Slack is not it.",
]
RETRO_COMMIT = [
    "One written sync a week, read before we meet.",
    "Review every decision on its review date.",
    "No people news without both of us agreeing.",
]
