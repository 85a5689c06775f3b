from collections.abc import Iterable

from django.db.models import Q

from accounts.models import Membership, User


def user_membership_list(*, user: User) -> list[Membership]:
    return list(Membership.objects.filter(user=user).select_related("team__agency").order_by("team__name"))


def members_in_roles_list(
    *, roles: Iterable[str], team_ids: Iterable[int] = (), area_id: int | None = None
) -> list[Membership]:
    """The active members holding one of these roles in these teams, or in any team of an agency of
    this area: whom a manager may choose from when they allocate a worker (children/selectors)."""
    where = Q(team_id__in=list(team_ids))
    if area_id is not None:
        where |= Q(team__agency__area_id=area_id)
    return list(
        Membership.objects.filter(where, role__in=list(roles), user__is_active=True)
        .select_related("user", "team__agency")
        .order_by("role", "user__last_name", "user__first_name", "user_id", "team__name")
    )
