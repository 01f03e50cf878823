"""An e-mail backend for the worker tests only: Django's file backend, slow once.

Set in the worker's environment (EMAIL_BACKEND=tests.campaign.slow_email_backend.EmailBackend):
- SLOW_EMAIL_PHASE: "open" sleeps while connecting, before any message is
  handed over; "after" sleeps once the message is written, as a server that
  accepted it from a worker that then died before saying so.
- SLOW_EMAIL_SECONDS: how long (default 60).
- SLOW_EMAIL_MARKER: a file created when the sleep starts. Only the first
  send sleeps (the file exists afterwards); the test waits for it, then kills
  the worker.
"""

import os
import time
from pathlib import Path

from django.core.mail.backends import filebased


class EmailBackend(filebased.EmailBackend):
    def _pause(self, phase):
        if os.environ.get("SLOW_EMAIL_PHASE") != phase:
            return
        try:
            # O_EXCL: one sleep in all, whichever process gets here first.
            os.close(os.open(Path(os.environ["SLOW_EMAIL_MARKER"]), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return
        time.sleep(float(os.environ.get("SLOW_EMAIL_SECONDS", "60")))

    def open(self):
        self._pause("open")
        return super().open()

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        self._pause("after")
        return sent
