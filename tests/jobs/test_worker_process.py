"""The real worker, as its own process against PostgreSQL: it starts the recurring jobs at their slot,
runs them, and sends the e-mails of the outbox to a real SMTP server (an aiosmtpd sink)."""

import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from gen.jobs.models import JobRun
from gen.jobs.schedule import scheduled_jobs
from gen.notifications.models import OutboxMessage
from gen.notifications.services import email_enqueue

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WAIT_SECONDS = 60


class Sink:
    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_sink():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield sink, controller.port
    controller.stop()


def database_url() -> str:
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    runs = list(JobRun.objects.values_list("job", "state", "error"))
    raise AssertionError(f"The worker did not {what} within {WAIT_SECONDS} s; runs: {runs}")


def test_the_worker_process_runs_the_schedule_and_sends_e_mails(smtp_sink, reference_data):
    if connection.vendor != "postgresql":
        pytest.skip("The worker process needs a database it can share: PostgreSQL.")
    sink, port = smtp_sink
    message = email_enqueue(
        to="camille@example.org",
        template="admissions/emails/already_registered",
        context={"user": None, "login_url": "/comptes/connexion/"},
        kind="test.worker",
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gen.settings.dev",
        "DATABASE_URL": database_url(),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "gen", "worker", "--interval", "0.2", "--schedule-every", "1"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(lambda: OutboxMessage.objects.filter(pk=message.pk, sent_at__isnull=False).exists(), "send")
        wait_for(
            lambda: (
                JobRun.objects.filter(trigger="schedule", state="succeeded").count() == len(scheduled_jobs())
            ),
            "run every scheduled job",
        )
    except AssertionError as error:
        worker.send_signal(signal.SIGTERM)
        raise AssertionError(f"{error}\n{worker.communicate(timeout=30)[0]}") from None
    finally:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    output, _ = worker.communicate(timeout=30)
    assert worker.returncode == 0, output
    (envelope,) = sink.received
    assert envelope.rcpt_tos == ["camille@example.org"]
    assert not JobRun.objects.exclude(state="succeeded").exists(), list(JobRun.objects.values("job", "error"))
