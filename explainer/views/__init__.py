"""Views: ipywidgets boxes and HTML for each topic, built on :mod:`explainer.views.base`.

One module per topic (``claims``, ``aid``, ``deal``, ``timeline``, ``debate``,
``quiz``), plus :mod:`~explainer.views.display` for static output (charts as
images, tables, safe HTML) that readers without a kernel see.
"""
