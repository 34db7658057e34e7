"""Arithmetic on the aid figures that keeps track of what each number measures.

A student picks two of the records' figures (headline totals, appropriations
acts, Kiel Institute figures, allied purchases under PURL) and adds,
subtracts or divides them. :func:`combine` returns a :class:`Result`: the
value, its unit, its measure (None where the result has no single measure)
and the flags the project's own rules raise when the combination mixes
unlike things. Each rule is a pure function of the two figures and the
operation, returning a :class:`Flag` or None, so each can be tested alone.

This module reads records the content layer has loaded; it holds no data.
"""

from __future__ import annotations

from dataclasses import dataclass

from .aid import ALLIED_FUNDED, DEAL_STAKES, usd_per_eur

#: The operations, by the symbol a result shows.
OPERATIONS = {"+": "add", "−": "subtract", "÷": "divide"}

#: The glossary entry (``data/glossary.yaml``) that defines each measure, where there is one. The other
#: measures are defined in notebook 02's list of measures (``measure-<id>`` anchors).
MEASURE_GLOSSARY = {
    "appropriated": "appropriation",
    "obligated": "obligation",
    "disbursed": "disbursement",
    "allocated": "allocated",
    "committed": "committed",
}

#: Donors a Kiel "All donors" figure includes, so that adding it to theirs counts them twice.
_INCLUDED_IN_ALL = ("United States", "Europe")


@dataclass(frozen=True)
class Figure:
    """One figure from the records, as the calculator offers it.

    ``id`` is ``<collection>:<record id>``. ``donor`` is whose money it
    counts (``United States``, ``Europe``, ``All donors``, ``Allies``), or
    ``deal talks`` for a stake in the negotiation. ``whole`` says it is a
    total of that donor's aid rather than one part of it (one act, one
    category, one package).
    """

    id: str
    label: str
    value: float
    currency: str
    measure: str
    donor: str
    whole: bool
    sources: tuple[str, ...]

    @property
    def amount(self) -> str:
        """The amount as text in its own currency: ``$174.2bn``, ``EUR 97bn``."""
        return amount_text(self.value, self.currency)


@dataclass(frozen=True)
class Flag:
    """Why a combination mixes unlike things: the rule's id, one sentence, and where the term is defined.

    ``anchor`` is ``glossary-<id>`` for a glossary entry, or ``measure-<id>``
    for a measure defined in notebook 02's list of measures.
    """

    rule: str
    message: str
    anchor: str


@dataclass(frozen=True)
class Result:
    """What a combination of two figures gives.

    ``value`` is None when the figures cannot be combined as they stand
    (euros with dollars and no rate chosen). ``measure`` is None when the
    result counts no single thing (two measures mixed, or a ratio).
    ``conversion`` says how a euro amount was turned into dollars, if one was.
    """

    value: float | None
    unit: str
    measure: str | None
    flags: tuple[Flag, ...]
    working: str
    conversion: str | None = None


def amount_text(value: float, currency: str) -> str:
    """An amount in billions as short text: ``$174.2bn``, ``EUR 97bn``, ``−$31.69bn``."""
    number = f"{abs(value):,.2f}".rstrip("0").rstrip(".")
    sign = "−" if round(value, 2) < 0 else ""
    return f"{sign}${number}bn" if currency == "USD" else f"{sign}{currency} {number}bn"


def measure_anchor(measure: str) -> str:
    """Where a measure is defined: its glossary entry if it has one, otherwise notebook 02's list of measures."""
    term = MEASURE_GLOSSARY.get(measure)
    return f"glossary-{term}" if term else f"measure-{measure}"


# ----------------------------------------------------------------------------
# The figures on offer


