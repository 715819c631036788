"""The `gen` console command: the project's manage.py, installed with the package."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gen.settings.dev")
    from django.core.management import execute_from_command_line

    # `gen seed-demo` reads better than `gen seed_demo`; Django names commands after their modules.
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        sys.argv[1] = sys.argv[1].replace("-", "_")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
