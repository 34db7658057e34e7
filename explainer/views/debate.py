"""Views for the debate (notebook 05): each side's arguments with their evidence, and a place to write.

Arguments are :class:`~explainer.model.debate.Position` records in
``data/positions.yaml``. Each one names the dated quotes and events it rests
on, so nothing here states a position without its evidence. The
:class:`ArgumentMap` lets a student pick a side, read its arguments, see the
quotes and events behind each and follow the counter-arguments;
:class:`PositionWriter` is where they write and save their own view.
"""

from __future__ import annotations

import ipywidgets as w

from ..classroom import studentwork
from ..markup import as_written, esc, sources_html
from ..model import claims, classconfig
from ..model.debate import ANSWERS, DEBT_THREAD, QUESTION, SIDES, event_line, positions_for, quote_line
from ..model.fields import day_text
from ..model.timeline import speaker_of, speaker_role
from .base import View
from .claims import verdict_badge
from .display import form_html

#: One neutral colour per side, from the charts' colour-blind-safe palette (blue, bluish green,
#: reddish purple): no side is drawn in a warning colour (orange, vermillion, red). The colour only
#: marks the edge of a side's block; the side is always named in words too.
SIDE_COLOURS = {"us-administration": "#0072B2", "ukraine": "#009E73", "european-leaders": "#CC79A7"}

DISSENT_NOTE = "Dissent inside this camp"


def side_label(position) -> str:
    """The side's name, with a note when the argument is dissent inside that camp."""
    label = SIDES[position.side]
    return f"{label} ({DISSENT_NOTE.lower()})" if position.dissent else label


def stance_text(position) -> str:
    """The argument's answer to the debate question, in words (dissent included)."""
    return f"Answer to the question: {ANSWERS[position.stance]}"


def question_html(content) -> str:
    """The debate question and its two answers, each with the number of arguments that give it."""
    items = "".join(
        f"<li><b>{esc(label)}</b>: {sum(p.stance == stance for p in content.positions)} arguments</li>"
        for stance, label in ANSWERS.items()
    )
    return f"<p><b>{esc(QUESTION)}</b></p><ul>{items}</ul>"


def position_html(content, position) -> str:
    """An argument with everything behind it, as safe HTML.

    The claim comes first, then the quotes (who, when, the exact words and
    their context), the events (date, title, summary), the counter-arguments
    from other sides and the sources.
    """
    quotes = []
    for qid in position.quotes:
        q = content.get("quotes", qid)
        speaker = speaker_of(content, q)
        quotes.append(
            f"<li><b>{esc(speaker.name)}</b> ({esc(speaker_role(content, q))}), {esc(day_text(q.date, 'long'))}: "
            f"&ldquo;{esc(q.words)}&rdquo;{form_html(q)}<br><small>{esc(q.context)}</small></li>"
        )
    events = []
    for eid in position.events:
        e = content.get("events", eid)
        events.append(
            f"<li><b>{esc(day_text(e.date, 'long'))}</b>: {esc(e.title)}<br><small>{esc(e.summary)}</small></li>"
        )
    counters = []
    for cid in position.counters:
        c = content.get("positions", cid)
        counters.append(f"<li><b>{esc(side_label(c))}:</b> {esc(c.claim)}</li>")
    counter_html = f"<ul>{''.join(counters)}</ul>" if counters else "<p><i>None recorded.</i></p>"
    return (
        f'<div class="explainer-position" style="border-left: 6px solid {SIDE_COLOURS[position.side]}; '
        f'padding-left: 8px"><p><b>{esc(side_label(position))} argues:</b> {esc(position.claim)}</p>'
        f"<p><small>{esc(stance_text(position))}</small></p>"
        f"<p><b>What they said</b></p><ul>{''.join(quotes)}</ul>"
        f"<p><b>What happened</b></p><ul>{''.join(events)}</ul>"
        f"<p><b>Counter-arguments</b></p>{counter_html}"
        f"<p><b>Sources</b></p>{sources_html(content.sources_for(position.sources))}</div>"
    )