def figures(content) -> tuple[Figure, ...]:
    """Every figure the calculator offers: headline totals, acts, Kiel figures and allied purchases.

    Returns
    -------
    tuple of Figure
        In that order, each group in the order its records are kept.
    """
    out = []
    for h in content.aid_headlines:
        stake = h.measure in DEAL_STAKES
        out.append(
            Figure(
                f"aid_headlines:{h.id}",
                f"{h.label}: ${h.amount_usd_bn:g}bn {h.measure}",
                h.amount_usd_bn,
                "USD",
                h.measure,
                "deal talks" if stake else "United States",
                not stake,
                h.sources,
            )
        )
    for a in content.aid_appropriations:
        out.append(
            Figure(
                f"aid_appropriations:{a.id}",
                f"{a.public_law} ({a.enacted.year}): ${a.total_usd_bn:g}bn {a.measure}",
                a.total_usd_bn,
                "USD",
                a.measure,
                "United States",
                False,
                a.sources,
            )
        )
    for k in content.aid_kiel:
        out.append(
            Figure(
                f"aid_kiel:{k.id}",
                f"Kiel, {k.donor}, {k.category}, to {k.data_to:%b %Y}: EUR {k.amount_eur_bn:g}bn {k.measure}",
                k.amount_eur_bn,
                "EUR",
                k.measure,
                k.donor,
                k.category == "total",
                k.sources,
            )
        )
    for p in content.aid_allied_purchases:
        what = "PURL package" if p.kind == "package" else "PURL total"
        out.append(
            Figure(
                f"aid_allied_purchases:{p.id}",
                f"{what}, {p.funded_by}, {p.date:%d %b %Y}: ${p.amount_usd_bn:g}bn {p.measure}",
                p.amount_usd_bn,
                "USD",
                p.measure,
                "Allies",
                p.kind == "total",
                p.sources,
            )
        )
    return tuple(out)


def figure(content, figure_id: str) -> Figure:
    """The figure ``figure_id`` (``<collection>:<record id>``); KeyError naming it if there is none."""
    for f in figures(content):
        if f.id == figure_id:
            return f
    raise KeyError(f"no aid figure {figure_id!r}")


# ----------------------------------------------------------------------------
# The rules: each takes the two figures and the operation, and returns a Flag or None


def allied_money_with_us_aid(a: Figure, op: str, b: Figure) -> Flag | None:
    """Adding allied-funded (PURL) purchases to a figure for US aid."""
    measures = {a.measure, b.measure}
    if op != "+" or ALLIED_FUNDED not in measures or "United States" not in {a.donor, b.donor}:
        return None
    return Flag(
        "allied-with-us-aid",
        "PURL weapons are paid for by allied governments, not voted by Congress, "
        "so adding them to US aid counts the allies' money as American.",
        measure_anchor("appropriated"),
    )


def stake_over_aid(a: Figure, op: str, b: Figure) -> Flag | None:
    """Dividing a demand made in the deal talks by a figure for aid (or taking one from the other).

    Only a demand is flagged: the sum a draft would have counted for
    repayment is itself an estimate of past aid, so setting it against other
    counts of aid is a comparison the sources themselves make.
    """
    if op not in ("÷", "−") or (a.measure == "demanded") == (b.measure == "demanded"):
        return None
    demand, other = (a, b) if a.measure == "demanded" else (b, a)
    if other.donor == "deal talks":
        return None  # the other figure is a stake in the talks too, not aid
    result = "ratio" if op == "÷" else "difference"
    return Flag(
        "stake-over-aid",
        f"The {demand.amount} is an amount demanded in the deal talks, not aid given, "
        f"so the {result} sets an asking figure against aid and measures neither.",
        measure_anchor(demand.measure),
    )


def euros_with_dollars(a: Figure, op: str, b: Figure, rate_stated: bool = False) -> Flag | None:
    """Combining euros with dollars when no exchange rate was chosen."""
    if a.currency == b.currency or rate_stated:
        return None
    return Flag(
        "euros-with-dollars",
        "The Kiel Institute counts in euros and the other figure is in dollars; "
        "choose a recorded exchange rate first, so the conversion is stated.",
        "glossary-kiel-institute",
    )


