"""The shareable network (what may leave the police in the MEG's agenda pack): only submissions whose
latest grading has handling code P, and people labelled from those submissions' words only."""

import pytest

from intelligence.inputs import PersonInput, SubmissionInput, VehicleInput
from intelligence.models import Entity, EntityKind, Mention
from intelligence.selectors.network import entity_node_key, network_load
from intelligence.services.grading import submission_grade
from intelligence.services.people import people_write
from intelligence.services.submissions import submission_record

pytestmark = pytest.mark.django_db


def graded(officer, code: str | None, name: str, registration: str) -> None:
    submission, _ = submission_record(
        data=SubmissionInput(
            source="community",
            narrative="Seen together.",
            persons=[PersonInput(name=name)],
            vehicles=[VehicleInput(registration=registration)],
        ),
        link_people=False,
    )
    if code:
        submission_grade(
            submission=submission,
            by=officer,
            source_evaluation="2",
            intelligence_assessment="C",
            handling_code=code,
            handling_conditions="Police only." if code == "C" else "",
            outcome="intelligence_log",
            sanitised_summary="A man seen with a car.",
        )


def test_only_p_graded_submissions_make_links_and_people_keep_only_their_shareable_names(partnership):
    officer = partnership["intel"]
    graded(officer, "P", "Dean Example", "AB12 CDE")
    graded(officer, "C", "Secret Surname", "XY34 ZZZ")
    graded(officer, None, "Secret Surname", "LM56 NOP")
    graded(officer, None, "Secret Surname", "LM56 NOP")
    graded(officer, "P", "Dean Example", "AB12CDE")
    # a later grading decides: a P regraded to C is no longer shareable
    graded(officer, "P", "Regraded Person", "QR78 STU")
    latest = Mention.objects.get(attributes__name="Regraded Person").submission
    submission_grade(
        submission=latest,
        by=officer,
        source_evaluation="2",
        intelligence_assessment="C",
        handling_code="C",
        handling_conditions="Police only.",
        outcome="intelligence_log",
        sanitised_summary="Regraded.",
    )
    people_write(
        [
            set(
                Mention.objects.filter(kind=EntityKind.PERSON)
                .exclude(attributes__name="Regraded Person")
                .values_list("pk", flat=True)
            )
        ]
    )
    person = Entity.objects.filter(kind=EntityKind.PERSON, mentions__attributes__name="Dean Example").distinct().get()
    assert person.label == "Secret Surname"  # the police's own view counts every report

    everything = network_load()
    shareable = network_load(shareable_only=True)
    assert {node.label for node in everything.nodes.values()} >= {"XY34 ZZZ", "LM56 NOP", "QR78 STU"}
    labels = {node.label for node in shareable.nodes.values()}
    assert labels == {"Dean Example", "AB12 CDE"}
    assert shareable.nodes[entity_node_key(person.pk)].label == "Dean Example"
    [link] = shareable.links.values()
    assert len(link.sightings) == 2
    assert {sighting.grading for sighting in link.sightings} == {"2C P"}
