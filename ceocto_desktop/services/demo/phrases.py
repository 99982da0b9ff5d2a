"""The phrase bank for the demo's notes and check-in answers: templates with slots.

A note is an opener, one to three sentences and sometimes a closer, all drawn from one
topic; a long note is meeting minutes with bullets. Slots are filled by demo_slots.Slots.
"""

from __future__ import annotations

from dataclasses import dataclass

from ceocto_desktop.models import Area, Seat


@dataclass(frozen=True)
class Topic:
    tags: tuple[str, ...]
    area: Area  # a note on this topic links to the quarter's goal in this area, if any
    writer: Seat | None  # who usually writes it (None: either of them)
    openers: tuple[str, ...]
    sentences: tuple[str, ...]
    closers: tuple[str, ...]
    meeting: str  # the heading of long-form minutes on this topic


TOPICS: tuple[Topic, ...] = (
    Topic(
        ("sales",),
        Area.SALES,
        Seat.A,
        (
            "Pipeline review with {seller} on {weekday}.",
            "Demo for {customer} in {city} today.",
            "Second call with {customer}; their dispatch lead joined.",
            "Went through the deals in {market} with {seller}.",
            "Lost the deal with {customer2} in {city2}.",
            "Call with {customer} about expanding to {n} more depots.",
        ),
        (
            "They plan {trucks} trucks a day by hand in spreadsheets.",
            "The objection was price, then integration, then price again.",
            "{seller} wants Priya on the technical call; only the second one, as agreed.",
            "Their ops lead asked whether the planner handles time windows at {n} stops per hour.",
            "We have {n} deals in the last stage and {big_n} in the pipeline.",
            "Average deal size is up {pct}% since the new price list.",
            "They compared us with the incumbent and liked the re-planning during the day.",
            "Procurement wants a security questionnaire of {big_n} questions by {weekday}.",
            "The decision maker is the CFO, not the ops lead; we pitched the wrong person.",
            "{seller} thinks they sign before the end of the month.",
            "They asked for a pilot on {n} depots, paid, for {weeks} weeks.",
            "It came down to the integration with their warehouse system.",
        ),
        (
            "Next step: proposal by {weekday}.",
            "Follow-up booked for {weekday2}.",
            "Not a fit this year; we keep in touch.",
            "Sam sends the summary to {seller} tonight.",
        ),
        "Pipeline review",
    ),
    Topic(
        ("customers",),
        Area.CUSTOMERS,
        None,
        (
            "Visited {customer} in {city}.",
            "Quarterly review with {customer}.",
            "Support escalation from {customer} this {weekday}.",
            "{customer} went live on {weekday}.",
            "Onboarding call with {customer} in {city}.",
        ),
        (
            "They use the planner in ways we never designed for: *manual overrides on every "
            "third route*.",
            "Their dispatchers saved {minutes} minutes a morning in the first month.",
            "The driver app drains batteries on older phones; {engineer} is looking at it.",
            "They want the ETA in the customer SMS, in {n} languages.",
            "Their IT asked for single sign-on before the rollout to the other depots.",
            "Import of their address book failed on umlauts; fixed the same day.",
            "Onboarding took {days} days, most of it waiting for their data.",
            "The ops lead showed us their wall of printed routes; it is coming down next month.",
            "They asked whether we can plan electric vans with charging stops.",
            "NPS from their dispatchers: {score}.",
            "A supplier in {supplier_city}, {supplier}, sends them sensor data we could use.",
            "Their CEO mentioned us to {customer2} in {city2}.",
        ),
        (
            "Good people; worth the trip.",
            "Priya follows up on the technical points.",
            "Sam owns the renewal conversation.",
            "Case study candidate.",
        ),
        "Customer review",
    ),
    Topic(
        ("product", "engineering"),
        Area.PRODUCT,
        Seat.B,
        (
            "Architecture review of {component} with {engineer}.",
            "Engineering all-hands: Priya presented the plan for {component}.",
            "Sprint demo on {weekday}.",
            "Design doc for {product} is out for comments.",
            "Load test on {stops} stops this morning.",
            "Post-mortem of last {weekday}'s incident with the team.",
        ),
        (
            "Planning a {stops}-stop day now takes {seconds} seconds, down from minutes.",
            "{engineer} found the slow query: a missing index on depot and date.",
            "We cut the scope to what {customer} needs for go-live.",
            "The migration runs tenant by tenant; {n} done, {big_n} to go.",
            "Nobody blamed anyone, which felt new. Action items are in the tracker.",
            "The team asked good questions about rollback.",
            "{engineer2} proposed caching map tiles per region; cost down {pct}%.",
            "Flaky tests are down to {n}; releases go out the same day again.",
            "We agreed to delete the old import pipeline by the end of the quarter.",
            "The new model handles time windows and vehicle types in one pass.",
            "{engineer} paired with {engineer2} on the routing heuristics all week.",
            "Tech debt list reviewed: {n} items we pay down this quarter, the rest we accept.",
        ),
        (
            "Priya writes up the decision.",
            "Follow-up in Thursday's architecture hour.",
            "Good week for the team.",
            "Next review in {weeks} weeks.",
        ),
        "Architecture review",
    ),
    Topic(
        ("hiring",),
        Area.PEOPLE,
        None,
        (
            "Hiring debrief for the {role} role.",
            "Interviewed {candidate} for {role} today.",
            "Offer out to {candidate}.",
            "Reference calls for {candidate}.",
            "Hiring plan review for next quarter.",
        ),
        (
            "Strong on systems, less on product sense; the panel split {n} to 2.",
            "We disagree on this one; it is Priya's team, so Priya decides.",
            "{candidate} asked good questions about how we make decisions.",
            "The salary band is {pct}% below what {candidate} earns now.",
            "Two strong candidates; we can afford one this quarter.",
            "They want to work remotely from {place}; fine within two time zones.",
            "Time from first call to offer: {days} days. Too long.",
            "References call {candidate} calm under pressure and generous with juniors.",
            "Sales hires and engineering hires share one budget; we agreed the split.",
        ),
        (
            "Decision by {weekday}.",
            "Offer goes out tomorrow.",
            "We keep looking.",
        ),
        "Hiring review",
    ),
    Topic(
        ("finance",),
        Area.FINANCE,
        Seat.A,
        (
            "Cash review on {weekday}.",
            "Monthly numbers are in.",
            "Budget review for next quarter.",
            "Went through the 13-week cash view together.",
        ),
        (
            "Burn is down {small_pct}% since last month. Not enough yet.",
            "Runway at {runway} months at the current burn.",
            "Cloud costs are {pct}% of revenue; Priya has a plan to halve that.",
            "{customer} still owes €{k}k; Sam calls their CFO on {weekday}.",
            "Gross margin up {small_pct} points with the new price list.",
            "Hiring plan costs €{k}k more than the budget; we cut two roles.",
            "Travel spend doubled with the {place} visits; worth it so far.",
        ),
        (
            "Sam updates the model tonight.",
            "Next review in four weeks.",
            "Numbers go to the board pack.",
        ),
        "Cash review",
    ),
    Topic(
        ("investors", "board"),
        Area.FINANCE,
        Seat.A,
        (
            "Investor update sent.",
            "Call with {investor} on {weekday}.",
            "Board prep for next month.",
            "Coffee with a partner from {investor} in {place}.",
        ),
        (
            "Replies from two of them asking about the enterprise tier.",
            "They want to see net retention above {small_pct}0% before the next round.",
            "The runway slide and the hiring slide tell different stories; Sam rewrites the "
            "narrative, Priya checks the numbers.",
            "{investor2} offered intros to {n} logistics CFOs.",
            "We ask the board for introductions to two VP Engineering candidates.",
            "They asked how the two of us split decisions; we showed the journal.",
        ),
        (
            "Sam sends the follow-up.",
            "Deck due {weekday}.",
            "Good meeting.",
        ),
        "Board prep",
    ),
    Topic(
        ("roles", "us"),
        Area.STRATEGY,
        None,
        (
            "Walk and talk on {weekday} morning.",
            "Long talk about the next two years.",
            "Our written sync this week.",
            "Evening call after a long day.",
            "Session with our coach in {place}.",
        ),
        (
            "Sam wants to build the sales org; Priya wants to stay close to the product.",
            "We wrote down who decides what. Pricing: Sam. Architecture: Priya. Hiring bar: both.",
            "Felt unheard in the leadership meeting; said so afterwards and it was heard.",
            "We both said yes to too much this month; we each drop one thing.",
            "Agreed to disagree on timing for {market} and revisit in {weeks} weeks.",
            "We noticed we only talk about problems; started with wins today.",
            "Talked about what each of us needs when things go wrong: space first, then a plan.",
            "We split the {customer} escalation: Sam the customer, Priya the fix.",
        ),
        (
            "Good talk.",
            "Back in {weeks} weeks.",
            "Writing it down so we remember.",
        ),
        "Founders' sync",
    ),
    Topic(
        ("team",),
        Area.PEOPLE,
        None,
        (
            "One-to-one with {engineer}.",
            "Team lunch on {weekday}.",
            "All-hands on {weekday}.",
            "Onboarding week for two new people.",
            "Pulse survey results are in.",
        ),
        (
            "eNPS at {score}; the comments ask for fewer priorities.",
            "{engineer} wants to grow into a lead role; we make a plan together.",
            "Questions were mostly about the {round} and what it means for equity.",
            "People like the written updates; nobody reads the long ones.",
            "Two people asked for a clearer career ladder.",
            "{engineer2} is tired after the on-call month; a quieter sprint for them.",
            "The team in {place} feels far from decisions; we visit more often.",
        ),
        (
            "Follow-up next week.",
            "We answer at the next all-hands.",
        ),
        "Team review",
    ),
    Topic(
        ("suppliers", "partners"),
        Area.SALES,
        None,
        (
            "Call with {supplier} in {supplier_city}.",
            "Partner meeting with {supplier}.",
            "Renewal talk with our map provider.",
        ),
        (
            "They want a joint pilot with {customer} next quarter.",
            "Their sensors send temperature every {minutes} seconds; the planner could use it.",
            "Price rise of {pct}% on the renewal; Priya tests an alternative.",
            "Their contract is in Japanese and English; the Japanese one (契約書) governs.",
            "The integration needs {weeks} weeks of one engineer.",
            "They resell to fleets in {market}; a channel we do not have.",
        ),
        (
            "Sam negotiates the terms, Priya the integration.",
            "Decision in two weeks.",
        ),
        "Partner meeting",
    ),
)

