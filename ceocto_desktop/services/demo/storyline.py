"""The demo's storyline: goals that follow from the roles, what stands in their way, choices.

Every title and description is a template; its slots ({customer}, {pct}, {arr}...) are
filled from demo_slots and from the quarter's figures, so ten years never repeat a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ceocto_desktop.models import Area, ObstacleCategory, Owner


@dataclass(frozen=True)
class GoalPlan:
    """A goal one role would set: the CEO's, the CTO's, or one both carry."""

    owner: Owner
    area: Area
    title: str
    description: str
    results: tuple[tuple[str, str, str, str], ...]  # title, start, target, unit
    obstacles: tuple[str, ...] = ()  # what tends to get in its way (OBSTACLES keys)
    decisions: tuple[str, ...] = ()  # what it makes the pair decide (DECISIONS keys)
    every: int = 3  # quarters before the pair sets a goal from this plan again


@dataclass(frozen=True)
class ObstaclePlan:
    category: ObstacleCategory
    title: str
    description: str
    resolution: str
    accepted: str  # what the pair says when they decide to live with it
    lesson: str


@dataclass(frozen=True)
class SetbackPlan:
    """Something that went wrong, recorded blameless; whose domain it hit, who covered."""

    category: ObstacleCategory
    owner: Owner  # whose domain the setback hit
    title: str
    description: str
    lesson: str
    covered: str  # how the other partner covered; {other}/{owner} are first names
    worry: str  # how it shows in that week's check-in
    thanks: str  # what the owner thanks the other for, as "thank you for ..."
    goal_areas: tuple[Area, ...]


@dataclass(frozen=True)
class DecisionPlan:
    decided_by: Owner  # the role that decides this alone, or both
    title: str
    context: str
    options: str
    decision: str
    rationale: str
    expected: str
    outcomes: tuple[str, str, str]  # better, as expected, worse
    dissent: str = ""  # why the other partner might disagree and commit
    reverse: str = ""  # the title of the decision that undoes it, if it goes badly
    reverse_text: str = field(default="")


A, B, JOINT = Owner.A, Owner.B, Owner.JOINT
ROUNDS = (
    ("seed extension", 2),
    ("Series A", 8),
    ("Series B", 25),
    ("Series C", 60),
    ("Series D", 120),
)
AUDITS = ("SOC 2 Type I", "SOC 2 Type II", "ISO 27001", "TISAX")
UPTIMES = ("99.5", "99.9", "99.95", "99.99")


def company_figures(index: int, quarter: str, version: int, extra_runway: int) -> dict[str, str]:
    """The company in its index-th quarter: the numbers its goals' templates are made of."""
    arr = 0.8 * 1.1**index
    team = 14 + 3 * index
    runway = 12 + index % 5
    round_name, amount = ROUNDS[min(len(ROUNDS) - 1, index // 6)]
    return {
        "arr": f"{arr:.1f}",
        "arr_target": f"{arr * 1.15:.1f}",
        "team": str(team),
        "team_target": str(team + 4),
        "eng": str(team * 11 // 20),
        "eng_target": str(team * 11 // 20 + 3),
        "runway": str(runway),
        "runway_target": str(runway + extra_runway),
        "round": round_name,
        "raise": str(amount),
        "bridge": f"{amount / 4:g}",
        "audit": AUDITS[min(len(AUDITS) - 1, index // 6)],
        "uptime": UPTIMES[min(len(UPTIMES) - 1, index // 8)],
        "year": quarter[:4],
        "version": str(version),
    }


GOALS: tuple[GoalPlan, ...] = (
    # The CEO's: sales, customers on the commercial side, fundraising, finance.
    GoalPlan(
        A,
        Area.SALES,
        "Grow ARR to €{arr_target}M",
        "New logos in {market} and expansion at {customer}; ARR from €{arr}M to €{arr_target}M.",
        (("ARR", "{arr}", "{arr_target}", "M€"), ("Qualified pipeline", "{n}", "{big_n}", "deals")),
        ("pipeline", "pricing_pressure", "cto_in_sales"),
        ("pricing", "sales_hire", "discount"),
        every=1,
    ),
    GoalPlan(
        A,
        Area.FINANCE,
        "Close the {round}",
        "A lead investor and terms we both accept, money in the bank before the runway says so.",
        (("Term sheets", "0", "2", "term sheets"), ("Amount committed", "0", "{raise}", "M€")),
        ("investors_wait", "board_prep"),
        ("bridge", "lead_investor"),
    ),
    GoalPlan(
        A,
        Area.FINANCE,
        "Extend runway to {runway_target} months",
        "Cut burn without cutting the roadmap, so that we raise from strength, not need.",
        (("Runway", "{runway}", "{runway_target}", "months"), ("Burn cut", "0", "{k}", "k€")),
        ("late_payer", "cloud_bill"),
        ("bridge", "hiring_freeze"),
    ),
    GoalPlan(
        A,
        Area.SALES,
        "First customers in {market}",
        "First three customers in {market}, one local reference, a partner who knows the trade.",
        (("Customers in {market}", "0", "3", "customers"), ("Local partners", "0", "1", "")),
        ("pipeline", "translation"),
        ("office", "reseller"),
    ),
    GoalPlan(
        A,
        Area.CUSTOMERS,
        "Keep logo churn under {small_pct}%",
        "Every renewal this quarter owned by a named person, starting with {customer}.",
        (("Renewals closed", "0", "{n}", "renewals"), ("Customers at risk saved", "0", "2", "")),
        ("churn_threat", "late_payer"),
        ("discount", "success_team"),
    ),
    GoalPlan(
        A,
        Area.SALES,
        "Build a reseller channel in {market}",
        "Telematics vendors who already sell to fleets, reselling us with their hardware.",
        (("Signed resellers", "0", "2", "partners"), ("Partner pipeline", "0", "{k}", "k€")),
        ("pipeline", "translation"),
        ("reseller", "pricing"),
    ),
    # The CTO's: architecture, the engineering team, reliability, security.
    GoalPlan(
        B,
        Area.PRODUCT,
        "Ship routing engine v{version}",
        "The planner rewrite: a {stops}-stop day planned in under a minute, on the new model.",
        (
            ("Planning speed-up", "1", "{n}", "×"),
            ("Customers migrated", "0", "{big_n}", "customers"),
        ),
        ("planner_limits", "flaky_tests", "roadmap_pulled"),
        ("postgres", "freeze_features", "rewrite_scope"),
    ),
    GoalPlan(
        B,
        Area.PRODUCT,
        "Reach {uptime}% uptime",
        "Fewer pages at night so the team ships by day; on-call that people can live with.",
        (("Uptime", "99.0", "{uptime}", "%"), ("Weeks without a Sev-1", "0", "{weeks}", "weeks")),
        ("flaky_tests", "oncall_burnout", "planner_limits"),
        ("oncall", "freeze_features"),
    ),
    GoalPlan(
        B,
        Area.OPERATIONS,
        "{audit} certification",
        "The audit enterprise prospects keep asking for; controls owned by engineering.",
        (("Controls implemented", "{n}", "{big_n}", "controls"), ("Audit passed", "0", "1", "")),
        ("audit_evidence", "roadmap_pulled"),
        ("auditor", "security_hire"),
    ),
    GoalPlan(
        B,
        Area.PEOPLE,
        "Grow engineering to {eng_target} engineers",
        "Hiring for the platform and mobile teams, with onboarding that gets people shipping.",
        (("Engineers", "{eng}", "{eng_target}", "people"), ("Offers accepted", "0", "{n}", "")),
        ("offers_declined", "no_recruiter"),
        ("eng_hire", "remote_hiring"),
        every=2,
    ),
    GoalPlan(
        B,
        Area.PEOPLE,
        "Hire a VP Engineering",
        "Someone who has grown a team from 10 to 40 and runs delivery while Priya does "
        "architecture.",
        (("Final-round candidates", "0", "3", "people"), ("Offer accepted", "0", "1", "")),
        ("offers_declined", "no_recruiter"),
        ("eng_hire",),
    ),
    GoalPlan(
        B,
        Area.PRODUCT,
        "Cut cloud cost per planned route by {pct}%",
        "Right-size the planner fleet and cache map tiles; the bill grew faster than revenue.",
        (("Cost per route cut", "0", "{pct}", "%"), ("Services right-sized", "0", "{n}", "")),
        ("cloud_bill", "planner_limits"),
        ("postgres", "map_provider"),
    ),
    # What both carry: strategy, culture, the customer's whole experience.
    GoalPlan(
        JOINT,
        Area.CUSTOMERS,
        "Cut onboarding to {days} days",
        "New customers live in {days} days: sales scopes the integration, engineering ships it.",
        (("Days cut from onboarding", "0", "{days}", "days"), ("Onboarding NPS", "20", "45", "")),
        ("go_live_slip", "roadmap_pulled"),
        ("success_team", "custom_reports"),
    ),
    GoalPlan(
        JOINT,
        Area.STRATEGY,
        "Launch {product}",
        "From a promise in the deck to something customers pay for; we both own the launch.",
        (("Paying customers", "0", "{n}", "customers"), ("Beta users", "0", "{big_n}", "")),
        ("roadmap_pulled", "pricing_pressure"),
        ("pricing", "freeze_features", "launch_date"),
    ),
    GoalPlan(
        JOINT,
        Area.PEOPLE,
        "Grow to {team_target} people without losing the culture",
        "A hiring plan we both signed, and an eNPS that holds while we grow.",
        (("Headcount", "{team}", "{team_target}", "people"), ("eNPS", "{score}", "45", "")),
        ("decisions_in_dms", "no_recruiter"),
        ("offsite", "remote_hiring", "all_hands"),
        every=2,
    ),
    GoalPlan(
        JOINT,
        Area.STRATEGY,
        "Decide the enterprise tier for {year}",
        "Whether to build for 5,000+ person shippers this year or stay mid-market.",
        (("Enterprise discovery calls", "0", "{big_n}", "calls"),),
        ("roadmap_pulled", "cto_in_sales"),
        ("enterprise", "launch_date"),
    ),
)

OBSTACLES: dict[str, ObstaclePlan] = {
    "pipeline": ObstaclePlan(
        ObstacleCategory.CUSTOMERS,
        "Pipeline thin in {market}",
        "Only {n} qualified deals; {seller} says the demos land but nobody signs before budget.",
        "{seller} ran a webinar series with {customer}; {big_n} new leads, {n} qualified.",
        "We accept a slower quarter in {market} and put the effort into renewals.",
        "Pipeline needs a quarter of lead time; start before the goal, not with it.",
    ),
    "pricing_pressure": ObstaclePlan(
        ObstacleCategory.CUSTOMERS,
        "Prospects anchor on a cheaper competitor",
        "{customer} in {city} quoted a price {pct}% below ours in the final round.",
        "We sold on planning time, not price; {customer} signed at list.",
        "We lose the price-led deals and say so early.",
        "Lead with the minutes saved per route, never with the discount.",
    ),
    "cto_in_sales": ObstaclePlan(
        ObstacleCategory.ROLES,
        "CTO pulled into every sales call",
        "Priya spent {pct}% of her time on demos last month; architecture work waits.",
        "A solutions engineer takes first technical calls; Priya joins only the second.",
        "For the enterprise deals Priya stays in; we budget the time.",
        "Protect the architect's week; sell with a solutions engineer first.",
    ),
    "investors_wait": ObstaclePlan(
        ObstacleCategory.FINANCES,
        "Investors want to wait for quarter-end numbers",
        "{investor} and {investor2} both asked to see the next quarter before committing.",
        "Shared the monthly numbers early; {investor} committed on {weekday}.",
        "We wait for the quarter-end numbers and extend the runway meanwhile.",
        "Share numbers monthly with investors, not only when we need them.",
    ),
    "board_prep": ObstaclePlan(
        ObstacleCategory.COMMUNICATION,
        "Board deck written the night before",
        "Numbers in the deck differ from the finance model; the runway slide is wrong.",
        "Board prep now starts two weeks ahead with one shared model.",
        "We accept a rough deck this time and fix the model after the meeting.",
        "One finance model, owned by Sam, checked by Priya, two weeks before the board.",
    ),
    "late_payer": ObstaclePlan(
        ObstacleCategory.FINANCES,
        "{customer} pays {late_days} days late",
        "Invoices of €{k}k outstanding; the cash forecast did not expect it.",
        "Sam called their CFO; paid in full, with a direct debit from now on.",
        "We accept the late payment and plan cash as if it were 60 days.",
        "Watch the 13-week cash view every Monday, together.",
    ),
    "cloud_bill": ObstaclePlan(
        ObstacleCategory.FINANCES,
        "Cloud bill up {pct}% in a month",
        "The planner fleet scales up at night and never down again.",
        "Autoscaling fixed by {engineer}; the bill back to last quarter's level.",
        "We pay the higher bill until the new planner ships.",
        "Put a budget alert on every service the day it ships.",
    ),
    "translation": ObstaclePlan(
        ObstacleCategory.PRODUCT_DIRECTION,
        "The product speaks only English",
        "Dispatchers at {customer} in {city} need the planner in their own language.",
        "{engineer} shipped translations; the first three languages are live.",
        "We sell in English for now and translate once the market proves out.",
        "Translation is part of opening a market, not an afterthought.",
    ),
    "churn_threat": ObstaclePlan(
        ObstacleCategory.CUSTOMERS,
        "{customer} threatens to churn",
        "Their ops lead in {city} left; the new one prefers the incumbent.",
        "Sam and {seller} visited {city}; {customer} renewed for two years.",
        "We let {customer} go and learn why in an exit call.",
        "Know two people at every customer, not one.",
    ),
    "planner_limits": ObstaclePlan(
        ObstacleCategory.TECHNICAL_DEBT,
        "Planner database at its limits",
        "The nightly batch runs into the morning on accounts over {stops} stops.",
        "{engineer} split the batch by depot; the nightly run ends by 04:00.",
        "We live with late batches for the largest accounts until v-next.",
        "Load-test with the largest customer's data before every release.",
    ),
    "flaky_tests": ObstaclePlan(
        ObstacleCategory.TECHNICAL_DEBT,
        "Flaky end-to-end tests",
        "Releases wait a day for green runs; {engineer} counts {big_n} flaky tests.",
        "Quarantined the flaky tests; {engineer2} fixed the worst {n}.",
        "We release on amber and watch the dashboards, for now.",
        "A flaky test is a bug; it gets an owner the day it flakes.",
    ),
    "roadmap_pulled": ObstaclePlan(
        ObstacleCategory.PRODUCT_DIRECTION,
        "Roadmap pulled two ways",
        "Sales promises {product} to {customer} while engineering is on the planner rewrite.",
        "We wrote one roadmap together; promises to customers go through it.",
        "We let the rewrite slip {weeks} weeks and keep the promise to {customer}.",
        "No promise leaves a sales call without a date from engineering.",
    ),
    "oncall_burnout": ObstaclePlan(
        ObstacleCategory.HIRING,
        "On-call burns out the same three engineers",
        "{engineer}, {engineer2} and one more carry most pages; two hinted they might leave.",
        "Rotation across eight people, with a day off after a night page.",
        "We pay on-call extra until the team is big enough to rotate.",
        "On-call load is a people metric; look at it in every check-in.",
    ),
    "audit_evidence": ObstaclePlan(
        ObstacleCategory.EXTERNAL,
        "Auditor wants evidence we do not collect",
        "Access reviews and change approvals were done but never written down.",
        "{engineer} automated the evidence; the auditor accepted it on {weekday}.",
        "We accept a finding on access reviews and fix it before the next audit.",
        "Write down what we already do; the audit is mostly paperwork.",
    ),
    "offers_declined": ObstaclePlan(
        ObstacleCategory.HIRING,
        "Senior offers keep being declined",
        "{n} offers declined in a row; the salary band is {pct}% below market.",
        "New band agreed with Sam; {candidate} accepted on {weekday}.",
        "We hire more juniors and pair them with seniors instead.",
        "Check the band against the market before opening a role.",
    ),
    "no_recruiter": ObstaclePlan(
        ObstacleCategory.HIRING,
        "No one owns recruiting",
        "Interviews get rescheduled; {candidate} dropped out after waiting {days} days.",
        "Hired a recruiter for six months; interviews booked within 48 hours.",
        "We each block two interview slots a week and live with the slower pace.",
        "Every open role has one owner and a weekly review.",
    ),
    "decisions_in_dms": ObstaclePlan(
        ObstacleCategory.COMMUNICATION,
        "Decisions made in private messages",
        "The team learns of decisions second hand; {engineer} heard about a change from a "
        "customer.",
        "Every decision goes in the journal and the Monday note.",
        "Small decisions stay in chat; anything the team feels goes in the journal.",
        "If the team will feel it, write it down where the team reads.",
    ),
    "go_live_slip": ObstaclePlan(
        ObstacleCategory.CUSTOMERS,
        "{customer} go-live at risk",
        "Their data import needs a connector we have not built; go-live is in {weeks} weeks.",
        "{engineer} built the connector; {customer} went live on a {weekday}.",
        "{customer} goes live without the connector and imports by hand for a month.",
        "Scope integrations with the customer's IT before a date leaves the room.",
    ),
}

SETBACKS: tuple[SetbackPlan, ...] = (
    SetbackPlan(
        ObstacleCategory.TECHNICAL_DEBT,
        B,
        "{hours}-hour outage on a {weekday}",
        "A migration locked the routes table during the morning peak; {trucks} trucks waited.",
        "Migrations run behind a flag and outside peak hours; we practise rollback.",
        "{other} took every customer call so {owner} and the team could focus on the fix.",
        "The outage, and whether customers still trust the planner.",
        "taking every customer call during the outage",
        (Area.PRODUCT, Area.OPERATIONS),
    ),
    SetbackPlan(
        ObstacleCategory.CUSTOMERS,
        A,
        "Missed the go-live date for {customer}",
        "We promised a date before the integration was scoped; it slipped by {weeks} weeks.",
        "Scope integrations with the customer's IT before a date leaves the room.",
        "{other} joined the {customer} calls and re-planned the integration with them.",
        "Whether {customer} forgives the missed date.",
        "re-planning the {customer} integration with their IT",
        (Area.CUSTOMERS, Area.SALES),
    ),
    SetbackPlan(
        ObstacleCategory.FINANCES,
        A,
        "Payroll almost bounced",
        "{customer} paid {late_days} days late and nobody was watching the cash forecast.",
        "A weekly 13-week cash view, reviewed together every Monday.",
        "{other} delayed the hardware order without being asked and found €{k}k of slack.",
        "Cash, after the payroll scare.",
        "finding the slack in the budget when cash ran short",
        (Area.FINANCE,),
    ),
    SetbackPlan(
        ObstacleCategory.COMMUNICATION,
        A,
        "Announced a reorg before we had agreed on it",
        "{owner} told the sales team about the new structure before we had agreed on it.",
        "No people news goes out until both of us have said yes, in writing.",
        "{other} backed the change in front of the team and we fixed the details after.",
        "How the team took the reorg news.",
        "backing the reorg in front of the team before we had fixed the details",
        (Area.PEOPLE, Area.STRATEGY),
    ),
    SetbackPlan(
        ObstacleCategory.HIRING,
        B,
        "A senior hire left after {weeks} weeks",
        "The role we described to {candidate} was not the role we had.",
        "Write the first 90 days of a role together before we open it.",
        "{other} reopened the search the same week and ran the first interviews.",
        "Losing {candidate}, and what the team makes of it.",
        "reopening the search the same week and running the first interviews",
        (Area.PEOPLE,),
    ),
    SetbackPlan(
        ObstacleCategory.TECHNICAL_DEBT,
        B,
        "Data leak scare at {customer}",
        "A debug export with driver names went to the wrong contact; caught within hours.",
        "Exports go through one reviewed path; no debug data leaves production.",
        "{other} called {customer}'s CEO the same evening and kept the relationship.",
        "The data scare at {customer}.",
        "calling {customer}'s CEO the same evening",
        (Area.OPERATIONS, Area.PRODUCT),
    ),
)

GOAL_UPDATES = {
    "on track": (
        "On pace; {kr} at {value}.",
        "{kr} moved to {value}; good fortnight.",
        "Steady. {kr} now {value}.",
        "{kr} at {value}, ahead of the plan we made in week one.",
    ),
    "at risk": (
        "Slower than hoped: {kr} only at {value}.",
        "{kr} stuck at {value}; see the obstacles.",
        "At risk. {kr} at {value}; we re-planned the rest.",
    ),
    "off track": (
        "Off track: {kr} at {value}, well behind our plan.",
        "{kr} has not moved past {value}; we talk about it on Monday.",
    ),
}
RETRO_WELL = (
    "We achieved {achieved}.",
    "{achieved} done, and we decided faster than last quarter.",
    "Getting {achieved} over the line together.",
)
RETRO_WELL_NONE = (
    "The weekly check-in held every week, even the hard ones.",
    "We handled the setbacks without blaming each other.",
)
RETRO_CHANGE = (
    "{obstacle} took too long; we raise things like it in week one next time.",
    "We carried {carried} into next quarter; smaller goals next time.",
    "Board prep starts two weeks ahead, not two days.",
)
RETRO_COMMIT = (
    "One written sync a week, read before we meet.",
    "Review every decision on its review date.",
    "No people news without both of us agreeing.",
    "Priya joins only second sales calls.",
    "Sam shares the cash view every Monday.",
)
