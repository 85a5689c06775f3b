"""Every partial registration is stored with its anchors (decision 0019), however it is stored: through
the services, in bulk, or already recorded before the anchors (the migration fills them); recomputing
keys restores anchors gone stale; a partial registration without anchors is refused."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.db import IntegrityError, connection, transaction

from intelligence.inputs import SubmissionInput, VehicleInput
from intelligence.models import Mention, Submission
from intelligence.services.resolution import entities_resolve_all
from intelligence.services.submissions import submission_record

anchors_migration = importlib.import_module("intelligence.migrations.0003_partial_registration_anchors")


def _anchors(mention: Mention) -> tuple[str | None, str | None, str | None]:
    mention.refresh_from_db()
    return (mention.anchor_run, mention.anchor_start, mention.anchor_end)


def _record(*registrations: str) -> Submission:
    submission, _ = submission_record(
        data=SubmissionInput(
            source="community",
            narrative="A silver car, the plate half seen.",
            vehicles=[VehicleInput(registration=registration) for registration in registrations],
        ),
        link_people=False,
    )
    return submission


def test_a_partial_registration_has_anchors_and_nothing_else_does(db):
    submission = _record("kx7? v*", "AB12 CDE")
    assert _anchors(submission.mentions.get(key="KX7?V*")) == ("KX7", "KX7", "")
    assert _anchors(submission.mentions.get(key="AB12CDE")) == (None, None, None)
    full = submission.mentions.get(key="AB12CDE")
    with pytest.raises(IntegrityError), transaction.atomic():
        Mention.objects.filter(pk=full.pk).update(partial=True)  # a partial one without anchors


def test_recomputing_keys_restores_anchors_gone_stale(db):
    partial = _record("kx7? v*").mentions.get()
    Mention.objects.filter(pk=partial.pk).update(anchor_run="ZZ", anchor_start="ZZ", anchor_end="ZZ")
    entities_resolve_all()
    assert _anchors(partial) == ("KX7", "KX7", "")


def test_the_migration_fills_the_anchors_of_partial_mentions_already_recorded(db):
    partial = _record("*VBN").mentions.get()
    Mention.objects.filter(pk=partial.pk).update(anchor_run="", anchor_start="", anchor_end="")

    class SchemaEditor:
        pass

    editor = SchemaEditor()
    editor.connection = connection  # type: ignore[attr-defined]
    anchors_migration._fill(django_apps, editor)
    assert _anchors(partial) == ("VBN", "", "NBV")
