"""Slots for the demo's text: the people, customers, places and figures templates name."""

from __future__ import annotations

import random
from collections.abc import Callable

# The demo's world: a route-planning company for logistics firms, run by Sam (CEO, seat A)
# and Priya (CTO, seat B). Names and places carry accents and CJK on purpose, so that a
# search for "Zürich" or "東京" has something to find.
CUSTOMERS: tuple[tuple[str, str], ...] = (
    ("Alpentrans", "Zürich"),
    ("Hafenlogistik", "Hamburg"),
    ("Transports Lefèvre", "Lyon"),
    ("Van Dijk Distributie", "Rotterdam"),
    ("Göta Logistik", "Göteborg"),
    ("Łódzka Spedycja", "Łódź"),
    ("Ibérica Rutas", "Málaga"),
    ("Nordkap Freight", "Tromsø"),
    ("Brennero Spedizioni", "Bolzano"),
    ("Porto Expressos", "Porto"),
    ("Baltic Line", "Gdańsk"),
    ("Kühne Frachtdienst", "München"),
    ("Maersk-Hansen Kurér", "Aarhus"),
    ("Donau Cargo", "Wien"),
    ("Celtic Haulage", "Cork"),
    ("Rhône Fret", "Genève"),
    ("Praha Kurýr", "Praha"),
    ("Thames Parcel", "London"),
    ("Ardennes Logistique", "Liège"),
    ("Sakura Butsuryū 桜物流", "大阪"),
    ("Tejo Entregas", "Lisboa"),
    ("Saimaa Kuljetus", "Tampere"),
    ("Dalarna Åkeri", "Falun"),
    ("Kaštela Prijevoz", "Split"),
)
# Telematics vendors: they make the trucks' sensors and could resell the planner.
SUPPLIERS: tuple[tuple[str, str], ...] = (
    ("Yamada Sensors 山田センサー", "東京"),
    ("FleetBox", "Amsterdam"),
    ("Trackwell", "Dublin"),
    ("Telemetría Sur", "Sevilla"),
    ("Kōbe Devices", "神戸"),
    ("Fahrzeugdaten", "Stuttgart"),
)
INVESTORS = (
    "Northwind Ventures",
    "Alder Capital",
    "Fjord Partners",
    "Helvetia Seed",
    "Lumen Growth",
    "Kestrel Fund",
)
ENGINEERS = ("Jonas", "Mei", "Tomás", "Aisha", "Lukas", "Chloé", "Kenji", "Olu", "Marta", "Ravi")
SELLERS = ("Dana", "Felix", "Inés", "Björn", "Noor", "Mateo")
CANDIDATES = ("Ana", "Yusuf", "Hélène", "Dmitri", "Sofía", "Kwame", "Linnea", "Hiroshi", "Zoë")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
PLACES = ("Zürich", "Lyon", "Rotterdam", "Göteborg", "Kraków", "Málaga", "Wien", "東京", "Porto")
MARKETS = (
    "the Benelux",
    "DACH",
    "the Nordics",
    "France",
    "Iberia",
    "Poland",
    "Italy",
    "the UK",
    "Japan",
)
MAP_VENDORS = ("MapTiles", "GeoRaster", "Kartenwerk", "OpenTiles Nordic", "Cartografía Libre")
TOOLS = ("Certly", "AuditBee", "Kontrollo", "Trustfile")
PRODUCTS = ("the driver app", "the analytics add-on", "the public API", "live ETAs", "yard view")
COMPONENTS = ("the planner", "the routing service", "the import pipeline", "billing", "the map")
ROLES = ("staff engineer", "SRE", "data engineer", "product designer", "QA lead", "mobile engineer")
SALES_ROLES = (
    "senior account executive",
    "solutions engineer",
    "customer success lead",
    "partner manager",
)


# rng.random() rather than randrange: a 100,000-note demo draws millions of these.
def _pick(values: tuple[str, ...]) -> Callable[[random.Random], str]:
    return lambda rng: values[int(rng.random() * len(values))]


def _number(low: int, high: int, step: int = 1) -> Callable[[random.Random], str]:
    count = (high - low) // step + 1
    return lambda rng: f"{low + int(rng.random() * count) * step:,}"


# Each slot a template may name, and how to fill it. Pairs (a customer and its city) are
# filled together by Slots so that "Alpentrans in Zürich" never becomes "Alpentrans in Porto".
FILLERS: dict[str, Callable[[random.Random], str]] = {
    "engineer": _pick(ENGINEERS),
    "engineer2": _pick(ENGINEERS),
    "seller": _pick(SELLERS),
    "candidate": _pick(CANDIDATES),
    "investor": _pick(INVESTORS),
    "investor2": _pick(INVESTORS),
    "weekday": _pick(WEEKDAYS),
    "weekday2": _pick(WEEKDAYS),
    "place": _pick(PLACES),
    "market": _pick(MARKETS),
    "map_vendor": _pick(MAP_VENDORS),
    "tool": _pick(TOOLS),
    "late_days": _number(30, 75, 5),
    "product": _pick(PRODUCTS),
    "component": _pick(COMPONENTS),
    "role": _pick(ROLES),
    "sales_role": _pick(SALES_ROLES),
    "pct": _number(5, 40),
    "small_pct": _number(2, 12),
    "price_pct": _number(5, 20),
    "n": _number(2, 9),
    "big_n": _number(12, 60),
    "k": _number(20, 480, 5),
    "stops": _number(800, 9000, 100),
    "seconds": _number(12, 90),
    "minutes": _number(15, 120, 5),
    "hours": _number(2, 9),
    "days": _number(3, 21),
    "weeks": _number(2, 8),
    "months": _number(2, 14),
    "score": _number(20, 70),
    "trucks": _number(40, 900, 10),
}
PAIRS: dict[str, tuple[tuple[str, str], tuple[tuple[str, str], ...]]] = {
    "customer": (("customer", "city"), CUSTOMERS),
    "city": (("customer", "city"), CUSTOMERS),
    "customer2": (("customer2", "city2"), CUSTOMERS),
    "city2": (("customer2", "city2"), CUSTOMERS),
    "supplier": (("supplier", "supplier_city"), SUPPLIERS),
    "supplier_city": (("supplier", "supplier_city"), SUPPLIERS),
}


class Slots(dict[str, str]):
    """Values for one text's slots, drawn from the seeded generator the first time asked."""

    def __init__(self, rng: random.Random, fixed: dict[str, str] | None = None) -> None:
        super().__init__()
        self.rng = rng
        self.fixed = fixed or {}  # the quarter's figures; read, never copied or changed

    def __missing__(self, key: str) -> str:
        if key in self.fixed:
            return self.fixed[key]
        pair = PAIRS.get(key)
        if pair is not None:
            names, values = pair
            chosen = values[int(self.rng.random() * len(values))]
            for name, value in zip(names, chosen, strict=True):
                self[name] = value
            return self[key]
        filler = FILLERS.get(key)
        if filler is None:
            raise KeyError(key)
        value = filler(self.rng)
        self[key] = value
        return value

    def fill(self, template: str) -> str:
        """The template with its slots filled (the same slot gets the same value)."""
        return template.format_map(self)


def first_name(full_name: str) -> str:
    """The name a partner is called by in the other's words."""
    return full_name.split()[0]
