"""The commands: ``explainer`` (or ``python -m explainer``) and what its subcommands write.

:mod:`.cli` parses the command line and runs each subcommand; :mod:`.site`
writes the static site, :mod:`.answer_key` the teachers' answer key,
:mod:`.links` the Binder, Colab and nbgitpuller links, :mod:`.launch` the
launch links and set-up cell at the top of every notebook, :mod:`.copies` a
student's copy of the notebooks (``explainer notebooks DIR``), and
:mod:`.labsettings` JupyterLab's settings with the news pop-up off.
"""
