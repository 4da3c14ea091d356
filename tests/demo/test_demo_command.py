"""``goldenthread demo --no-serve`` sets the demo up once, then reuses it."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

from goldenthread.demo.facts import DEMO_ACCOUNTS, DEMO_ROLES, DRAWN_ACCOUNTS

Run = Callable[..., subprocess.CompletedProcess[str]]


def _query(database: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchall()


def test_it_creates_the_demo_once_and_reuses_the_database_after(
    run_goldenthread: Run, tmp_path: Path
) -> None:
    data_dir = tmp_path / "a new place" / "demo"
    first = run_goldenthread("demo", "--no-serve", "--data-dir", str(data_dir), timeout=300)
    assert first.returncode == 0, first.stderr
    assert "Demo organisation loaded" in first.stdout
    database = data_dir / "goldenthread.sqlite3"
    assert database.is_file()
    loads = _query(database, "select count(*) from core_auditentry where action = 'load'")
    results = _query(database, "select count(*) from plans_result")

    second = run_goldenthread("demo", "--no-serve", "--data-dir", str(data_dir), timeout=300)
    assert second.returncode == 0, second.stderr
    assert "Reusing the demo database" in second.stdout
    assert "Demo organisation loaded" not in second.stdout
    assert _query(database, "select count(*) from core_auditentry where action = 'load'") == loads
    assert _query(database, "select count(*) from plans_result") == results
    assert _query(database, "select code from plans_cycle") == [("SP2028",)]
    # commands run later on the demo's data directory reckon from the demo's date
    assert (data_dir / "today").read_text(encoding="utf-8") == "2029-11-15\n"
    remind = run_goldenthread("remind", "--cycle", "SP2028", "--dry-run",
                              env={"GOLDENTHREAD_DATA_DIR": str(data_dir)})
    assert remind.returncode == 0, remind.stderr
    assert "as of 2029-11-15" in remind.stdout
    assert "would remind 0 " not in remind.stdout  # its reports are due and late then

    for output in (first.stdout, second.stdout):
        assert "http://127.0.0.1:8000/" in output
        assert "The demo runs as of 15 November 2029" in output  # its plan runs 2028-2031
        for account in DEMO_ACCOUNTS:
            assert f"{account.username} / {account.password}" in output
        assert "amina / goldenthread-demo  (Amina Diallo, BDT-DNS: planner on ITU)" in output
        assert "lucas / goldenthread-demo  (Lucas Moreau, TSB-SGD: reporter on TSB-SGD)" in output
        assert "rania / goldenthread-demo  (Rania Benali, TSB-SGD: approver on TSB-SGD)" in output
        assert "andres / goldenthread-demo  (Andres Costa, TSB: approver on TSB)" in output
        assert "leila / goldenthread-demo  (Leila Moreno, GS-FRMD: finance officer on ITU)" in output
        assert "olga / goldenthread-demo  (Olga Mwangi, BDT: risk officer on BDT)" in output
        assert "tariq / goldenthread-demo  (Tariq Kim, BR-TSD: viewer on BR)" in output
        logins = output[output.index("Sign in as:"):].splitlines()[1:9]
        assert [line.split()[0] for line in logins] == [
            "admin", "amina", "lucas", "rania", "andres", "leila", "olga", "tariq"
        ]


def test_it_ties_staff_accounts_to_their_person_and_audits_it(
    run_goldenthread: Run, tmp_path: Path
) -> None:
    data_dir = tmp_path / "demo"
    done = run_goldenthread("demo", "--no-serve", "--port", "8123", "--data-dir", str(data_dir),
                            timeout=300)
    assert done.returncode == 0, done.stderr
    assert "http://127.0.0.1:8123/" in done.stdout
    database = data_dir / "goldenthread.sqlite3"
    tied = _query(database, """
        select u.username, p.name from org_person p join auth_user u on u.id = p.user_id
        order by u.username""")
    # the staff accounts, and those tied to people the builder drew (rania, the head of
    # Lucas's department; andres, the head of the TSB; leila, olga, tariq)
    expected = sorted(
        [(a.username, a.person_name) for a in DEMO_ACCOUNTS if not a.superuser]
        + [(a.username, a.person_name) for a in DRAWN_ACCOUNTS]
    )
    assert len(expected) == 7
    assert tied == expected
    admins = _query(database, "select username from auth_user where is_superuser")
    assert admins == [("admin",)]
    audited = _query(database, """
        select count(*) from core_auditentry
        where action = 'update' and object_type = 'org.person' and actor_label = 'demo'""")
    assert audited == [(len(expected),)]
    roles = _query(database, """
        select u.username, r.role, o.code from org_roleassignment r
        join auth_user u on u.id = r.user_id join org_orgunit o on o.id = r.unit_id
        order by u.username""")
    assert roles == [("amina", "planner", "ITU"), ("andres", "approver", "TSB"),
                     ("leila", "finance", "ITU"), ("lucas", "reporter", "TSB-SGD"),
                     ("olga", "risk_officer", "BDT"), ("rania", "approver", "TSB-SGD"),
                     ("tariq", "viewer", "BR")]
    assert roles == sorted((r.username, r.role, r.unit) for r in DEMO_ROLES)
    granted = _query(database, """
        select count(*) from core_auditentry
        where action = 'create' and object_type = 'org.roleassignment' and actor_label = 'demo'""")
    assert granted == [(7,)]
