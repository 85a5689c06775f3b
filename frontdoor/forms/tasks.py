"""The task page's forms: completing a task, and saying why it is not needed."""

from collections.abc import Sequence
from typing import Any

from django import forms

from accounts.models import User
from assessments.levels import RiskLevel
from frontdoor.forms.common import YES_NO
from frontdoor.models import Task
from frontdoor.routing import TaskCode
from frontdoor.task_release import MeetingDecision, Outcome


class TaskCompleteForm(forms.Form):
    new_concerns = forms.ChoiceField(label="Did the assessment identify new concerns?", choices=YES_NO, required=False)
    meeting = forms.ChoiceField(
        label="What did you decide?",
        choices=[
            (MeetingDecision.STRATEGY_MEETING.value, "Hold a strategy meeting (child protection procedures)"),
            (MeetingDecision.MULTI_AGENCY_MEETING.value, "Hold a multi-agency meeting"),
            (MeetingDecision.NEITHER.value, "Neither"),
        ],
        required=False,
    )
    confirmed_level = forms.ChoiceField(
        label="If neither, what level of risk do you confirm?", choices=RiskLevel.choices, required=False
    )
    stepped_down = forms.ChoiceField(
        label="How will Early Help support the child?",
        choices=[("yes", "Stepped down to Early Help"), ("no", "Early Help works alongside Social Care")],
        required=False,
    )
    note = forms.CharField(label="Note (optional)", widget=forms.Textarea, required=False, max_length=5000)

    QUESTIONS: dict[str, tuple[str, ...]] = {
        TaskCode.COMPLETE_RISK_ASSESSMENT: ("new_concerns",),
        TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING: ("meeting", "confirmed_level"),
        TaskCode.STEP_DOWN_TO_EARLY_HELP: ("stepped_down",),
    }
    MISSING = {
        "new_concerns": "Select whether the assessment identified new concerns",
        "meeting": "Select which meeting you decided on, or neither",
        "confirmed_level": "No meeting will be held: select the level of risk you confirm",
        "stepped_down": "Select how Early Help will support the child",
    }

    def __init__(self, *args: Any, task: Task, designated_cse_workers: Sequence[User] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = self.QUESTIONS.get(task.code, ())
        for name in ("new_concerns", "meeting", "confirmed_level", "stepped_down"):
            if name not in self.questions:
                del self.fields[name]
        # Decision 0030: where the area has several Designated CSE workers, the referrer chooses one.
        if task.code == TaskCode.REFER_TO_DESIGNATED_CSE_WORKER and len(designated_cse_workers) > 1:
            self.fields["designated_cse_worker"] = forms.ChoiceField(
                label="Which Designated CSE worker is the child referred to?",
                choices=[(str(worker.pk), worker.display_name) for worker in designated_cse_workers],
                error_messages={"required": "Select the Designated CSE worker the child is referred to"},
            )

    def designated_cse_worker_id(self) -> int | None:
        chosen = self.cleaned_data.get("designated_cse_worker")
        return int(chosen) if chosen else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in self.questions:
            # A meeting determines the level itself (seed 003, 2.2): only "neither" needs one here.
            if name == "confirmed_level" and data.get("meeting") != MeetingDecision.NEITHER:
                continue
            if not data.get(name):
                self.add_error(name, self.MISSING[name])
        return data

    def outcome(self) -> Outcome:
        data = self.cleaned_data
        return Outcome(
            new_concerns=data["new_concerns"] == "yes" if data.get("new_concerns") else None,
            meeting=MeetingDecision(data["meeting"]) if data.get("meeting") else None,
            confirmed_level=RiskLevel(data["confirmed_level"]) if data.get("confirmed_level") else None,
            stepped_down=data["stepped_down"] == "yes" if data.get("stepped_down") else None,
        )


class TaskCancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is this task not needed?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter why the task is not needed"},
    )