def different_measures(a: Figure, op: str, b: Figure) -> Flag | None:
    """Adding two figures that count different things (committed with allocated, voted with received...)."""
    # PURL money added to US aid has a rule of its own, with the reason that matters more.
    if op != "+" or a.measure == b.measure or allied_money_with_us_aid(a, op, b):
        return None
    return Flag(
        "different-measures",
        f"One figure counts money {a.measure} and the other money {b.measure}, "
        "so their sum mixes two kinds of count and measures neither.",
        measure_anchor(b.measure if a.measure in (ALLIED_FUNDED, *DEAL_STAKES) else a.measure),
    )


def counted_twice(a: Figure, op: str, b: Figure) -> Flag | None:
    """Adding two figures that cover the same aid: two totals, or a total and a part of it."""
    if op != "+" or "deal talks" in (a.donor, b.donor):
        return None
    # Kiel's committed figure is what was promised and not yet allocated: on top of the allocated, not in it.
    if {a.measure, b.measure} == {"committed", "allocated"}:
        return None
    same = a.donor == b.donor and (a.whole or b.whole or a.id == b.id)
    nested = {a.donor, b.donor} & {"All donors"} and {a.donor, b.donor} & set(_INCLUDED_IN_ALL)
    if not (same or nested):
        return None
    return Flag(
        "counted-twice",
        "Both figures include the same aid (two totals, or a total and a part of it), "
        "so adding them counts that aid twice.",
        measure_anchor(a.measure),
    )


#: The rules, in the order their flags are shown; each id names the mix in the class summary.
RULES = {
    "allied-with-us-aid": ("Allied-funded PURL purchases added to US aid", allied_money_with_us_aid),
    "stake-over-aid": ("A demand made in the deal talks divided by aid (or aid taken from it)", stake_over_aid),
    "euros-with-dollars": ("Euros combined with dollars without a stated rate", euros_with_dollars),
    "different-measures": ("Two different measures added (committed with allocated...)", different_measures),
    "counted-twice": ("The same aid added twice", counted_twice),
}


# ----------------------------------------------------------------------------
# Combining


def combine(content, a: Figure, op: str, b: Figure, rate_id: str | None = None) -> Result:
    """Add, subtract or divide two figures, and flag the mixes the project's rules forbid.

    Parameters
    ----------
    content : Content
        For the exchange rate.
    a, b : Figure
        The figures, as :func:`figures` gives them.
    op : {"+", "−", "÷"}
    rate_id : str, optional
        A rate in ``aid_exchange_rates`` to turn a euro figure into dollars
        when the other is in dollars; the conversion is shown in the result.

    Returns
    -------
    Result
    """
    if op not in OPERATIONS:
        raise ValueError(f"unknown operation {op!r}; choose one of: {', '.join(OPERATIONS)}")
    mixed = a.currency != b.currency
    flags = []
    for rule_id, (_label, rule) in RULES.items():
        flag = rule(a, op, b, rate_id is not None) if rule_id == "euros-with-dollars" else rule(a, op, b)
        if flag:
            flags.append(flag)
    flags = tuple(flags)
    x, y, currency, conversion = a.value, b.value, a.currency, None
    if mixed:
        if rate_id is None:
            return Result(None, "none: euros and dollars", None, flags, f"{a.amount} {op} {b.amount}")
        rate, rec = usd_per_eur(content, rate_id)
        euro = a if a.currency == "EUR" else b
        dollars = euro.value * rate
        conversion = (
            f"{euro.amount} × {rate:.3f} US$ per euro = {amount_text(dollars, 'USD')} (rate {rec.id}: {rec.basis})"
        )
        x, y = (dollars, b.value) if euro is a else (a.value, dollars)
        currency = "USD"
    shown = f"{amount_text(x, currency)} {op} {amount_text(y, currency)}"
    if op == "÷":
        if y == 0:
            raise ValueError("cannot divide by a figure of zero")
        value = x / y
        return Result(value, "times (a ratio)", None, flags, f"{shown} = {value:.2f}", conversion)
    value = x + y if op == "+" else x - y
    unit = "US$ billion" if currency == "USD" else f"{currency} billion"
    measure = a.measure if a.measure == b.measure else None
    return Result(value, unit, measure, flags, f"{shown} = {amount_text(value, currency)}", conversion)
