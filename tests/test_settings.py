"""Production settings: safe by default, refuse to start without secrets, `check --deploy` clean."""

import os
import subprocess
import sys

import pytest

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "gen.settings.production",
    "SECRET_KEY": "x" * 20 + "production-secret-key-for-the-deploy-check-only-0123456789",
    "ALLOWED_HOSTS": "gen.example.org",
    "DATABASE_URL": "postgres://gen@127.0.0.1:5432/gen",
    "PRIVACY_CONTACT_EMAIL": "dpo@gen.example.org",
}


def run_gen(*args: str, env: dict) -> subprocess.CompletedProcess:
    # The browser tests allow async-unsafe ORM calls in this process; a deployment never does.
    inherited = set(PRODUCTION_ENV) | {"DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {key: value for key, value in os.environ.items() if key not in inherited}
    return subprocess.run(
        [sys.executable, "-m", "gen", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production():
    result = run_gen("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("required", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "PRIVACY_CONTACT_EMAIL"])
def test_production_refuses_to_start_without_a_required_setting(required):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != required}

    result = run_gen("check", env=env)

    assert result.returncode != 0
    assert f"{required} must be set in production" in result.stderr


def test_production_does_not_install_the_demo_generator():
    result = run_gen(
        "shell",
        "--no-imports",
        "-c",
        "from django.apps import apps; print(apps.is_installed('gen.demo'))",
        env=PRODUCTION_ENV,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "False"
    assert run_gen("seed-demo", "--help", env=PRODUCTION_ENV).returncode != 0


def test_the_default_settings_of_the_gen_command_install_the_demo_generator():
    # `make demo` runs `gen seed-demo` without choosing a settings module: gen.settings.dev.
    result = run_gen("seed-demo", "--help", env={})

    assert result.returncode == 0, result.stdout + result.stderr
    assert "--scale" in result.stdout
