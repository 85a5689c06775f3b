"""What partners see of a graded submission (intelligence/sanitise.py), for every grade, handling code
and outcome."""

import dataclasses
import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intelligence.models import Grading, HandlingCode, IntelligenceAssessment, Outcome, SourceEvaluation
from intelligence.sanitise import SanitisedView, sanitise, sanitise_grading

GRADED_ON = dt.date(2026, 3, 27)
SUMMARY = "A vehicle linked to the exploitation of children has been seen near the school at home time."
CONDITIONS = "Share only within the school's safeguarding team; do not discuss with the family."
EVERY_GRADE = list(itertools.product(SourceEvaluation, IntelligenceAssessment, HandlingCode, Outcome))


def view(source, assessment, code, outcome, *, conditions=CONDITIONS, summary=SUMMARY) -> SanitisedView:
    return sanitise(
        source_evaluation=source,
        intelligence_assessment=assessment,
        handling_code=code,
        handling_conditions=conditions,
        outcome=outcome,
        sanitised_summary=summary,
        graded_on=GRADED_ON,
    )


def test_every_combination_is_tried():
    assert len(EVERY_GRADE) == 3 * 5 * 2 * 4


@pytest.mark.parametrize(("source", "assessment", "code", "outcome"), EVERY_GRADE)
def test_what_a_partner_sees_for_each_grade(source, assessment, code, outcome):
    seen = view(source, assessment, code, outcome)
    assert seen.summary == SUMMARY
    assert seen.graded_on == GRADED_ON
    assert seen.grade == f"{source.value}{assessment.value}"
    assert seen.handling_code == code.value
    assert seen.reliability
    assert seen.handling
    if code == HandlingCode.PERMITTED:
        assert seen.outcome == outcome.label
        assert seen.conditions == ""
        assert not seen.has_conditions
    else:
        assert seen.outcome == ""  # code C withholds the police's own next step
        assert seen.conditions == CONDITIONS
        assert seen.has_conditions


def test_the_grade_is_put_in_plain_words():
    seen = view("3", "E", "P", "no_further_action")
    assert seen.reliability == "The source is not reliable; the information is suspected to be false."
    assert view("1", "A", "P", "crime_desk").reliability == (
        "The source is reliable; the information is known directly to the source."
    )
    assert "only as the conditions below allow" in view("2", "B", "C", "crime_desk").handling


def test_conditions_given_with_code_p_are_not_passed_on():
    assert view("2", "C", "P", "intelligence_log", conditions="Old conditions").conditions == ""


def test_a_partner_sees_exactly_these_things_and_nothing_else():
    # A new field on the view is a new thing partners see: it must be decided here, deliberately.
    assert {f.name for f in dataclasses.fields(SanitisedView)} == {
        "summary",
        "graded_on",
        "grade",
        "reliability",
        "handling_code",
        "handling",
        "conditions",
        "outcome",
    }


def test_the_rule_is_never_given_the_narrative_source_or_reporter():
    import inspect

    parameters = set(inspect.signature(sanitise).parameters)
    assert parameters.isdisjoint({"narrative", "source", "reporter_identity", "submission", "agency"})


@pytest.mark.parametrize(
    ("field", "value"),
    [("source_evaluation", "4"), ("intelligence_assessment", "F"), ("handling_code", "H"), ("outcome", "arrest")],
)
def test_an_unknown_value_is_refused(field, value):
    values = {
        "source_evaluation": "1",
        "intelligence_assessment": "A",
        "handling_code": "P",
        "handling_conditions": "",
        "outcome": "intelligence_log",
        "sanitised_summary": SUMMARY,
        "graded_on": GRADED_ON,
        field: value,
    }
    with pytest.raises(ValueError, match=value):
        sanitise(**values)


@given(summary=st.text(max_size=200), conditions=st.text(min_size=1, max_size=200).filter(str.strip))
def test_text_is_passed_on_trimmed_and_unchanged_otherwise(summary, conditions):
    seen = view("2", "B", "C", "crime_desk", summary=summary, conditions=conditions)
    assert seen.summary == summary.strip()
    assert seen.conditions == conditions.strip()


def test_a_stored_grading_is_sanitised_the_same_way():
    grading = Grading(
        source_evaluation="2",
        intelligence_assessment="B",
        handling_code="C",
        handling_conditions=CONDITIONS,
        outcome="crime_desk",
        sanitised_summary=SUMMARY,
    )
    assert sanitise_grading(grading, graded_on=GRADED_ON) == view("2", "B", "C", "crime_desk")
