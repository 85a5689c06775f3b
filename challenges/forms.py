"""Forms for professional challenge. They parse what was submitted; the rules and their messages
are in challenges/escalation.py and the services, so each problem has one message wherever it is
found (the view puts a service's ValidationError back on the form)."""

from typing import Any

from django import forms

from accounts.models import Agency, Team, User
from challenges.escalation import DECISION_KIND_NAMES, OUTCOME_NAMES
from challenges.selectors import challenge_owner_teams, challenge_owner_users


class OwnerTeamField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Team) -> str:
        return f"{obj.name} ({obj.agency.name})"


class OwnerUserField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: User) -> str:
        teams = ", ".join(sorted({membership.team.name for membership in obj.memberships.all()}))
        title = f", {obj.job_title}" if obj.job_title else ""
        return f"{obj.display_name}{title} ({teams})" if teams else f"{obj.display_name}{title}"


def _owner_fields(form: forms.Form) -> None:
    form.fields["owner_team"] = OwnerTeamField(
        queryset=challenge_owner_teams(),
        required=False,
        empty_label="Choose a team",
        error_messages={"invalid_choice": "Select a team from the list"},
    )
    form.fields["owner_user"] = OwnerUserField(
        queryset=challenge_owner_users(),
        required=False,
        empty_label="Choose a person",
        error_messages={"invalid_choice": "Select a person from the list"},
    )


class ChallengeRaiseForm(forms.Form):
    decision_summary = forms.CharField(required=False, strip=False)
    decision_kind = forms.ChoiceField(
        required=False,
        choices=[("", "Not sure")] + [(kind.value, name) for kind, name in DECISION_KIND_NAMES.items()],
        error_messages={"invalid_choice": "Select the kind of decision from the list, or leave it blank"},
    )
    challenge_text = forms.CharField(required=False, strip=False)
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Select one of your own agencies"},
    )

    def __init__(self, *args: Any, agencies: list[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _owner_fields(self)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Agency.objects.filter(id__in=[agency.id for agency in agencies])
        self.agency_choices = agencies if len(agencies) > 1 else []
        self.order_fields(["decision_summary", "decision_kind", "challenge_text", "owner_team", "owner_user", "agency"])


class ChallengeEscalateForm(forms.Form):
    to_level = forms.IntegerField(
        error_messages={
            "required": "The level to escalate to is missing: open the page again",
            "invalid": "The level to escalate to is not a level: open the page again",
        }
    )
    reason = forms.CharField(required=False, strip=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _owner_fields(self)
        self.order_fields(["reason", "owner_team", "owner_user", "to_level"])


class ChallengeResolveForm(forms.Form):
    outcome = forms.ChoiceField(
        required=False,
        choices=[("", "")] + [(outcome.value, name) for outcome, name in OUTCOME_NAMES.items()],
        error_messages={"invalid_choice": "Select the outcome of the challenge"},
    )
    resolution_text = forms.CharField(required=False, strip=False)


class ChallengeWithdrawForm(forms.Form):
    reason = forms.CharField(required=False, strip=False)
