"""The letter text rules: only the listed placeholders, filled in once, never run as code."""

import datetime as dt
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetings.letter_text import (
    PLACEHOLDERS,
    SAMPLE_VALUES,
    LetterTextError,
    age_band_for,
    date_in_words,
    letter_render,
    placeholders_check,
    placeholders_used,
)
from meetings.services.letters import DEFAULT_TEMPLATES, default_template_text

names = st.sampled_from(sorted(PLACEHOLDERS))
plain_text = st.text(alphabet=st.characters(blacklist_characters="$"), max_size=40)
any_value = st.text(max_size=40)


def test_a_letter_is_filled_in():
    body = "Dear $recipient_name,\nWe will talk about ${child_first_name} on $meeting_date. It costs $$0."
    values = {**SAMPLE_VALUES, "recipient_name": "Jo Bloggs", "child_first_name": "Kit"}
    assert letter_render(body, values) == (
        f"Dear Jo Bloggs,\nWe will talk about Kit on {SAMPLE_VALUES['meeting_date']}. It costs $0."
    )


def test_an_unknown_placeholder_is_named():
    problems = placeholders_check("Dear $recipient_name, your $password and ${secret_key}.")
    assert len(problems) == 2
    assert problems[0].startswith("$password is not a placeholder")
    assert problems[1].startswith("$secret_key is not a placeholder")
    assert "$child_first_name" in problems[0]  # the message lists what may be used


@pytest.mark.parametrize("body", ["Costs $5", "A lone $ sign", "Ends with $", "${child name}", "${}"])
def test_a_dollar_sign_without_a_name_is_refused(body):
    problems = placeholders_check(body)
    assert problems
    assert "Line 1 has a $ sign" in problems[0]


def test_the_line_of_a_bad_dollar_is_given():
    assert "Line 3" in placeholders_check("one\ntwo\nthree $ four")[0]


def test_django_template_code_is_just_text():
    body = "{{ settings.SECRET_KEY }} {% load static %} $child_first_name"
    assert placeholders_check(body) == []
    assert letter_render(body, SAMPLE_VALUES) == "{{ settings.SECRET_KEY }} {% load static %} Sam"


def test_rendering_a_bad_template_raises_with_the_problems():
    with pytest.raises(LetterTextError) as raised:
        letter_render("Hello $nobody", SAMPLE_VALUES)
    assert raised.value.problems[0].startswith("$nobody")


def test_a_missing_value_is_refused():
    with pytest.raises(LetterTextError, match="No value for \\$meeting_date"):
        letter_render("On $meeting_date", {"child_first_name": "Sam"})


@pytest.mark.parametrize("default", DEFAULT_TEMPLATES, ids=lambda d: d.file_name)
def test_the_default_templates_are_valid_and_plain(default):
    title, body = default_template_text(default.file_name)
    assert title
    assert placeholders_check(title) == []
    assert placeholders_check(body) == []
    rendered = letter_render(body, SAMPLE_VALUES)
    assert "$" not in rendered
    assert "Sam" in rendered


def test_the_induction_pack_covers_what_a_new_family_needs():
    _, body = default_template_text("induction.txt")
    for heading in (
        "What the MEG is",
        "Who is in the MEG",
        "What happens next",
        "What you can do",
        "Who to contact",
        "How to give feedback",
        "How to complain",
    ):
        assert f"\n{heading}\n" in body


@given(st.lists(st.one_of(plain_text, names.map(lambda name: "${" + name + "}")), max_size=12))
def test_only_listed_placeholders_pass_and_every_one_is_replaced(parts):
    body = "".join(parts)
    assert placeholders_check(body) == []
    values = {name: f"<{name}>" for name in PLACEHOLDERS}
    rendered = letter_render(body, values)
    for name in placeholders_used(body):
        assert f"<{name}>" in rendered


@given(st.from_regex(r"[a-z_][a-z0-9_]{0,20}", fullmatch=True))
def test_any_other_name_is_refused(name):
    problems = placeholders_check(f"Hello ${{{name}}}")
    assert (problems == []) == (name in PLACEHOLDERS)


@given(any_value)
def test_a_value_is_put_in_as_it_is_and_never_read_as_a_placeholder(value):
    values = {**SAMPLE_VALUES, "recipient_name": value}
    assert letter_render("Dear ${recipient_name}.", values) == f"Dear {value}."


@given(plain_text)
def test_text_without_dollars_is_unchanged(text):
    assert letter_render(text, {}) == text


@given(st.text(max_size=60))
def test_check_and_render_agree(body):
    problems = placeholders_check(body)
    if problems:
        with pytest.raises(LetterTextError):
            letter_render(body, SAMPLE_VALUES)
    else:
        assert isinstance(letter_render(body, SAMPLE_VALUES), str)
        string.Template(body).substitute(SAMPLE_VALUES)  # string.Template agrees too


ON = dt.date(2026, 3, 3)


@pytest.mark.parametrize(
    ("born", "learning_disability", "band"),
    [
        (dt.date(2013, 3, 4), "no", "under_13"),  # 13 tomorrow
        (dt.date(2013, 3, 3), "no", "from_13"),  # 13 today
        (dt.date(2009, 1, 1), "no", "from_13"),
        (dt.date(2009, 1, 1), "yes", "under_13"),  # easy read
        # Procedure correction 7: not known takes the same caution as yes, so the easy read letter.
        (dt.date(2009, 1, 1), "not_known", "under_13"),
        (None, "no", "under_13"),  # age not known: the letter anyone can read
    ],
)
def test_the_age_band(born, learning_disability, band):
    assert age_band_for(date_of_birth=born, on=ON, learning_disability=learning_disability) == band


def test_dates_are_written_in_words():
    assert date_in_words(ON) == "Tuesday 3 March 2026"
