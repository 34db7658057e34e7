"""Students' saved work, and a teacher's summary of a class's.

:mod:`.studentwork` saves and reads one student's answers and writing in
``my_work/``, and names every file and answer saved there; :mod:`.summary`
reads the collected ``my_work`` folders of a class by those names.
"""
