"""The child's page shows the meetings about the child and leads to arranging one and to the plan."""

from django.utils import timezone

from children.models import Child
from meetings.models import Meeting, MeetingKind


def test_the_childs_page_lists_its_meetings_and_links_to_arrange_one(signed_in, partnership):
    social_worker = partnership["socialworker.nfd"]
    child = Child.objects.filter(holding_team__memberships__user=social_worker).first()
    assert child is not None
    client = signed_in(social_worker)
    page = client.get(f"/children/{child.id}/").content.decode()
    assert f"No strategy or multi-agency meeting has been arranged about {child.first_name}" in page
    assert f'href="/meetings/arrange/{child.id}/"' in page
    assert f'href="/meetings/plans/child/{child.id}/"' in page

    meeting = Meeting.objects.create(
        kind=MeetingKind.STRATEGY, area=child.responsible_authority, child=child, starts_at=timezone.now()
    )
    page = client.get(f"/children/{child.id}/").content.decode()
    assert f'href="/meetings/{meeting.pk}/"' in page
    assert "Strategy meeting" in page
