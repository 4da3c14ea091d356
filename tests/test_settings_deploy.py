"""The settings a deployment gets from its environment, checked the way an operator would:
by running the ``goldenthread`` command in a fresh process that has only that environment."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

PRINT_SETTINGS = (
    "import json; from django.conf import settings; db = settings.DATABASES['default']; "
    "print(json.dumps({'engine': db['ENGINE'], 'name': str(db['NAME']), 'host': db.get('HOST'), "
    "'data_dir': str(settings.DATA_DIR), 'secret_key': settings.SECRET_KEY}))"
)


def settings_seen_by_the_command(run_goldenthread, env: dict[str, str] | None = None) -> dict:
    """The settings a fresh ``goldenthread`` process builds from nothing but ``env``."""
    result = run_goldenthread("shell", "--no-imports", "-c", PRINT_SETTINGS, clear_env=True,
                              env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def production_env() -> dict[str, str]:
    return {
        "GOLDENTHREAD_SECRET_KEY": secrets.token_urlsafe(64),
        "GOLDENTHREAD_DEBUG": "0",
        "GOLDENTHREAD_SECURE": "1",
        "GOLDENTHREAD_ALLOWED_HOSTS": "plan.example.org",
    }


def test_a_production_configuration_passes_the_deploy_check_with_no_warnings(run_goldenthread):
    result = run_goldenthread("check", "--deploy", "--fail-level", "WARNING",
                              env=production_env(), clear_env=True)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert "WARNING" not in output.upper()


def test_the_deploy_check_warns_when_https_settings_are_off(run_goldenthread):
    env = production_env() | {"GOLDENTHREAD_SECURE": "0"}
    result = run_goldenthread("check", "--deploy", "--fail-level", "WARNING", env=env,
                              clear_env=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "security.W008" in output  # no SSL redirect
    assert "security.W012" in output  # session cookie not secure


def test_the_deploy_check_warns_when_debug_pages_are_on(run_goldenthread):
    env = production_env() | {"GOLDENTHREAD_DEBUG": "1"}
    result = run_goldenthread("check", "--deploy", "--fail-level", "WARNING", env=env,
                              clear_env=True)
    assert result.returncode != 0
    assert "security.W018" in result.stdout + result.stderr


def test_with_no_environment_at_all_it_uses_sqlite_in_the_user_data_dir(run_goldenthread):
    seen = settings_seen_by_the_command(run_goldenthread)
    assert seen["engine"] == "django.db.backends.sqlite3"
    assert seen["data_dir"].endswith(str(Path(".local", "share", "goldenthread")))
    assert seen["name"] == str(Path(seen["data_dir"]) / "goldenthread.sqlite3")


def test_the_data_dir_variable_moves_the_sqlite_database(run_goldenthread, tmp_path):
    data_dir = tmp_path / "office"
    seen = settings_seen_by_the_command(run_goldenthread, {"GOLDENTHREAD_DATA_DIR": str(data_dir)})
    assert seen["engine"] == "django.db.backends.sqlite3"
    assert seen["data_dir"] == str(data_dir)
    assert seen["name"] == str(data_dir / "goldenthread.sqlite3")
    assert (data_dir / "secret_key").stat().st_mode & 0o077 == 0  # generated, private


def test_a_postgres_url_selects_postgresql(run_goldenthread):
    url = "postgres://planner:s3cret@db.example.org:5432/plans"
    seen = settings_seen_by_the_command(run_goldenthread, {"GOLDENTHREAD_DATABASE_URL": url})
    assert seen["engine"] == "django.db.backends.postgresql"
    assert seen["name"] == "plans"
    assert seen["host"] == "db.example.org"


def test_the_generated_secret_key_is_kept_between_runs(run_goldenthread, tmp_path):
    env = {"GOLDENTHREAD_DATA_DIR": str(tmp_path / "office")}
    first = settings_seen_by_the_command(run_goldenthread, env)
    second = settings_seen_by_the_command(run_goldenthread, env)
    assert len(first["secret_key"]) >= 50
    assert first["secret_key"] == second["secret_key"]
