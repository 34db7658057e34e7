"""The "Hand in my work" button: one action that gives the teacher everything the student saved.

It writes one hand-in file (:func:`explainer.classroom.handin.hand_in`), offers
it as a download (on Binder, Colab or a laptop, the student sends or uploads
that file), and on a JupyterHub whose configuration names a class folder it
also copies the file there, so the teacher has it without anyone sending
anything.
"""

from __future__ import annotations

import ipywidgets as w

from ..classroom import handin
from ..markup import data_link, esc
from .base import View


class HandInView(View):
    """A name box and a "Hand in my work" button.

    Attributes
    ----------
    name : ipywidgets.Text
        The student's name or pseudonym (the last one used is offered).
    button : ipywidgets.Button
    status : ipywidgets.HTML
        What the last hand-in wrote, the download link, or why nothing was handed in.
    handed_in : list of HandIn
        The hand-ins this view made.
    """

    def __init__(self):
        self.handed_in = []
        self.name = w.Text(
            value=handin.default_name(),
            description="Your name",
            placeholder="name or pseudonym your teacher knows",
            layout=w.Layout(width="28em"),
        )
        self.button = w.Button(
            description="Hand in my work",
            button_style="primary",
            icon="paper-plane",
            tooltip="Put everything you saved into one file for your teacher",
        )
        exchange = handin.exchange_dir()
        where = (
            "a copy goes into your class's folder"
            if exchange
            else "you get one file to download and give to your teacher"
        )
        self.status = w.HTML(
            "<p><small>Everything you saved so far (your calls, guesses, predictions, quiz answers and "
            f"written positions) goes into one file: {where}. You can hand in again later; "
            "earlier hand-ins are kept.</small></p>"
        )
        self.button.on_click(lambda _b: self.hand_in())
        super().__init__([w.HBox([self.name, self.button]), self.status])

    def hand_in(self):
        """Hand in now; returns the :class:`~explainer.classroom.handin.HandIn`, or None if nothing was written."""
        self.output.clear_output()
        try:
            done = handin.hand_in(self.name.value)
        except ValueError as err:
            self.status.value = f"<p><b>Not handed in:</b> {esc(err)}.</p>"
            return None
        except OSError as err:
            self.status.value = f"<p><b>Could not write your file:</b> {esc(err)}</p>"
            return None
        self.handed_in.append(done)
        saved = len(done.document["files"])
        link = data_link(done.path.name, "Download your hand-in file", done.text, "application/json")
        lines = [f"<p>✔ Handed in {saved} saved file{'s' if saved != 1 else ''} as <code>{esc(done.path)}</code>.</p>"]
        if done.copied_to:
            lines.append(f"<p>✔ A copy is in your class's folder (<code>{esc(done.copied_to.name)}</code>).</p>")
        elif done.problem:
            lines.append(
                f"<p><b>The copy to your class's folder failed</b> ({esc(done.problem)}): download the file and "
                "give it to your teacher.</p>"
            )
        lines.append(f"<p>{link}</p>")
        self.status.value = "".join(lines)
        return done
