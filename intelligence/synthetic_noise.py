"""How witnesses garble what they write down: typing slips, phonetic and known other spellings of a
name, and phone numbers and registrations written their own way. Kept apart from the synthetic set
(intelligence/synthetic.py), which decides who is described and when; this decides only how one word
or number comes out. Pure: no database."""

import random

# Spellings a witness may use for the same name.
VARIANTS = (
    ("Mohammed", "Mohammad", "Muhammad", "Mohamed"), ("Stephen", "Steven"), ("John", "Jon"), ("Sean", "Shaun", "Shawn"),
    ("Philip", "Phillip"), ("Zak", "Zac", "Zack"), ("Aaron", "Arron"), ("Lee", "Leigh"), ("Ahmed", "Ahmad"),
    ("Hussain", "Hussein", "Husain"), ("Ali", "Aly"), ("Davies", "Davis"), ("Clarke", "Clark"), ("Gray", "Grey"),
    ("Thompson", "Thomson"), ("Reid", "Reed", "Read"), ("Smith", "Smyth"), ("Matthews", "Mathews"),
    ("Phillips", "Philips"),
)  # fmt: skip
_VARIANT_OF = {name: group for group in VARIANTS for name in group}


def misspell(word: str, rng: random.Random) -> str:
    """One typing slip: a letter changed, dropped, doubled, or two swapped; the first letter is usually right."""
    if len(word) < 3:
        return word
    at = rng.randrange(1, len(word)) if rng.random() < 0.9 else 0
    kind = rng.random()
    if kind < 0.3:
        return word[:at] + rng.choice("aeiounrstl") + word[at + 1 :]
    if kind < 0.55:
        return word[:at] + word[at + 1 :]
    if kind < 0.75:
        return word[:at] + word[at] + word[at:]
    at = min(at, len(word) - 2)
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def sound_alike(word: str, rng: random.Random) -> str:
    """A phonetic variant: a known other spelling, or a spelling rule (ph/f, ie/y, double letters)."""
    group = _VARIANT_OF.get(word)
    if group:
        return rng.choice([name for name in group if name != word])
    for old, new in (("ph", "f"), ("ck", "k"), ("ie", "y"), ("y", "ie"), ("ll", "l"), ("nn", "n"), ("ss", "s")):
        if old in word[1:]:
            return word[0] + word[1:].replace(old, new, 1)
    return word


def noisy(word: str, rng: random.Random) -> str:
    """Most words come out as meant; about one in ten is misspelt and one in twelve spelt as it sounds."""
    roll = rng.random()
    if roll < 0.1:
        return misspell(word, rng)
    if roll < 0.18:
        return sound_alike(word, rng)
    return word


def phone_written(phone: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        return phone.replace(" ", "")
    if roll < 0.45:
        return "+44 " + phone[1:]
    return phone


def plate_written(registration: str, rng: random.Random) -> str:
    return registration.replace(" ", "").lower() if rng.random() < 0.3 else registration