LONG_EXTRAS = (
    "Who was there: Sam, Priya, {seller} and {engineer}.",
    "We ran over by {minutes} minutes, mostly on the first point.",
    "Open question we did not settle: how much of this goes to the board.",
    "Owner for each follow-up is in the tracker; Sam checks them on {weekday}.",
    "Context: this came up after last week's call with {customer} in {city}.",
)

# Check-in answers, by the seat answering. Appreciation is always about the *other*
# partner ({other} is their first name); it never names the one who writes it.
WINS: dict[Seat, tuple[str, ...]] = {
    Seat.A: (
        "Closed {customer} in {city}.",
        "{seller} closed their first deal on their own.",
        "Investor update got three warm replies.",
        "Renewal with {customer} signed for two years.",
        "Good board call; they back the plan.",
        "Pipeline in {market} doubled this month.",
    ),
    Seat.B: (
        "The planner rewrite passed its first full-day test.",
        "{candidate} accepted our offer.",
        "A quiet on-call week: no pages at night.",
        "{engineer} shipped the import connector for {customer}.",
        "Load test at {stops} stops passed in {seconds} seconds.",
        "Released twice this week without drama.",
    ),
}
WORRIES: dict[Seat, tuple[str, ...]] = {
    Seat.A: (
        "The {round} timeline.",
        "{customer}'s renewal in {weeks} weeks.",
        "Sales promising features we have not scoped.",
        "Cash, if {customer} pays late again.",
        "I am the bottleneck on every deal over €{k}k.",
    ),
    Seat.B: (
        "Whether the team is stretched too thin.",
        "Technical debt in {component}.",
        "I am the bottleneck on hiring.",
        "On-call load on {engineer}.",
        "The migration dates we promised {customer}.",
    ),
}
NEEDS: dict[Seat, tuple[str, ...]] = {
    # What Sam (A) asks of Priya, and what Priya (B) asks of Sam.
    Seat.A: (
        "Join the {customer} technical call on {weekday}.",
        "A date for {product} I can give customers.",
        "Review the security questionnaire for {customer} by {weekday}.",
        "Tell me early when a release date slips.",
        "Check the hiring numbers in the board deck.",
    ),
    Seat.B: (
        "Push back when customers ask for custom work.",
        "Take the {weekday} demo for me.",
        "Tell me earlier when a customer is unhappy.",
        "Trust the estimate; I will flag risk early.",
        "Protect the team from new promises until the rewrite ships.",
    ),
}
ACTS: dict[Seat, tuple[str, ...]] = {
    # What each partner did that the other thanks them for.
    Seat.A: (
        "handling the angry call from {customer} with real calm",
        "keeping the {weekday} sales call off my calendar",
        "defending the roadmap in front of the board",
        "closing {customer} without promising features",
        "taking the investor meeting alone so I could stay with the team",
        "letting me run the hiring panel my way",
    ),
    Seat.B: (
        "getting the planner back up in the middle of the night",
        "joining the {customer} call and winning over their IT",
        "the honest write-up of the incident, kind to the team",
        "checking every number in the board deck",
        "covering my one-to-ones when I was sick, without making it a thing",
        "explaining the architecture to {investor} in plain words",
    ),
}
APPRECIATION = (
    "{Other}, thank you for {act}.",
    "Thank you, {Other}, for {act}.",
    "{Other}: {act} — that mattered.",
    "{Other}, {act}: that made my week.",
)
OBSTACLE_FOLLOWUPS = (
    "Talked it through again on {weekday}; we try a smaller step first.",
    "{engineer} has an idea; we give it {days} days.",
    "No movement this week; we raise it in the Monday sync.",
    "Better than last week, not solved.",
    "Asked {investor} whether they have seen this before; they have, twice.",
    "We split it: Sam takes the customer side, Priya the technical one.",
    "{seller} heard the same from {customer} in {city}.",
    "It cost us about {hours} hours this week.",
    "{engineer2} wrote down three options; we pick one by {weekday2}.",
    "Cheaper fix found, about €{k}k instead of twice that.",
    "Checked with {customer}: they feel it too, less than we feared.",
    "We agreed a date: if it is not better in {weeks} weeks, we accept it and move on.",
)

# How the pair writes up what happens to their records. Not every event gets a note: a
# journal is not a log (demo_weeks decides which do).
RAISED = (
    "New obstacle for *{goal}*: **{title}**. {description}",
    "{description} Logged as **{title}**; it stands in the way of *{goal}*.",
    "Worried about *{goal}*. {description} We call it **{title}** and watch it weekly.",
)
RESOLVED = (
    "Closing **{title}**. {resolution}",
    "Good news on *{goal}*: **{title}** is behind us. {resolution}",
    "{resolution} That settles **{title}**.",
)
ACCEPTED = (
    "We accept **{title}** for now. {resolution}",
    "Not every obstacle gets solved: **{title}**. {resolution}",
)
DECIDED = (
    "We decided: **{title}**. {decision}\n\n{rationale}",
    "{context} So: **{title}**. {decision}\n\n{rationale}",
    "After a long walk on it: **{title}**. {rationale}",
)
REVIEWED = (
    "Looked back at **{title}** ({decided}, {confidence}% sure): {verdict}. {outcome}",
    "Review of **{title}**, decided {decided}: {verdict}. {outcome}",
)
