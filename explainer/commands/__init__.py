"""The commands: ``explainer`` (or ``python -m explainer``) and what its subcommands write.

:mod:`.cli` parses the command line and runs each subcommand; :mod:`.site`
writes the static site, :mod:`.answer_key` the teachers' answer key,
:mod:`.links` the Binder and nbgitpuller links, and :mod:`.copies` a student's copy
of the notebooks (``explainer notebooks DIR``).
"""
