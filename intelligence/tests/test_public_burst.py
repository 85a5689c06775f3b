"""The public form survives a burst of concurrent submissions over real HTTP: every report the server
accepted is stored exactly once, a key sent twice at the same moment makes one report, and a report the
server could not store (503, "try again") left nothing behind."""

import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.cookiejar import CookieJar

import pytest
from django.core.cache import cache

from intelligence.models import EntityKind, Submission

pytestmark = pytest.mark.django_db(transaction=True)

FORMS = 20  # each opened once, by its own visitor
SENT_TWICE = 10  # of which these are sent twice at the same moment: 30 POSTs in all


@dataclass(frozen=True)
class OpenForm:
    number: int
    opener: urllib.request.OpenerDirector
    csrf_token: str
    key: str


def open_form(base_url: str, number: int) -> OpenForm:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    with opener.open(f"{base_url}/report/new/", timeout=30) as response:
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page)
    assert token
    assert key
    return OpenForm(number=number, opener=opener, csrf_token=token.group(1), key=key.group(1))


def post(base_url: str, form: OpenForm, start: threading.Barrier) -> tuple[str, int, str]:
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": form.csrf_token,
            "idempotency_key": form.key,
            "narrative": f"Burst report {form.number}: a car collects a girl from the bus station.",
            "person_1_name": f"Burst Person {form.number}",
            "vehicle_1_registration": f"BU{form.number:02d} R?T",
        }
    ).encode()
    start.wait(timeout=60)
    try:
        # The opener follows the redirect to the confirmation page, as a browser does.
        with form.opener.open(f"{base_url}/report/new/", data=data, timeout=120) as response:
            return form.key, response.status, response.read().decode()
    except urllib.error.HTTPError as refused:
        return form.key, refused.code, refused.read().decode()
    except (ConnectionError, urllib.error.URLError) as lost:
        # No answer at all: the report may or may not have been stored, as after a dropped connection.
        return form.key, 0, repr(lost)


def test_a_burst_of_reports_stores_each_accepted_report_exactly_once(live_server, settings):
    settings.PUBLIC_REPORT_RATES = ["1000/m"]  # one client address sends everything here
    cache.clear()
    base_url = live_server.url
    # The test server queues 10 connections, a production server hundreds: queue the whole burst, so
    # that the server, not the operating system, decides what happens to each report.
    live_server.thread.httpd.socket.listen(64)
    forms = [open_form(base_url, number) for number in range(FORMS)]
    jobs = forms + forms[:SENT_TWICE]
    start = threading.Barrier(len(jobs))
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        results = list(pool.map(lambda form: post(base_url, form, start), jobs))

    accepted: set[str] = set()
    busy: set[str] = set()
    unanswered: set[str] = set()
    for key, status, page in results:
        if status == 200:
            assert "Report sent" in page, page[:500]
            accepted.add(key)
        elif status == 0:
            unanswered.add(key)
        else:
            assert status == 503, f"{status}: {page[:500]}"
            assert "Sorry, we could not save your report just now" in page
            busy.add(key)

    for form in forms:
        stored = Submission.objects.filter(idempotency_key=f"public-{form.key}").count()
        # Accepted once or twice: stored once. Only ever answered "try again": nothing of it stored.
        if form.key in accepted:
            assert stored == 1, form.number
        elif form.key not in unanswered:
            assert stored == 0, form.number
        else:
            assert stored <= 1, form.number
    # Most of the burst goes through: the test is not passed by refusing everything.
    assert len(accepted) >= FORMS // 2, f"accepted {len(accepted)}, busy {len(busy)}, unanswered {len(unanswered)}"

    # The others are sent again, with the same key, as a person or a browser would: each is then
    # stored once, including any stored before its connection dropped.
    for form in forms:
        if form.key not in accepted:
            key, status, page = post(base_url, form, threading.Barrier(1))
            assert status == 200
            assert "Report sent" in page
    assert Submission.objects.count() == FORMS
    for submission in Submission.objects.prefetch_related("mentions"):
        number = int(re.match(r"Burst report (\d+):", submission.narrative).group(1))  # type: ignore[union-attr]
        assert submission.idempotency_key == f"public-{forms[number].key}"
        kinds = sorted(mention.kind for mention in submission.mentions.all())
        assert kinds == [EntityKind.PERSON, EntityKind.VEHICLE]  # stored whole, never half
