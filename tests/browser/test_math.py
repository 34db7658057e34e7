"""Text renders as written: no output of any notebook is typeset as mathematics in JupyterLab.

JupyterLab typesets ``$...$`` in HTML outputs with MathJax, which turned "in
US$ billion (nominal), from $76bn to ..." into italic run-together symbols.
Every HTML output of the project is marked for MathJax to skip
(:func:`explainer.markup.as_written`); this test opens each notebook as a
student would, runs it, waits for MathJax, and fails if any output holds a
typeset formula (MathJax 3's ``mjx-container``, MathJax 2's ``.MathJax``).
"""

from __future__ import annotations

import pytest

from ..paths import notebook_paths
from .pages import lab_close, lab_open, lab_open_and_run, lab_selector

pytestmark = pytest.mark.browser

# Typeset mathematics, as MathJax 2 and 3 leave it in the page.
TYPESET = "mjx-container, .MathJax, .MathJax_Display, .MathJax_Preview, .MathJax_SVG"

_FIND = r"""
([root, typeset]) => {
  const outputs = [...document.querySelectorAll(root + ' .jp-OutputArea-output')];
  const found = [];
  for (const out of outputs) {
    for (const el of out.querySelectorAll(typeset)) {
      const host = el.closest('.jp-OutputArea-output');
      found.push((host ? host.innerText : el.textContent).slice(0, 120).replace(/\s+/g, ' '));
    }
  }
  return {outputs: outputs.length, found};
}
"""


@pytest.fixture(scope="module")
def lab(browser, lab_server):
    page = lab_open(browser, lab_server)
    yield page
    page.close()


@pytest.mark.parametrize("name", [p.name for p in notebook_paths()])
def test_no_output_is_typeset_as_mathematics(lab, name):
    lab_open_and_run(lab, name)
    try:
        lab.wait_for_timeout(1500)  # MathJax typesets after the outputs are attached
        result = lab.evaluate(_FIND, [lab_selector(name), TYPESET])
    finally:
        lab_close(lab, name)
    assert result["outputs"] > 0, f"{name}: no outputs were found to check"
    assert not result["found"], f"{name}: outputs typeset as mathematics:\n" + "\n".join(result["found"])
