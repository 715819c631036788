"""`gen matching call-order|allocate FILE.json`: the selection algorithms on a JSON file, answer on stdout.

The documents are described in `gen.matching.documents`, with examples in `docs/examples/`. The
command reads no database and changes nothing; a faulty file stops it with a message naming the fault
and nothing on stdout.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gen.matching.documents import allocate_document, call_order_document, load

ACTIONS = {
    "call-order": (
        call_order_document,
        "Re-order a ranking so that the minimum rates of priority publics hold.",
    ),
    "allocate": (
        allocate_document,
        "Allocate places: candidate-proposing deferred acceptance on call orders.",
    ),
}


class Command(BaseCommand):
    help = "Run the selection algorithms (call order, allocation of places) on a JSON file."
    requires_system_checks = []  # pure computation: nothing of the project's state is needed

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{call-order,allocate}")
        for name, (_, help_text) in ACTIONS.items():
            action = actions.add_parser(name, help=help_text, description=help_text)
            action.add_argument("input", help="The JSON document, or - to read it from the standard input.")

    def handle(self, *args, action: str, input: str, **options):
        answer, _ = ACTIONS[action]
        try:
            text = sys.stdin.read() if input == "-" else Path(input).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot read {input}: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{input} is not UTF-8 text") from error
        try:
            result = answer(load(text))
        except ValueError as error:
            raise CommandError(f"{'stdin' if input == '-' else input}: {error}") from error
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
