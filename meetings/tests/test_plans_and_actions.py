"""Plans and actions (issue 4, item 3): the MEG agrees actions; every agency sees and updates its own
actions only; each update is kept, in order; overdue actions surface on the owner's worklist and at the
meeting."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.models import Agency, AgencyKind, Role, Team
from audit.models import AccessEvent
from children.access import child_visible_queryset
from children.models import CaseAllocation
from core.append_only import AppendOnlyError
from meetings.models import Action, ActionUpdate, Plan
from meetings.selectors.plans import ACTIONS_PAGE
from meetings.services.contextual import contextual_item_create
from meetings.services.plans import (
    action_create,
    action_update_record,
    plan_for_child_get_or_create,
    plan_for_contextual_item_get_or_create,
)
from tests.factories import staff_user

TODAY = timezone.localdate


def agency_of(user):
    return user.teams.select_related("agency").get().agency


@pytest.fixture
def licensing_officer(area):
    team = Team.objects.get(agency__area=area, agency__kind=AgencyKind.LICENSING)
    return staff_user(team=team, role=Role.LEAD_WORKER, first_name="Lena", last_name="Licensing")


def agree(plan, by, agency, **overrides) -> Action:
    values = {
        "description": "Weekly check-in with the school's safeguarding lead",
        "tactic": "support",
        "owning_agency": agency,
        "due_on": TODAY() + dt.timedelta(days=14),
    }
    values.update(overrides)
    return action_create(plan=plan, by=by, **values)


def fall_overdue(action: Action, days: int = 1) -> None:
    # Time passes: the action's due date is now in the past (the service refuses one at creation).
    Action.objects.filter(pk=action.pk).update(due_on=TODAY() - dt.timedelta(days=days))


def form_data(agency, *, due: dt.date | None = None, **overrides) -> dict[str, str]:
    due = due or TODAY() + dt.timedelta(days=7)
    data = {
        "description": "Speak to the child about the new phone",
        "tactic": "support",
        "owning_agency": str(agency.pk),
        "owner": "",
        "due_day": str(due.day),
        "due_month": str(due.month),
        "due_year": str(due.year),
        "meeting": "",
    }
    data.update(overrides)
    return data


def events_naming(child) -> int:
    return sum(1 for event in AccessEvent.objects.all() if str(child.pk) in event.object_ids)


# --- The MEG agrees a plan; the owning agency updates it -------------------------------------------


def test_the_meg_starts_a_plan_and_agrees_an_action_through_the_pages(signed_in, partnership, child, meeting):
    support, teacher = partnership["megsupport.nfd"], partnership["teacher.nfd"]
    web = signed_in(support)
    assert "has no safeguarding plan yet" in web.get(f"/meetings/plans/child/{child.id}/").content.decode()
    response = web.post(f"/meetings/plans/child/{child.id}/")
    plan = Plan.objects.get(child=child)
    assert response["Location"] == f"/meetings/plans/{plan.pk}/"
    web.post(f"/meetings/plans/child/{child.id}/")
    assert Plan.objects.filter(child=child).count() == 1  # one plan per child

    school = agency_of(teacher)
    data = form_data(school, owner=str(teacher.pk), meeting=str(meeting.pk))
    response = web.post(f"/meetings/plans/{plan.pk}/actions/new/", data)
    assert response.status_code == 302
    action = Action.objects.get(plan=plan)
    assert (action.owning_agency, action.owner, action.meeting, action.created_by) == (
        school,
        teacher,
        meeting,
        support,
    )
    page = web.get(f"/meetings/plans/{plan.pk}/").content.decode()
    assert school.name in page
    assert "Speak to the child about the new phone" in page
    assert teacher.display_name in page


def test_only_the_owning_agency_updates_and_the_history_is_kept_in_order(signed_in, partnership, plan):
    support, teacher = partnership["megsupport.nfd"], partnership["teacher.nfd"]
    action = agree(plan, support, agency_of(teacher), owner=teacher)
    web = signed_in(teacher)
    assert "Record an update" in web.get(f"/meetings/actions/{action.pk}/").content.decode()
    first = web.post(f"/meetings/actions/{action.pk}/update/", {"status": "in_progress", "note": "First visit made."})
    assert first["Location"] == f"/meetings/actions/{action.pk}/"
    web.post(f"/meetings/actions/{action.pk}/update/", {"status": "done", "note": "Weekly check-ins in place."})
    action.refresh_from_db()
    assert action.status == "done"
    assert action.completed_at is not None
    history = list(action.updates.values_list("status", "note"))
    assert history == [("in_progress", "First visit made."), ("done", "Weekly check-ins in place.")]
    page = web.get(f"/meetings/actions/{action.pk}/").content.decode()
    assert page.index("First visit made.") < page.index("Weekly check-ins in place.")
    assert "Record an update" not in page


def test_a_done_action_cannot_be_updated(signed_in, partnership, plan):
    teacher = partnership["teacher.nfd"]
    action = agree(plan, partnership["megsupport.nfd"], agency_of(teacher))
    action_update_record(action=action, by=teacher, note="Done.", status="done")
    page = signed_in(teacher).post(f"/meetings/actions/{action.pk}/update/", {"status": "open", "note": "Reopen"})
    body = page.content.decode()
    assert "This action is done: it cannot be updated" in body
    assert "<title>Error: " in body
    action.refresh_from_db()
    assert action.status == "done"
    assert action.updates.count() == 1


def test_the_update_history_is_append_only(partnership, plan):
    teacher = partnership["teacher.nfd"]
    action = agree(plan, partnership["megsupport.nfd"], agency_of(teacher))
    update = action_update_record(action=action, by=teacher, note="Started.", status="in_progress")
    update.note = "Rewritten"
    with pytest.raises(AppendOnlyError):
        update.save()
    with pytest.raises(AppendOnlyError):
        ActionUpdate.objects.filter(pk=update.pk).update(note="Rewritten")
    with pytest.raises(AppendOnlyError):
        update.delete()
    assert ActionUpdate.objects.get(pk=update.pk).note == "Started."


def test_another_agency_can_neither_see_nor_update_the_action(signed_in, partnership, plan):
    teacher, nurse = partnership["teacher.nfd"], partnership["schoolnurse.nfd"]
    action = agree(plan, partnership["megsupport.nfd"], agency_of(teacher))
    web = signed_in(nurse)
    assert web.get(f"/meetings/actions/{action.pk}/").status_code == 404
    assert web.get(f"/meetings/actions/{action.pk}/update/").status_code == 404
    assert web.post(f"/meetings/actions/{action.pk}/update/", {"status": "done", "note": "x"}).status_code == 404
    assert "Weekly check-in" not in web.get("/meetings/actions/").content.decode()
    with pytest.raises(PermissionDenied):
        action_update_record(action=action, by=nurse, note="x", status="done")
    action.refresh_from_db()
    assert (action.status, action.updates.count()) == ("open", 0)


def test_meg_support_sees_another_agencys_action_but_cannot_update_it(signed_in, partnership, plan):
    support, teacher = partnership["megsupport.nfd"], partnership["teacher.nfd"]
    action = agree(plan, support, agency_of(teacher))
    web = signed_in(support)
    page = web.get(f"/meetings/actions/{action.pk}/").content.decode()
    assert "Weekly check-in" in page
    assert f"Only {agency_of(teacher).name} can record updates" in page
    assert web.get(f"/meetings/actions/{action.pk}/update/").status_code == 403
    assert web.post(f"/meetings/actions/{action.pk}/update/", {"status": "done", "note": "x"}).status_code == 403
    with pytest.raises(PermissionDenied):
        action_update_record(action=action, by=support, note="x", status="done")
    assert action.updates.count() == 0


def test_only_the_meg_agrees_actions(signed_in, partnership, child, plan):
    social_worker = partnership["socialworker.nfd"]
    school = agency_of(partnership["teacher.nfd"])
    with pytest.raises(PermissionDenied):
        agree(plan, social_worker, school)
    with pytest.raises(PermissionDenied):
        plan_for_child_get_or_create(child=child, by=social_worker)
    data = form_data(school)
    for user in (social_worker, partnership["teacher.nfd"]):
        # Refused: not found where the user may not see the child, forbidden where they may.
        assert signed_in(user).post(f"/meetings/plans/{plan.pk}/actions/new/", data).status_code in (403, 404)
    assert Action.objects.count() == 0


# --- Disruption plans ------------------------------------------------------------------------------


def test_a_disruption_plan_with_a_licensing_check_owned_by_licensing(signed_in, partnership, area, licensing_officer):
    support = partnership["megsupport.nfd"]
    item = contextual_item_create(area=area, by=support, kind="location", title="Takeaway on Station Road")
    web = signed_in(support)
    response = web.post(f"/meetings/plans/contextual/{item.pk}/")
    plan = Plan.objects.get(contextual_item=item)
    assert (plan.kind, response["Location"]) == ("disruption", f"/meetings/plans/{plan.pk}/")
    assert plan_for_contextual_item_get_or_create(item=item, by=support) == plan
    licensing = agency_of(licensing_officer)
    data = form_data(licensing, tactic="licensing_check", owner=str(licensing_officer.pk))
    data["description"] = "Licensing check of the takeaway's late-night licence"
    assert web.post(f"/meetings/plans/{plan.pk}/actions/new/", data).status_code == 302
    action = Action.objects.get(plan=plan)
    assert (action.tactic, action.owning_agency, action.owner) == ("licensing_check", licensing, licensing_officer)
    page = web.get(f"/meetings/plans/{plan.pk}/").content.decode()
    assert "Licensing check" in page
    assert licensing.name in page

    officer = signed_in(licensing_officer)
    assert "late-night licence" in officer.get("/meetings/actions/").content.decode()
    officer.post(f"/meetings/actions/{action.pk}/update/", {"status": "in_progress", "note": "Visit booked."})
    assert action.updates.get().recorded_by == licensing_officer
    assert signed_in(partnership["teacher.nfd"]).get(f"/meetings/actions/{action.pk}/").status_code == 404
    assert web.post(f"/meetings/actions/{action.pk}/update/", {"status": "done", "note": "x"}).status_code == 403


def test_a_disruption_plan_takes_disruption_tactics_only(partnership, area):
    support = partnership["megsupport.nfd"]
    item = contextual_item_create(area=area, by=support, kind="vehicle", title="Silver hatchback")
    plan = plan_for_contextual_item_get_or_create(item=item, by=support)
    police = Agency.objects.get(kind=AgencyKind.POLICE)
    with pytest.raises(Exception, match="Select a tactic that fits a disruption plan"):
        agree(plan, support, police, tactic="support")
    assert agree(plan, support, police, tactic="abduction_notice").tactic == "abduction_notice"


# --- Bad input --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"description": "  "}, "Describe the action"),
        ({"due_day": "", "due_month": "", "due_year": ""}, "Enter the date the action is due"),
        ("past", "The date the action is due must be today or in the future"),
        ("owner_elsewhere", "The person who owns the action must work for"),
        ({"owning_agency": ""}, "Select the agency that will do this"),
        ({"tactic": "arrest"}, "Select an option from the list"),
    ],
)
def test_bad_input_is_named_and_nothing_is_saved(signed_in, partnership, plan, change, message):
    school = agency_of(partnership["teacher.nfd"])
    if change == "past":
        data = form_data(school, due=TODAY() - dt.timedelta(days=1))
    elif change == "owner_elsewhere":
        data = form_data(school, owner=str(partnership["schoolnurse.nfd"].pk))
    else:
        data = form_data(school, **change)
    response = signed_in(partnership["megsupport.nfd"]).post(f"/meetings/plans/{plan.pk}/actions/new/", data)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "<title>Error: " in body
    assert Action.objects.count() == 0


def test_an_update_needs_a_note(signed_in, partnership, plan):
    teacher = partnership["teacher.nfd"]
    action = agree(plan, partnership["megsupport.nfd"], agency_of(teacher))
    body = signed_in(teacher).post(f"/meetings/actions/{action.pk}/update/", {"status": "done"}).content.decode()
    assert "Say what has been done" in body
    action.refresh_from_db()
    assert (action.status, action.updates.count()) == ("open", 0)


# --- Overdue actions surface -----------------------------------------------------------------------


def test_overdue_actions_surface_on_the_owners_worklist_owner_first(signed_in, partnership, plan):
    support, teacher = partnership["megsupport.nfd"], partnership["teacher.nfd"]
    school = agency_of(teacher)
    unowned = agree(plan, support, school, description="Unowned and very late")
    mine = agree(plan, support, school, owner=teacher, description="Mine and a little late")
    agree(plan, support, school, description="Not due yet")
    agree(plan, support, agency_of(partnership["schoolnurse.nfd"]), description="The nurse's late action")
    fall_overdue(unowned, days=20)
    fall_overdue(mine, days=1)
    page = signed_in(teacher).get("/tasks/").content.decode()
    assert "Overdue MEG actions (2)" in page
    assert page.index("Mine and a little late") < page.index("Unowned and very late")
    assert f'href="/meetings/actions/{mine.pk}/"' in page
    assert "Not due yet" not in page
    assert "The nurse&#x27;s late action" not in page
    assert "Overdue MEG actions" not in signed_in(partnership["youthworker.nfd"]).get("/tasks/").content.decode()


def test_an_action_due_today_is_not_on_the_worklist(signed_in, partnership, plan):
    teacher = partnership["teacher.nfd"]
    agree(plan, partnership["megsupport.nfd"], agency_of(teacher), due_on=TODAY(), description="Due today")
    assert "Overdue MEG actions" not in signed_in(teacher).get("/tasks/").content.decode()


def test_the_meeting_lists_open_actions_overdue_first_and_those_agreed_at_it(signed_in, partnership, plan, meeting):
    support = partnership["megsupport.nfd"]
    school = agency_of(partnership["teacher.nfd"])
    soon = agree(plan, support, school, description="Due soon", due_on=TODAY() + dt.timedelta(days=2))
    late = agree(plan, support, school, description="Long overdue", due_on=TODAY() + dt.timedelta(days=30))
    finished = agree(plan, support, school, description="Finished already", meeting=meeting)
    fall_overdue(late, days=10)
    action_update_record(action=finished, by=partnership["teacher.nfd"], note="Done.", status="done")
    page = signed_in(support).get(f"/meetings/{meeting.pk}/actions/").content.decode()
    open_part, agreed_part = page.split("Agreed at this meeting")
    assert open_part.index("Long overdue") < open_part.index("Due soon")
    assert "Overdue</strong>" in open_part
    assert "Finished already" not in open_part
    assert "Finished already" in agreed_part
    assert f'href="/meetings/actions/{soon.pk}/"' in open_part
    assert signed_in(partnership["megsupport.sdl"]).get(f"/meetings/{meeting.pk}/actions/").status_code == 404


def test_my_agencys_actions_overdue_first_with_an_empty_state(signed_in, partnership, plan):
    support, teacher = partnership["megsupport.nfd"], partnership["teacher.nfd"]
    school = agency_of(teacher)
    agree(plan, support, school, description="Due next month", due_on=TODAY() + dt.timedelta(days=30))
    late = agree(plan, support, school, description="Late one")
    fall_overdue(late)
    page = signed_in(teacher).get("/meetings/actions/").content.decode()
    assert page.index("Late one") < page.index("Due next month")
    empty = signed_in(partnership["youthworker.nfd"]).get("/meetings/actions/").content.decode()
    assert "Your agency has no open MEG actions" in empty


def test_long_lists_of_actions_are_paged_in_due_order_and_none_is_left_out(signed_in, partnership, plan, meeting):
    support, teacher = partnership["megsupport.nfd"], partnership["teacher.nfd"]
    school = agency_of(teacher)
    count = ACTIONS_PAGE + 7
    actions = [
        agree(plan, support, school, description=f"Action number {n:03d}", due_on=TODAY() + dt.timedelta(days=n + 1))
        for n in range(count)
    ]
    fall_overdue(actions[-1], days=3)  # the last made is the most overdue: it leads every list
    web = signed_in(teacher)
    first = web.get("/meetings/actions/").content.decode()
    second = web.get("/meetings/actions/?page=2").content.decode()
    assert f"Open actions ({count})" in first
    assert f"Showing 1 to {ACTIONS_PAGE} of {count} open actions." in first
    assert f"Showing {ACTIONS_PAGE + 1} to {count} of {count} open actions." in second
    assert 'href="?page=2#open-actions"' in first
    assert 'href="?page=1#open-actions"' in second
    assert first.index(f"Action number {count - 1:03d}") < first.index("Action number 000")
    on_pages = [f"/meetings/actions/{action.pk}/" for action in actions]
    assert all((link in first) != (link in second) for link in on_pages), "every action on exactly one page"
    meeting_page = signed_in(support).get(f"/meetings/{meeting.pk}/actions/?open=2").content.decode()
    assert f"Open actions to review ({count})" in meeting_page
    assert f"Showing {ACTIONS_PAGE + 1} to {count} of {count} open actions." in meeting_page
    api = signed_in(teacher)
    assert len(api.get("/api/v1/actions/?page=1").json()) == count
    assert api.get("/api/v1/actions/?page=2").json() == []
    assert api.get("/api/v1/actions/?page=0").status_code == 400


# --- Access events ----------------------------------------------------------------------------------


def test_every_page_that_names_the_child_logs_the_read(signed_in, partnership, child, plan, meeting):
    support, teacher = partnership["megsupport.nfd"], partnership["teacher.nfd"]
    action = agree(plan, support, agency_of(teacher))
    fall_overdue(action)
    for user, url in [
        (teacher, f"/meetings/actions/{action.pk}/"),
        (teacher, f"/meetings/actions/{action.pk}/update/"),
        (teacher, "/meetings/actions/"),
        (teacher, "/tasks/"),
        (support, f"/meetings/plans/{plan.pk}/"),
        (support, f"/meetings/plans/{plan.pk}/actions/new/"),
        (support, f"/meetings/{meeting.pk}/actions/"),
    ]:
        before = events_naming(child)
        assert signed_in(user).get(url).status_code == 200, url
        assert events_naming(child) == before + 1, url


# --- The demo ---------------------------------------------------------------------------------------


def test_the_demo_makes_items_plans_and_actions_through_the_services(signed_in, partnership, area, child):
    from demo.generator.meg_plans import meg_plans_demo_generate

    counts = meg_plans_demo_generate(area=area, seed=7)
    assert counts["contextual items"] == 4
    assert counts["disruption plans"] == 4
    assert counts["safeguarding plans"] == 1  # one medium or high risk child in this small partnership
    assert counts["overdue MEG actions"] >= 3
    assert counts["MEG action updates"] >= 2
    assert Action.objects.filter(tactic="licensing_check", owning_agency__kind=AgencyKind.LICENSING).exists()
    assert child.contextual_items.count() == 4  # each item is linked to the one child on the agenda
    assert meg_plans_demo_generate(area=area, seed=7) == {}  # once only
    page = signed_in(partnership["teacher.nfd"]).get("/tasks/").content.decode()
    assert "Overdue MEG actions" in page


def test_an_agency_member_who_may_not_see_the_child_sees_the_action_but_not_the_child(
    signed_in, partnership, child, plan
):
    """Decision 0015: the school owns the action, but the child is not one the teacher works with."""
    support, teacher = partnership["megsupport.nfd"], partnership["teacher.nfd"]
    CaseAllocation.objects.filter(child=child, user=teacher).update(ended_at=timezone.now())
    assert not child_visible_queryset(teacher).filter(pk=child.pk).exists()
    action = agree(plan, support, agency_of(teacher), description="Share attendance weekly")
    fall_overdue(action)
    web = signed_in(teacher)
    before = events_naming(child)
    for url in ("/meetings/actions/", f"/meetings/actions/{action.pk}/", "/tasks/"):
        page = web.get(url).content.decode()
        assert "Share attendance weekly" in page, url
        assert child.full_name not in page, url
        assert child.reference not in page, url
        assert "a child whose record you cannot see" in page.lower(), url
    assert events_naming(child) == before  # nothing about the child was shown, so nothing was read
    assert "Record an update" in web.get(f"/meetings/actions/{action.pk}/").content.decode()
    shown = signed_in(support).get(f"/meetings/actions/{action.pk}/").content.decode()
    assert child.full_name in shown
