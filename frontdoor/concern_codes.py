"""Coded values a contact records, because the problem profile counts them (DESIGN.md rule 12).

Pure: no database. Each list is written from the seeds; the seed section is named on each.
"""

from django.db import models


class VulnerabilityFactor(models.TextChoices):
    # Seed 000, "Underlying Vulnerability Factors".
    HISTORY_OF_GOING_MISSING = "history_of_going_missing", "History of running away or going missing from home"
    FAMILY_HISTORY_OF_ABUSE_OR_NEGLECT = "family_history_of_abuse_or_neglect", "Family history of abuse and neglect"
    LOW_SELF_ESTEEM = "low_self_esteem", "Low self-esteem"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    PARENTAL_SUBSTANCE_MISUSE = "parental_substance_misuse", "Parental drug or alcohol misuse"
    PARENTAL_MENTAL_HEALTH = "parental_mental_health", "Parental mental health problems"
    FAMILY_BREAKDOWN = (
        "family_breakdown",
        "Family breakdown, disrupted family life or a significant event in the child's life",
    )
    PROBLEMATIC_PARENTING = "problematic_parenting", "Problematic parenting: a deficit in parenting capacity"


class GroomingModel(models.TextChoices):
    # Seed 003, 3.7; seed 002, "the four key models".
    PEER_ON_PEER = "peer_on_peer", "Peer on peer exploitation"
    BEFRIENDING_AND_GROOMING = "befriending_and_grooming", "Exploitation through befriending and grooming"
    BOYFRIEND_OR_PIMP = "boyfriend_or_pimp", "The 'boyfriend' or pimp model"
    PARTY = "party", "The 'party' model"


class GroomingStage(models.TextChoices):
    # Seed 003, 3.8.
    NOT_KNOWN = "", "Not known"
    INITIAL_CONTACT = "initial_contact", "Initial contact"
    BEFRIENDING = "befriending", "Befriending"
    EXCHANGE_OF_FAVOURS = "exchange_of_favours", "Exchange of favours"
    CONTROL = "control", "Control"
    EXPLOITATION = "exploitation", "Exploitation"


class Setting(models.TextChoices):
    # Seed 000 and 002 report online-only, contact-only and online-to-contact offending separately.
    NOT_KNOWN = "not_known", "Not known"
    ONLINE = "online", "Online"
    CONTACT = "contact", "In person (contact)"
    BOTH = "both", "Both online and in person"
