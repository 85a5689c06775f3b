"""The missing-episodes prompt (decision 0033): a child with repeated missing episodes and no risk
assessment is on the front door's list with the reason in words; accepting it starts a screening.
Issue: a child with five missing episodes this year, 'found by officers in a car with two adult males',
showed 'Level of risk: not assessed' with nothing to prompt anyone."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AccessAction, AccessEvent
from children.access import child_visible_queryset
from children.models import Child, ChronologyEntry, ChronologyKind, MissingEpisode
from frontdoor.missing_prompt import MissingRule, MissingRuleError, prompt_reason
from frontdoor.models import Contact, Screening
from frontdoor.selectors.missing_prompt import missing_prompt_candidates

pytestmark = pytest.mark.usefixtures("assessment_tool")

CAR = "Found by officers in a car with two adult males"


# --- The rule, pure -----------------------------------------------------------------------------------


NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


def test_the_rule_counts_episodes_in_the_window_and_never_prompts_for_an_assessed_child():
    rule = MissingRule(episodes=3, days=90)
    inside = [NOW - dt.timedelta(days=days) for days in (1, 30, 89)]
    assert rule.holds(episode_starts=inside, now=NOW, assessed=False)
    assert not rule.holds(episode_starts=inside, now=NOW, assessed=True)
    assert not rule.holds(episode_starts=[*inside[:2], NOW - dt.timedelta(days=91)], now=NOW, assessed=False)
    assert not rule.holds(episode_starts=[*inside[:2], NOW + dt.timedelta(days=1)], now=NOW, assessed=False)
    assert rule.in_words() == "3 or more missing episodes in 90 days, and no risk assessment"
    assert MissingRule(episodes=1, days=30).in_words() == "a missing episode in 30 days, and no risk assessment"


@pytest.mark.parametrize(("episodes", "days"), [(0, 90), (3, 0), (True, 90), (3, 1.5)])
def test_a_rule_that_cannot_be_a_rule_is_refused_naming_the_setting(episodes, days):
    with pytest.raises(MissingRuleError, match="MISSING_PROMPT_"):
        MissingRule(episodes=episodes, days=days)


def test_the_reason_is_in_words():
    reason = prompt_reason(rule=MissingRule(episodes=3, days=90), episodes=5, latest=NOW)
    assert reason == (
        "5 missing episodes in the last 90 days, the latest starting 10 March 2026, and no risk assessment. "
        "The rule: 3 or more missing episodes in 90 days, and no risk assessment."
    )


# --- Through HTTP -------------------------------------------------------------------------------------


@pytest.fixture
def screener_user(partnership):
    return partnership["screener.nfd"]


def unassessed_child(user) -> Child:
    child = (
        child_visible_queryset(user)
        .filter(risk_level="")
        .exclude(Exists(Contact.objects.filter(child=OuterRef("pk"), screened_at__isnull=True)))
        .order_by("reference")
        .first()
    )
    assert child is not None
    return child


def missing(child: Child, user, *days_ago: int, where_found: str = "") -> None:
    now = timezone.now()
    for days in days_ago:
        started = now - dt.timedelta(days=days, hours=6)
        MissingEpisode.objects.create(
            child=child,
            started_at=started,
            ended_at=started + dt.timedelta(hours=5),
            reported_by="Foster carer",
            where_found=where_found,
            recorded_by=user,
        )


def test_the_issue_example_is_prompted_and_accepting_starts_its_screening(signed_in, screener_user, settings):
    settings.MISSING_PROMPT_EPISODES, settings.MISSING_PROMPT_DAYS = 3, 90
    child = unassessed_child(screener_user)
    missing(child, screener_user, 200, 150)  # earlier this year, outside the window
    missing(child, screener_user, 60, 20, 3, where_found=CAR)
    web = signed_in(screener_user)

    page = web.get("/tasks/").content.decode()
    section = page[page.index('id="missing-prompts"') : page.index('id="overdue"')]
    assert "Children with 3 or more missing episodes in 90 days, and no risk assessment." in section
    assert child.full_name in section
    assert "3 missing episodes in the last 90 days, the latest starting" in section
    assert f'action="/children/{child.id}/missing-prompt/accept/"' in section
    assert str(child.id) in AccessEvent.objects.filter(action=AccessAction.LIST).latest("id").object_ids

    events = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0  # ids, not the count
    response = web.post(f"/children/{child.id}/missing-prompt/accept/")
    contact = Contact.objects.get(child=child, screened_at__isnull=True)
    assert response.status_code == 302
    assert response["Location"] == f"/contacts/{contact.pk}/screen/"
    assert contact.recorded_by == screener_user
    assert contact.warning_signs == ["going_missing"]
    assert contact.vulnerability_factors == ["history_of_going_missing"]
    assert "From the front door's missing-episodes prompt: 3 missing episodes in the last 90 days" in contact.concern
    assert contact.concern.count(CAR) == 3
    entry = ChronologyEntry.objects.filter(child=child, kind=ChronologyKind.CONTACT).latest("id")
    assert contact.reference in entry.summary
    assert "missing-episodes prompt" in entry.summary
    view = AccessEvent.objects.filter(pk__gt=events, action=AccessAction.VIEW).get()
    assert view.object_ids == [str(child.id)]

    # The screening starts as for any contact: the form, pre-ticked from the contact's signs.
    form = web.get(response["Location"]).content.decode()
    assert 'value="going_missing" checked' in form
    # The child now waits on the contacts to screen, and the prompt has done its work.
    page = web.get("/tasks/").content.decode()
    assert contact.reference in page[page.index('id="to-screen"') : page.index('id="overdue"')]
    assert f'action="/children/{child.id}/missing-prompt/accept/"' not in page
    # Accepting twice makes no second contact.
    web.post(f"/children/{child.id}/missing-prompt/accept/")
    assert Contact.objects.filter(child=child, screened_at__isnull=True).count() == 1


def test_fewer_episodes_or_an_assessed_child_are_not_prompted_and_accepting_then_is_refused(
    signed_in, screener_user, settings
):
    settings.MISSING_PROMPT_EPISODES, settings.MISSING_PROMPT_DAYS = 3, 90
    child = unassessed_child(screener_user)
    missing(child, screener_user, 60, 20)
    web = signed_in(screener_user)
    assert f'action="/children/{child.id}/missing-prompt/accept/"' not in web.get("/tasks/").content.decode()
    response = web.post(f"/children/{child.id}/missing-prompt/accept/")
    assert response.status_code == 400
    assert "The prompt no longer applies to" in response.content.decode()
    assert not Contact.objects.filter(child=child, screened_at__isnull=True).exists()

    # The threshold is the setting's: at two in 90 days, the same child is prompted.
    settings.MISSING_PROMPT_EPISODES = 2
    page = web.get("/tasks/").content.decode()
    assert "Children with 2 or more missing episodes in 90 days, and no risk assessment." in page
    assert f'action="/children/{child.id}/missing-prompt/accept/"' in page

    Child.objects.filter(pk=child.pk).update(risk_level="low")
    assert f'action="/children/{child.id}/missing-prompt/accept/"' not in web.get("/tasks/").content.decode()


def test_someone_who_sees_the_child_but_does_not_screen_cannot_accept(signed_in, partnership, settings):
    settings.MISSING_PROMPT_EPISODES, settings.MISSING_PROMPT_DAYS = 3, 90
    teacher = partnership["teacher.nfd"]
    child = unassessed_child(teacher)
    missing(child, teacher, 30, 20, 10)
    web = signed_in(teacher)
    assert 'id="missing-prompts"' not in web.get("/tasks/").content.decode()
    contacts, screenings = Contact.objects.count(), Screening.objects.count()
    response = web.post(f"/children/{child.id}/missing-prompt/accept/")
    assert response.status_code == 403
    assert (Contact.objects.count(), Screening.objects.count()) == (contacts, screenings)


def test_the_children_are_found_in_one_query(screener_user, settings):
    child = unassessed_child(screener_user)
    missing(child, screener_user, 30, 20, 10)
    with CaptureQueriesContext(connection) as queries:
        rows = list(missing_prompt_candidates(rule=MissingRule(episodes=3, days=90), now=timezone.now()))
    assert len(queries.captured_queries) == 1
    assert child.id in [row["child_id"] for row in rows]
