"""The load test's wrk script (scripts/load/quiz.lua) against a small fake server: it sends what
the quiz expects (cookie, address, CSRF field, captcha), records where each start leads, and
counts an unexpected answer as an error. The whole `make load` needs gunicorn and minutes; this
checks the part that decides its figures."""

import argparse
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from config import loadtest

pytestmark = pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk chưa được cài (apt-get install wrk)")
ATTEMPT = "/cuoc-thi/bai-thi/0b6f2d0e-1111-4222-8333-944455556666/"


class Fake(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen = []

    def log_message(self, *args):
        pass

    def answer(self, status, location=""):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        # What a client sends once it has used up its lines (counted as ran_out, not measured).
        self.answer(200 if self.path == "/_bench/trivial/" else 404)

    def do_POST(self):
        body = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        Fake.seen.append((self.path, self.headers["Cookie"], self.headers["X-Forwarded-For"], body))
        if body.get("csrfmiddlewaretoken") != [loadtest.CSRF]:
            return self.answer(403)
        if self.path.endswith("/bat-dau/"):
            # The second citizen's captcha is refused, as the portal would.
            if body["captcha_0"] == ["bad"]:
                return self.answer(302, "/cuoc-thi/do-tai/")
            return self.answer(302, ATTEMPT)
        return self.answer(200)


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Fake)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()


def test_start_records_attempts_and_counts_refusals(server, tmp_path):
    Fake.seen = []
    data = tmp_path / "start.txt"
    data.write_text("cookie-a good 10.0.0.1 /cuoc-thi/do-tai/dot/2/bat-dau/\n"
                    "cookie-b bad 10.0.0.2 /cuoc-thi/do-tai/dot/2/bat-dau/\n")
    test = loadtest.LoadTest(argparse.Namespace(clients=1, seconds=1))
    row = test.wrk(server, "start", str(data), str(tmp_path / "started"))
    # Two starts, one refused (led back to the contest page), then nothing left to send.
    assert row["errors"] == 1 and "bat-dau" not in row["example"] and "302 /cuoc-thi/do-tai/" in row["example"]
    assert row["ran_out"] >= row["requests"] - 2  # plus the one in flight when the time is up
    assert (tmp_path / "started.0").read_text() == f"cookie-a 10.0.0.1 {ATTEMPT}\n"
    path, cookie, address, body = Fake.seen[0]
    assert cookie == f"csrftoken={loadtest.CSRF}; cuocthi=cookie-a" and address == "10.0.0.1"
    assert body["captcha_0"] == ["good"] and body["captcha_1"] == ["1"]


def test_autosave_sends_ten_answers_per_attempt(server, tmp_path):
    Fake.seen = []
    data = tmp_path / "attempts.txt"
    data.write_text(f"cookie-a 10.0.0.1 {ATTEMPT}\n")
    row = loadtest.LoadTest(argparse.Namespace(clients=1, seconds=1)).wrk(server, "autosave", str(data))
    assert row["errors"] == 0
    saves = [(p, body["position"][0]) for p, _, _, body in Fake.seen]
    assert saves == [(ATTEMPT + "luu/", str(n)) for n in range(1, 11)]
