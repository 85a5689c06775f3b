from accounts.models import Membership, User


def user_membership_list(*, user: User) -> list[Membership]:
    return list(Membership.objects.filter(user=user).select_related("team__agency").order_by("team__name"))