def positions_html(content) -> str:
    """Every side's arguments with their evidence, as static HTML grouped by side.

    This is what readers see where the widgets cannot run (GitHub, a printed
    page): each argument, then who said what and when, then what happened.
    """
    parts = []
    for side, label in SIDES.items():
        items = []
        for p in positions_for(content, side):
            said = "".join(f"<li>{esc(quote_line(content, content.get('quotes', q)))}</li>" for q in p.quotes)
            happened = "".join(f"<li>{esc(event_line(content.get('events', e)))}</li>" for e in p.events)
            dissent = f"<i>{esc(DISSENT_NOTE)}:</i> " if p.dissent else ""
            items.append(
                f"<li><p>{dissent}<b>{esc(p.claim)}</b></p><p><small>{esc(stance_text(p))}</small></p>"
                f'<p><small>What they said:</small></p><ul style="font-size: 85%">{said}</ul>'
                f'<p><small>What happened:</small></p><ul style="font-size: 85%">{happened}</ul></li>'
            )
        if items:
            parts.append(
                f'<h4 style="border-left: 6px solid {SIDE_COLOURS[side]}; padding-left: 8px">{esc(label)}</h4>'
                f"<ol>{''.join(items)}</ol>"
            )
    return '<div class="explainer-positions">' + "".join(parts) + "</div>"


class ArgumentMap(View):
    """Pick a side, read its arguments and the evidence behind each.

    Attributes
    ----------
    side : ipywidgets.ToggleButtons
        Its value is a side id (see :data:`SIDES`).
    argument : ipywidgets.RadioButtons
        Its value is a position id of the chosen side.
    detail : ipywidgets.HTML
        The chosen argument, its quotes, events, counter-arguments, sources.
    counter : ipywidgets.Dropdown
        The counter-arguments of the chosen argument; ``follow()`` opens one.
    output : Messages
        Where errors are shown.
    """

    def __init__(self, content):
        self.content = content
        sides = [(label, sid) for sid, label in SIDES.items() if positions_for(content, sid)]
        self.side = w.ToggleButtons(
            options=sides, description="Side:", style={"description_width": "initial", "button_width": "auto"}
        )
        self.argument = w.RadioButtons(options=[], layout=w.Layout(width="auto"))
        self.detail = w.HTML()
        self.counter = w.Dropdown(options=[], description="Counter:", layout=w.Layout(width="70%"))
        self.follow_button = w.Button(description="Go to counter-argument", tooltip="Open the chosen counter-argument")
        self.side.observe(lambda ch: self.pick_side(ch["new"]), names="value")
        self.argument.observe(lambda ch: self.show(ch["new"]), names="value")
        self.follow_button.on_click(lambda _b: self.follow())
        super().__init__([self.side, self.argument, self.detail, w.HBox([self.counter, self.follow_button])])
        if sides:
            self.pick_side(self.side.value)

    def pick_side(self, side: str) -> None:
        """Show the arguments of ``side`` and open its first one."""
        with self.reporting("show this side"):
            if self.side.value != side:
                self.side.value = side  # calls back into pick_side
                return
            options = [
                ((f"{DISSENT_NOTE}: " if p.dissent else "") + _short(p.claim), p.id)
                for p in positions_for(self.content, side)
            ]
            self.argument.options = options
            self.argument.value = options[0][1] if options else None
            if options:
                self.show(options[0][1])

    def show(self, position_id: str | None) -> None:
        """Show one argument with its evidence and counter-arguments."""
        if position_id is None:
            return
        with self.reporting("show this argument"):
            position = self.content.get("positions", position_id)
            self.detail.value = position_html(self.content, position)
            options = [
                (f"{side_label(c)}: {_short(c.claim, 70)}", c.id)
                for c in (self.content.get("positions", cid) for cid in position.counters)
            ]
            self.counter.options = options
            self.counter.value = options[0][1] if options else None
            self.counter.disabled = self.follow_button.disabled = not options

    def follow(self) -> None:
        """Open the counter-argument chosen in :attr:`counter`."""
        target = self.counter.value
        if not target:
            return
        position = self.content.get("positions", target)
        self.pick_side(position.side)
        self.argument.value = target
        self.show(target)

    @property
    def current(self):
        """The position record shown now."""
        return self.content.get("positions", self.argument.value)

    def snapshot_html(self) -> str:
        """Every side's arguments with what was said and what happened (:func:`positions_html`).

        Readers without a kernel cannot pick a side, so the static copy shows
        the whole map rather than the one argument open in the widget. Marked
        for MathJax to leave alone (:func:`~explainer.markup.as_written`): the
        quotes hold dollar amounts.
        """
        return as_written(positions_html(self.content))


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class PositionWriter(View):
    """A text box for a student's own position, saved to a file they can hand in.

    Saving never overwrites: each save is a new numbered file in the student
    work folder (see :func:`explainer.classroom.studentwork.save_text`). On a re-run the
    latest saved text is put back in the box.

    Parameters
    ----------
    name : str
        Name of the saved files (``NAME-1.md``, ``NAME-2.md``...).
    placeholder : str, optional

    Attributes
    ----------
    text : ipywidgets.Textarea
    save_button : ipywidgets.Button
    status : ipywidgets.HTML
        Says where the last save went, or why nothing was saved.
    saved : list of pathlib.Path
        Files written by this view.
    """

    def __init__(self, name: str = "my-position", placeholder: str = "Write your position here..."):
        self.name = name
        self.saved = []
        restored = studentwork.latest_text(name)
        self.text = w.Textarea(
            value=restored or "",
            placeholder=placeholder,
            layout=w.Layout(width="95%", height="14em"),
        )
        self.save_button = w.Button(
            description="Save", button_style="primary", icon="save", tooltip="Save as a new file"
        )
        self.status = w.HTML(
            f"<p><small>Restored your latest saved text from <code>{esc(studentwork.work_dir())}</code>.</small></p>"
            if restored
            else f"<p><small>Saved files go to <code>{esc(studentwork.work_dir())}</code>.</small></p>"
        )
        self.save_button.on_click(lambda _b: self.save())
        super().__init__([self.text, self.save_button, self.status])

    def save(self):
        """Save the text as a new file; returns its path, or None if the box is empty."""
        self.output.clear_output()
        if not self.text.value.strip():
            self.status.value = "<p><b>Nothing saved:</b> the box is empty.</p>"
            return None
        try:
            path = studentwork.save_text(self.name, self.text.value)
        except OSError as err:
            self.status.value = f"<p><b>Could not save:</b> {esc(err)}</p>"
            return None
        self.saved.append(path)
        self.status.value = f"<p>✔ Saved to <code>{esc(path)}</code>. Earlier saves are kept.</p>"
        return path


