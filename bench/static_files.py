"""Collected static files for the production profile, kept between runs.

`collectstatic` on the production profile hashes and compresses every file (about a minute here),
which would be most of a `--smoke` run. The bench keeps the collected folder and collects again
only when the files the static finders list (GOV.UK Frontend's build, the apps' own) have changed:
their paths and contents are its fingerprint (not their times: `make setup` builds the same files
again). Needs Django set up.
"""

import hashlib
import shutil
from collections.abc import Mapping
from pathlib import Path

from tests.production_server import manage

FINGERPRINT = "fingerprint"


def fingerprint() -> str:
    from django.contrib.staticfiles.finders import get_finders

    entries = []
    for finder in get_finders():
        for path, storage in finder.list([]):
            content = hashlib.sha256(Path(storage.path(path)).read_bytes()).hexdigest()
            entries.append(f"{path}\t{content}")
    return hashlib.sha256("\n".join(sorted(entries)).encode()).hexdigest()


def collected(data_dir: Path, production: Mapping[str, str]) -> bool:
    """Collect into `data_dir`/staticfiles unless what is there was collected from the same files;
    True when it had to collect."""
    wanted = fingerprint()
    stamp = data_dir / FINGERPRINT
    if stamp.exists() and stamp.read_text() == wanted and (data_dir / "staticfiles" / "staticfiles.json").exists():
        return False
    shutil.rmtree(data_dir / "staticfiles", ignore_errors=True)
    stamp.unlink(missing_ok=True)
    manage(production, "collectstatic", "--noinput", "--verbosity", "0")
    stamp.write_text(wanted)
    return True
