from django import forms

from meetings.models import ContextualItem


class ContextualItemChoiceForm(forms.Form):
    """Which of the MEG's open contextual items an entity is linked to."""

    item = forms.TypedChoiceField(
        label="Which MEG item is this about?",
        coerce=int,
        error_messages={
            "required": "Select the MEG item to link this to",
            "invalid_choice": "Select one of the open MEG items listed",
        },
    )

    def __init__(self, *args: object, items: list[ContextualItem], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.items = {item.pk: item for item in items}
        self.fields["item"].choices = [  # type: ignore[attr-defined]
            (item.pk, f"{item.get_kind_display()}: {item.title} ({item.area.name})") for item in items
        ]

    @property
    def chosen_item(self) -> ContextualItem:
        return self.items[self.cleaned_data["item"]]