# ----------------------------------------------------------------------------
# Prose from the data, as formatted HTML


def prompt_html(prompt) -> str:
    """A writing prompt as the student reads it: the question, what to do, and how long."""
    return (
        f'<div class="explainer-prompt"><p><b>The question:</b> {esc(prompt.question)}</p>'
        f"<p>Write {prompt.min_words} to {prompt.max_words} words. {esc(prompt.instructions)}</p></div>"
    )


def assessed_prompt_html(content, path=None) -> str:
    """The prompt for the written position, as the class configuration sets it (:mod:`~explainer.model.classconfig`).

    A class file with a mistake does not stop the lesson: its one-line error
    is shown, for the teacher to fix, over the notebook's own question.

    Parameters
    ----------
    content : Content
    path : str or Path, optional
        The class file (default: the one :func:`~explainer.model.classconfig.config_path` finds).
    """
    try:
        return prompt_html(classconfig.assessed_prompt(content, path))
    except classconfig.ClassConfigError as error:
        default = {p.id: p for p in content.writing_prompts}[classconfig.DEFAULT_PROMPT]
        return (
            f'<p class="explainer-error"><b>The class settings could not be used:</b> {esc(error)}. '
            "The notebook's own question is shown instead.</p>" + prompt_html(default)
        )


def sides_html(content) -> str:
    """How many arguments each side has, and how many quotes and events they rest on, as a list."""
    items = []
    for side, label in SIDES.items():
        positions = positions_for(content, side)
        n_quotes = len({q for p in positions for q in p.quotes})
        n_events = len({e for p in positions for e in p.events})
        items.append(
            f"<li><b>{esc(label)}:</b> {len(positions)} arguments, "
            f"resting on {n_quotes} quotes and {n_events} events</li>"
        )
    return f"<ul>{''.join(items)}</ul>"


def thread_html(content, event_ids=DEBT_THREAD) -> str:
    """A run of events in the given order, each with its date and title, as a numbered list.

    Parameters
    ----------
    content : Content
    event_ids : sequence of str
        Event ids (default: :data:`~explainer.model.debate.DEBT_THREAD`, the debt question).
    """
    items = "".join(f"<li>{esc(event_line(content.get('events', e)))}</li>" for e in event_ids)
    return f"<ol>{items}</ol>"


def closing_line_html(content) -> str:
    """The article's closing line, the ledger's verdict on it, why, and what the record shows."""
    claim = claims.closing_line_claim(content)
    verdict = claims.verdict(content, claim)
    return (
        f"<p><b>The article's last line:</b></p><blockquote><p>{esc(content.article.closing_line)}</p></blockquote>"
        f"<p><b>Ledger verdict:</b> {verdict_badge(verdict)}</p>"
        f"<p><b>Why:</b> {esc(claim.explanation)}</p>"
        f"<p><b>What the record shows:</b> {esc(claim.what_the_record_shows)}</p>"
    )
