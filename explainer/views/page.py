"""What a notebook adds to the page it runs in (JupyterLab, Voila): names for images and sliders, visible links.

Three things the project's outputs need that the widget library and the
notebook front ends do not give them, found by axe-core (tests/browser):

- a chart drawn in an ``ipywidgets.Image`` has no ``alt`` attribute, and a
  static chart's alt text, stored in the output's metadata, is not copied onto
  its ``<img>`` by JupyterLab 4 or Voila. Every chart of ours has its
  description printed right under it (``.explainer-alt``): the script copies it
  into the image's ``alt``, and again whenever the chart is redrawn;
- the handles of a range slider have no accessible name: the script names them
  after the slider's label ("Dates: start", "Dates: end");
- links in the text are told from the words around them by colour alone: the
  style underlines them.

``explainer.setup()`` displays :data:`PAGE_HTML` once, at the top of every
notebook. Where scripts do not run (GitHub, nbviewer), it shows nothing and
does nothing; the static site gets the same underlining from its own style.
"""

from __future__ import annotations

# As specific as JupyterLab's own `a:link { text-decoration: none }`, and later in the page, so it wins.
LINK_CSS = (
    ".jp-RenderedHTMLCommon a:link, .jp-RenderedHTMLCommon a:visited, .widget-html-content a "
    "{ text-decoration: underline; }"
)
STYLE = f"<style>\n{LINK_CSS}\n</style>"

SCRIPT = r"""<script>
(() => {
  if (window.__explainerPage) return;
  window.__explainerPage = true;
  const caption = el => {
    const alt = el && el.querySelector('.explainer-alt');
    return alt ? alt.textContent.replace(/^What the chart shows:\s*/, '').trim() : '';
  };
  const name = () => {
    // A chart widget: its caption is the HTML widget right after the image.
    for (const img of document.querySelectorAll('img.widget-image')) {
      const text = caption(img.nextElementSibling);
      if (text && img.getAttribute('alt') !== text) img.setAttribute('alt', text);
    }
    // A static chart: its caption is the next output of the same cell.
    for (const img of document.querySelectorAll('.jp-RenderedImage img:not([alt])')) {
      const child = img.closest('.jp-OutputArea-child');
      const text = caption(child && child.nextElementSibling);
      if (text) img.setAttribute('alt', text);
    }
    // Slider handles: named after the slider's label.
    for (const slider of document.querySelectorAll('.widget-slider')) {
      const label = (slider.querySelector('.widget-label') || {}).textContent || '';
      const handles = slider.querySelectorAll('.noUi-handle');
      handles.forEach((h, i) => {
        const text = (label.replace(/:\s*$/, '') || 'Value') +
          (handles.length === 2 ? (i === 0 ? ': start' : ': end') : '');
        if (h.getAttribute('aria-label') !== text) h.setAttribute('aria-label', text);
      });
    }
  };
  let queued = false;
  const later = () => {
    if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; name(); }); }
  };
  new MutationObserver(later).observe(document.body, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['src'],
  });
  later();
})();
</script>"""

PAGE_HTML = STYLE + SCRIPT


def show_page_fixes() -> None:
    """Display :data:`PAGE_HTML` (an output with nothing visible) in the running notebook."""
    from IPython.display import HTML, display

    display(HTML(PAGE_HTML))
