"""The warning signs of seed 003, section 3.3 (DESIGN.md rule 12). Codes are a stable interface."""

from django.db import models

CAUSE_FOR_CONCERN_THRESHOLD = 3  # "three or more of the following warning signs"


class WarningSign(models.TextChoices):
    SECRETIVE_OR_MOOD_CHANGE = (
        "secretive_or_mood_change",
        "Secretive, stops engaging with usual friends, sharp mood swings or a different personality",
    )
    OLDER_ASSOCIATES = "older_associates", "Associating with, or in a sexual relationship with, older men or women"
    GOING_MISSING = "going_missing", "Going missing from home, defensive about whereabouts, late home or out all night"
    UNKNOWN_CONTACTS = "unknown_contacts", "Odd calls or messages from unknown, possibly much older people"
    UNEXPLAINED_POSSESSIONS = "unexplained_possessions", "New, expensive items they could not normally afford"
    CHANGE_IN_DRESS_OR_MUSIC = "change_in_dress_or_music", "A sudden change in how they dress or the music they like"
    TIRED_OR_UNWELL = "tired_or_unwell", "Tired or unwell, sleeping at unusual hours"
    CONCEALED_MARKS = "concealed_marks", "Marks or scars they try to conceal"
    NEW_STREET_LANGUAGE = "new_street_language", "New street language or a new street name"


def is_cause_for_concern(signs: frozenset[WarningSign] | set[WarningSign]) -> bool:
    return len(signs) >= CAUSE_FOR_CONCERN_THRESHOLD
