"""The class configuration: the settings one teacher chooses for one class, in one file.

The file is YAML, named ``explainer-class.yaml``. It is found, in this order:
the path in the ``EXPLAINER_CLASS`` environment variable; else the first
``explainer-class.yaml`` in the working directory or a folder above it (so a
notebook running in ``notebooks/`` and ``explainer class-summary`` run in the
project folder find the same file); else there is none and every setting has
its default. ``docs/teacher/explainer-class.yaml`` is a commented sample.

Today it holds one setting, ``assessed_prompt``: the prompt notebook 05 asks
for the written position (``05-debate-position``), either the id of one of
the prompts in ``data/writing_prompts.yaml``::

    assessed_prompt: stake-as-guarantee

or a prompt of the teacher's own (``instructions``, ``min_words`` and
``max_words`` may be left out; they then come from the default prompt)::

    assessed_prompt:
      question: Was the deal signed on 30 April 2025 a good one for Ukraine?
      min_words: 200
      max_words: 300

A mistake in the file raises :class:`ClassConfigError` with one line naming
the file and the field. The view asking for the position
(:func:`explainer.views.debate.assessed_prompt_html`) and the class summary
call :func:`assessed_prompt`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from .writing import DEFAULT_PROMPT, WritingPrompt

#: The file's name, looked for from the working directory upward.
FILE_NAME = "explainer-class.yaml"
#: The environment variable that names the file instead (a hub can set it for every student).
ENV = "EXPLAINER_CLASS"
#: The settings the file may hold.
FIELDS = ("assessed_prompt",)
#: The fields of a teacher's own prompt.
OWN_PROMPT_FIELDS = ("question", "title", "instructions", "min_words", "max_words")
#: The id a teacher's own prompt is given.
OWN_PROMPT = "own"


class ClassConfigError(ValueError):
    """A class configuration file that cannot be used; the message is one line naming the file and field."""


@dataclass(frozen=True)
class ClassConfig:
    """The class's settings and the file they came from.

    Attributes
    ----------
    path : Path or None
        The file read, or None when there is none (every setting its default).
    assessed_prompt : WritingPrompt
        The prompt for the assessed written position; a teacher's own has the id ``"own"``.
    """

    path: Path | None
    assessed_prompt: WritingPrompt

    @property
    def chosen(self) -> bool:
        """Whether the prompt was set in a class file (not the default)."""
        return self.path is not None


def config_path(start=None) -> Path | None:
    """The class file to read: ``EXPLAINER_CLASS``, else the nearest ``explainer-class.yaml`` upward, else None.

    Parameters
    ----------
    start : str or Path, optional
        Where to begin looking (default: the working directory).

    Raises
    ------
    ClassConfigError
        When ``EXPLAINER_CLASS`` names a file that does not exist.
    """
    named = os.environ.get(ENV)
    if named:
        path = Path(named).expanduser()
        if not path.is_file():
            raise ClassConfigError(f"{path}: no such file (named by {ENV})")
        return path
    here = Path(start or Path.cwd()).expanduser().resolve()
    for folder in (here, *here.parents):
        if (folder / FILE_NAME).is_file():
            return folder / FILE_NAME
    return None


def _read(path: Path) -> dict:
    import yaml

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ClassConfigError(f"{path}: cannot be read ({error.strerror or error})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ClassConfigError(f"{path}: is not valid YAML{where}") from None
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ClassConfigError(f"{path}: should hold settings (field: value), holds a {type(raw).__name__}")
    unknown = sorted(str(k) for k in raw if k not in FIELDS)
    if unknown:
        raise ClassConfigError(f"{path}: field {unknown[0]}: unknown setting; the settings are {', '.join(FIELDS)}")
    return raw


def _words(path: Path, field: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ClassConfigError(f"{path}: field {field}: should be a whole number of words, got {value!r}")
    return value


def _own_prompt(path: Path, raw: dict, default: WritingPrompt) -> WritingPrompt:
    field = "assessed_prompt"
    unknown = sorted(str(k) for k in raw if k not in OWN_PROMPT_FIELDS)
    if unknown:
        raise ClassConfigError(
            f"{path}: field {field}.{unknown[0]}: unknown; a prompt of your own has {', '.join(OWN_PROMPT_FIELDS)}"
        )
    texts = {}
    for name in ("question", "title", "instructions"):
        value = raw.get(name)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise ClassConfigError(f"{path}: field {field}.{name}: should be text, got {value!r}")
        texts[name] = " ".join(value.split()) if value else None
    if not texts["question"]:
        raise ClassConfigError(f"{path}: field {field}.question: a prompt of your own needs a question")
    low = _words(path, f"{field}.min_words", raw.get("min_words", default.min_words))
    high = _words(path, f"{field}.max_words", raw.get("max_words", default.max_words))
    if low > high:
        raise ClassConfigError(f"{path}: field {field}.min_words: {low} is more than max_words {high}")
    return replace(
        default,
        id=OWN_PROMPT,
        title=texts["title"] or "Your teacher's question",
        question=texts["question"],
        instructions=texts["instructions"] or default.instructions,
        min_words=low,
        max_words=high,
        answered_in_key=False,
    )


def _prompt(content, path: Path, value) -> WritingPrompt:
    prompts = {p.id: p for p in content.writing_prompts}
    default = prompts[DEFAULT_PROMPT]
    if value is None:
        return default
    if isinstance(value, str):
        if value not in prompts:
            raise ClassConfigError(
                f"{path}: field assessed_prompt: no prompt {value!r}; choose one of {', '.join(prompts)}, "
                "or write your own (question: ...)"
            )
        return prompts[value]
    if isinstance(value, dict):
        return _own_prompt(path, value, default)
    raise ClassConfigError(
        f"{path}: field assessed_prompt: should be a prompt id or a prompt of your own, got {type(value).__name__}"
    )


def class_config(content, path=None) -> ClassConfig:
    """The class's settings, read from ``path`` or the file :func:`config_path` finds.

    Parameters
    ----------
    content : Content
        The loaded content (its ``writing_prompts``).
    path : str or Path, optional
        The class file to read (default: :func:`config_path`).

    Returns
    -------
    ClassConfig
        Every setting the file leaves out, or all of them when there is no file, has its default.

    Raises
    ------
    ClassConfigError
        One line naming the file and the field that is wrong.
    """
    path = Path(path) if path is not None else config_path()
    if path is None:
        return ClassConfig(None, {p.id: p for p in content.writing_prompts}[DEFAULT_PROMPT])
    raw = _read(path)
    return ClassConfig(path, _prompt(content, path, raw.get("assessed_prompt")))


def assessed_prompt(content, path=None) -> WritingPrompt:
    """The prompt for the assessed written position (``05-debate-position``): :func:`class_config`'s choice.

    Raises
    ------
    ClassConfigError
        As :func:`class_config`.
    """
    return class_config(content, path).assessed_prompt
