"""E-mails per second sent by the worker to a local SMTP server (aiosmtpd's sink).

    make bench    # or: DATABASE_URL=postgres://…/gen_bench .venv/bin/python bench/outbox.py

Two paths, each on 10,000 messages by default (BENCH_OUTBOX_MESSAGES):
- the sweep (`outbox-send` job): messages written in bulk, as a national round writes them, sent over one
  SMTP connection;
- one task per message, as every other e-mail goes: `email_enqueue` writes each with its task, then
  `gen worker --batch` (a real worker process) sends them, one SMTP connection per message.
Every message and task is deleted at the end.
"""

import os
import socket
import subprocess
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gen.settings.dev")
os.environ["DEBUG"] = "0"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from gen.notifications.models import OutboxMessage  # noqa: E402
from gen.notifications.services import email_enqueue, outbox_send  # noqa: E402

MESSAGES = int(os.environ.get("BENCH_OUTBOX_MESSAGES", "10000"))
KIND = "bench.outbox"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean() -> None:
    OutboxMessage.objects.filter(kind=KIND).delete()
    DBTaskResult.objects.filter(task_path="gen.notifications.tasks.email_send").delete()


def sweep(port: int) -> float:
    OutboxMessage.objects.bulk_create(
        OutboxMessage(to=f"bench-{n}@example.org", subject="Banc d'essai", body="Bonjour.\n" * 20, kind=KIND)
        for n in range(MESSAGES)
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    started = time.perf_counter()
    sent, failed = outbox_send(limit=None)
    seconds = time.perf_counter() - started
    assert (sent, failed) == (MESSAGES, 0), (sent, failed)
    return seconds


def tasks(port: int) -> float:
    for n in range(MESSAGES):
        email_enqueue(
            to=f"bench-task-{n}@example.org",
            template="admissions/emails/already_registered",
            context={"user": None, "login_url": "/comptes/connexion/"},
            kind=KIND,
        )
    environment = {
        **os.environ,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
    }
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "gen", "worker", "--batch", "--no-schedule", "-v", "0"],
        env=environment,
        check=True,
    )
    seconds = time.perf_counter() - started
    unsent = OutboxMessage.objects.filter(kind=KIND, sent_at__isnull=True).count()
    assert unsent == 0, f"{unsent} not sent"
    return seconds


def smtp_sink(port: int) -> subprocess.Popen:
    """aiosmtpd's sink, in a process of its own (in this one it would wait for our GIL at every reply)."""
    sink = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink"]
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return sink
        except OSError:
            time.sleep(0.1)
    sink.kill()
    sys.exit("The SMTP sink did not start.")


def main() -> None:
    port = free_port()
    sink = smtp_sink(port)
    clean()
    try:
        sweep_seconds = sweep(port)
        clean()
        task_seconds = tasks(port)
    finally:
        clean()
        sink.terminate()
    print(f"{connection.vendor}, {MESSAGES:,} messages each, to an aiosmtpd sink on 127.0.0.1.\n")
    print("| path | seconds | e-mails/s |")
    print("|---|---:|---:|")
    print(
        f"| sweep (`outbox-send`), one SMTP connection | {sweep_seconds:.1f} | {MESSAGES / sweep_seconds:,.0f} |"
    )
    print(
        f"| one task per e-mail, `gen worker --batch` | {task_seconds:.1f} | {MESSAGES / task_seconds:,.0f} |"
    )


if __name__ == "__main__":
    main()
