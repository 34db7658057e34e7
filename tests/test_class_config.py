"""The class configuration file: where it is found, what it sets, and one line for each mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.model import classconfig, writing
from explainer.model.classconfig import ClassConfigError, assessed_prompt, class_config, config_path
from explainer.views import debate as debate_views

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "docs" / "teacher" / "explainer-class.yaml"


@pytest.fixture(autouse=True)
def no_class_file(monkeypatch, tmp_path):
    """Each test starts with no EXPLAINER_CLASS and in a folder with no class file above it."""
    monkeypatch.delenv(classconfig.ENV, raising=False)
    monkeypatch.chdir(tmp_path)


def write(folder: Path, text: str) -> Path:
    path = folder / classconfig.FILE_NAME
    path.write_text(text, encoding="utf-8")
    return path


def test_the_prompts_on_offer(content):
    assert [(p.id, p.min_words, p.max_words, p.answered_in_key) for p in content.writing_prompts] == [
        ("help-in-return", 150, 250, True),
        ("stake-as-guarantee", 150, 250, False),
        ("conditions-or-trust", 150, 250, False),
        ("who-gained", 150, 250, False),
    ]
    # The default prompt asks what the model answers' task asks, at the same length.
    default = content.get("writing_prompts", writing.DEFAULT_PROMPT)
    assert (default.min_words, default.max_words) == writing.WORD_LIMITS[writing.RUBRIC_TASK]
    assert default.question == "Should help for Ukraine come with something in return?"


def test_without_a_file_the_default_prompt_is_asked(content):
    config = class_config(content)
    assert config.path is None and not config.chosen
    assert config.assessed_prompt.id == "help-in-return"


def test_a_file_in_the_project_folder_is_found_from_notebooks(content, tmp_path, monkeypatch):
    path = write(tmp_path, "assessed_prompt: who-gained\n")
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert config_path() == path
    config = class_config(content)
    assert config.chosen and config.path == path
    assert assessed_prompt(content).id == "who-gained"


def test_the_environment_variable_names_the_file(content, tmp_path, monkeypatch):
    write(tmp_path, "assessed_prompt: who-gained\n")
    other = tmp_path / "hub" / "class.yaml"
    other.parent.mkdir()
    other.write_text("assessed_prompt: conditions-or-trust\n", encoding="utf-8")
    monkeypatch.setenv(classconfig.ENV, str(other))
    assert assessed_prompt(content).id == "conditions-or-trust"
    monkeypatch.setenv(classconfig.ENV, str(tmp_path / "nowhere.yaml"))
    with pytest.raises(ClassConfigError) as error:
        class_config(content)
    assert str(error.value) == f"{tmp_path / 'nowhere.yaml'}: no such file (named by EXPLAINER_CLASS)"


def test_the_sample_in_the_teacher_folder_is_valid(content):
    prompt = assessed_prompt(content, SAMPLE)
    assert prompt.id == "stake-as-guarantee" and not prompt.answered_in_key


def test_a_prompt_of_the_teachers_own(content, tmp_path):
    path = write(
        tmp_path,
        "assessed_prompt:\n  question: Should a country at war sign a long deal over its resources?\n"
        "  min_words: 200\n  max_words: 300\n",
    )
    prompt = assessed_prompt(content, path)
    default = content.get("writing_prompts", "help-in-return")
    assert (prompt.id, prompt.title, prompt.question, prompt.min_words, prompt.max_words) == (
        "own",
        "Your teacher's question",
        "Should a country at war sign a long deal over its resources?",
        200,
        300,
    )
    assert prompt.instructions == default.instructions and not prompt.answered_in_key


MISTAKES = [
    ("assessed_prompt: nothing-like-it\n", "field assessed_prompt: no prompt 'nothing-like-it'; choose one of "
     "help-in-return, stake-as-guarantee, conditions-or-trust, who-gained, or write your own (question: ...)"),
    ("assesed_prompt: who-gained\n", "field assesed_prompt: unknown setting; the settings are assessed_prompt"),
    ("assessed_prompt: [who-gained]\n",
     "field assessed_prompt: should be a prompt id or a prompt of your own, got list"),
    ("assessed_prompt:\n  min_words: 100\n", "field assessed_prompt.question: a prompt of your own needs a question"),
    ("assessed_prompt:\n  question: Why?\n  min_words: lots\n",
     "field assessed_prompt.min_words: should be a whole number of words, got 'lots'"),
    ("assessed_prompt:\n  question: Why?\n  min_words: 300\n",
     "field assessed_prompt.min_words: 300 is more than max_words 250"),
    ("assessed_prompt:\n  question: Why?\n  wordcount: 300\n",
     "field assessed_prompt.wordcount: unknown; a prompt of your own has question, title, instructions, "
     "min_words, max_words"),
    ("assessed_prompt:\n  question: 12\n", "field assessed_prompt.question: should be text, got 12"),
    ("- assessed_prompt: who-gained\n", "should hold settings (field: value), holds a list"),
    ("assessed_prompt: who-gained\n  bad: [\n", "is not valid YAML at line 2"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message"), MISTAKES, ids=[m[1][:40] for m in MISTAKES])
def test_each_mistake_is_one_line_naming_file_and_field(content, tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ClassConfigError) as error:
        class_config(content, path)
    assert str(error.value) == f"{path}: {message}"
    assert "\n" not in str(error.value)


def test_an_empty_file_leaves_every_default(content, tmp_path):
    path = write(tmp_path, "# nothing chosen yet\n")
    assert class_config(content, path).assessed_prompt.id == "help-in-return"


def test_notebook_05_shows_the_chosen_prompt(content, tmp_path):
    write(tmp_path, "assessed_prompt: conditions-or-trust\n")
    assert debate_views.assessed_prompt_html(content) == (
        '<div class="explainer-prompt"><p><b>The question:</b> When one ally attaches conditions to its help, '
        "is that ordinary politics or a breach of trust?</p><p>Write 150 to 250 words. Argue from the minerals "
        "deal. State your position clearly; support it with at least two pieces of evidence, each with a "
        "speaker or an event and its date; and answer the strongest counter-argument.</p></div>"
    )


def test_notebook_05_names_a_broken_file_and_asks_its_own_question(content, tmp_path):
    path = write(tmp_path, "assessed_prompt: nothing-like-it\n")
    shown = debate_views.assessed_prompt_html(content)
    assert shown.startswith(
        f'<p class="explainer-error"><b>The class settings could not be used:</b> {path}: field assessed_prompt: '
        "no prompt &#x27;nothing-like-it&#x27;;"
    )
    assert "or write your own (question: ...). The notebook's own question is shown instead.</p>" in shown
    assert shown.endswith(debate_views.prompt_html(content.get("writing_prompts", "help-in-return")))
