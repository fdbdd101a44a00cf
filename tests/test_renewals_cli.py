"""``pmoplan cpd log`` and ``pmoplan renewals`` end to end, and the README's five worked examples."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmoplan.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
BOM = "\ufeff"


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    """Exit code, stdout (bytes decoded as is, so CRLF stays) and stderr of ``pmoplan ARGS``."""
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout_bytes.decode("utf-8"), result.stderr


def readme_examples() -> list[tuple[str, list[tuple[list[str], str]]]]:
    """(title, [(command args, expected stdout)]) for each block of the renewal worked examples."""
    part = README.split("### Five worked examples (tested in `tests/test_renewals_cli.py`)", 1)[1]
    part = part.split("\n### ", 1)[0]
    examples = []
    for chunk in part.split("```console\n")[1:]:
        body = chunk.split("\n```", 1)[0]
        steps: list[tuple[list[str], str]] = []
        for line in body.splitlines():
            if line.startswith("$ pmoplan "):
                steps.append((shlex.split(line[len("$ pmoplan ") :]), ""))
            else:
                args, shown = steps[-1]
                steps[-1] = (args, shown + line + "\n")
        examples.append((" ".join(steps[-1][0]), steps))
    return examples


EXAMPLES = readme_examples()


def test_the_readme_has_five_renewal_examples() -> None:
    assert len(EXAMPLES) == 5


@pytest.mark.parametrize(("title", "steps"), EXAMPLES, ids=[f"example-{i}" for i in range(1, len(EXAMPLES) + 1)])
def test_readme_example_is_current(
    title: str, steps: list[tuple[list[str], str]], runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for args, shown in steps:
        code, out, err = invoke(runner, *args)
        assert code == 0, (title, err)
        assert out.removeprefix(BOM).replace("\r\n", "\n") == shown, title


# --- cpd log -----------------------------------------------------------------------------------


def test_cpd_log_records_the_entry_and_prints_the_log(runner: CliRunner, tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    code, out, err = invoke(
        runner, "cpd", "log", "2.5", "--date", "2026-11-20", "--scheme", "peoplecert-ppm",
        "--category", "professional-experience", "--note", "coached a colleague on P3O", "--profile", str(profile),
        "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out) == {
        "schema_version": 1,
        "cpd": [
            {
                "date": "2026-11-20",
                "scheme": "peoplecert-ppm",
                "amount": 2.5,
                "category": "professional-experience",
                "note": "coached a colleague on P3O",
                "course_id": None,
            }
        ],
    }
    assert f"logged 2.5 CPD point(s) under peoplecert-ppm on 2026-11-20 in {profile}" in err
    text = profile.read_text(encoding="utf-8")
    assert "cpd:\n- date: '2026-11-20'\n  scheme: peoplecert-ppm\n  amount: 2.5\n" in text


def test_cpd_log_csv_is_excel_safe(runner: CliRunner, tmp_path: Path) -> None:
    code, out, _ = invoke(
        runner, "cpd", "log", "1", "--date", "2026-11-01", "--scheme", "apm-cpd", "--note", "=HYPERLINK(x)",
        "--profile", str(tmp_path / "p.yaml"), "--format", "csv",
    )  # fmt: skip
    assert code == 0
    # The BOM is for files only, never for stdout (the one output path); formulas are defused.
    assert out == "Date,Scheme,Amount,Category,Course id,Note\r\n2026-11-01,apm-cpd,1,,,'=HYPERLINK(x)\r\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["20", "--scheme", "peoplecert-ppm"], 2, "peoplecert-ppm counts 0.5 to 15 CPD points per activity, got 20"),
        (["2", "--scheme", "pmi-cc"], 1, "unknown renewal scheme 'pmi-cc' (did you mean 'pmi-ccr'?)"),
        (["2", "--scheme", "pmi-ccr", "--category", "leadership"], 1, "unknown pmi-ccr category 'leadership'"),
        (["2", "--scheme", "pmi-ccr", "--date", "2999-01-01"], 2, "--date 2999-01-01 is in the future"),
        (["2", "--scheme", "pmi-ccr", "--date", "2026-02-30"], 2, "--date expects a date like 2026-03-01"),
        (["0", "--scheme", "pmi-ccr"], 2, "HOURS must be more than 0"),
        (["1", "--scheme", "pmi-ccr", "--note", "bell\x07"], 2, "--note must be one line of 1 to 200 characters"),
        (["1", "--scheme", "pmi-ccr", "--note", "x" * 201], 2, "--note must be one line of 1 to 200 characters"),
    ],
)
def test_cpd_log_refuses_bad_entries_and_leaves_the_profile_alone(
    args: list[str], code: int, message: str, runner: CliRunner, tmp_path: Path
) -> None:
    profile = tmp_path / "p.yaml"
    assert invoke(runner, "done", "pmi-pmp", "--date", "2024-05-20", "--profile", str(profile))[0] == 0
    before = profile.read_bytes()
    got, out, err = invoke(runner, "cpd", "log", *args, "--profile", str(profile))
    assert got == code
    assert out == ""
    assert err.startswith("pmoplan: error: ") and message in err and err.count("\n") == 1
    assert profile.read_bytes() == before


def test_cpd_log_never_overwrites_an_unreadable_profile(runner: CliRunner, tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("schema_version: 1\ncompleted: [oops\n", encoding="utf-8")
    code, _, err = invoke(runner, "cpd", "log", "2", "--scheme", "pmi-ccr", "--profile", str(profile))
    assert code == 1 and "the profile was not changed" in err
    assert profile.read_text(encoding="utf-8") == "schema_version: 1\ncompleted: [oops\n"


# --- renewals ----------------------------------------------------------------------------------


def test_done_logs_the_pdus_a_course_earns_for_a_pmp_holder(runner: CliRunner, tmp_path: Path) -> None:
    profile = str(tmp_path / "p.yaml")
    for course, on in (("pmi-pmp", "2024-05-20"), ("pmo-leadership", "2026-10-01")):
        assert invoke(runner, "done", course, "--date", on, "--profile", profile)[0] == 0
    code, out, err = invoke(runner, "renewals", "--profile", profile, "--as-of", "2026-12-01", "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert report["schema_version"] == 1 and report["as_of"] == "2026-12-01"
    (pmp,) = report["certificates"]
    assert (pmp["course_id"], pmp["renew_by"], pmp["status"], pmp["route"]) == (
        "pmi-pmp",
        "2027-05-20",
        "urgent",
        "cpd",
    )
    credits = {k: pmp["credits"][k] for k in ("scheme", "unit", "required", "logged", "planned", "remaining")}
    assert credits == {"scheme": "pmi-ccr", "unit": "PDU", "required": 60, "logged": 14, "planned": 0, "remaining": 46}
    power = next(c for c in pmp["credits"]["categories"] if c["category"] == "power-skills")
    assert (power["min"], power["logged"], power["remaining"]) == (8, 14, 0)


def test_renewals_table_lists_urgent_first(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    profile = str(tmp_path / "p.yaml")
    for course, on in (("msp-foundation", "2026-06-01"), ("pmi-capm", "2024-03-01")):
        assert invoke(runner, "done", course, "--date", on, "--profile", profile)[0] == 0
    code, out, _ = invoke(runner, "renewals", "--profile", profile, "--as-of", "2026-12-01")
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith("| ") and "Certificate" not in line]
    assert rows[0].startswith("| pmi-capm ") and "| urgent " in rows[0] and "| 2027-03-01 " in rows[0]
    assert any(r.startswith("| msp-foundation ") and "| current " in r for r in rows)
    assert "As of 2026-12-01." in out


def test_renewals_without_a_profile_says_how_to_start(runner: CliRunner, tmp_path: Path) -> None:
    code, out, err = invoke(runner, "renewals", "--profile", str(tmp_path / "none.yaml"))
    assert (code, out) == (1, "")
    hint = "no profile yet; record a certificate with 'pmoplan done ID --date YYYY-MM-DD'"
    assert err == f"pmoplan: error: {tmp_path / 'none.yaml'}: {hint}\n"


def test_renewals_refuses_an_undated_or_unknown_planned_course(runner: CliRunner, tmp_path: Path) -> None:
    profile = str(tmp_path / "p.yaml")
    assert invoke(runner, "done", "pmi-pmp", "--date", "2024-05-20", "--profile", profile)[0] == 0
    code, _, err = invoke(runner, "renewals", "--profile", profile, "--planned", "p3o-foundation")
    assert code == 2 and "--planned p3o-foundation needs a date" in err
    code, _, err = invoke(runner, "renewals", "--profile", profile, "--planned", "p3o-foundatio@2027-01-01")
    assert code == 1 and "p3o-foundatio" in err


def test_json_matches_the_published_schemas(runner: CliRunner, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    profile = str(tmp_path / "p.yaml")
    for course, on in (("pmi-pmp", "2023-08-01"), ("p3o-foundation", "2024-03-10"), ("mop-foundation", "2019-05-01")):
        assert invoke(runner, "done", course, "--date", on, "--profile", profile)[0] == 0
    code, logged, _ = invoke(
        runner,
        "cpd",
        "log",
        "4",
        "--date",
        "2026-10-01",
        "--scheme",
        "pmi-ccr",
        "--profile",
        profile,
        "--format",
        "json",
    )
    assert code == 0
    code, report, _ = invoke(runner, "renewals", "--profile", profile, "--as-of", "2026-12-01", "--format", "json")
    assert code == 0
    for name, document in (("cpd-log", logged), ("renewals", report)):
        code, schema, _ = invoke(runner, "schema", name)
        assert code == 0
        jsonschema.validate(json.loads(document), json.loads(schema))


def test_a_hand_edited_cpd_entry_with_a_control_character_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    text = "schema_version: 1\ncpd:\n- date: '2026-01-05'\n  scheme: pmi-ccr\n  amount: 2.0\n  note: \"a\\u001b[2Jb\"\n"
    profile.write_text(text, encoding="utf-8")
    code, out, err = invoke(runner, "renewals", "--profile", str(profile))
    assert (code, out) == (1, "")
    assert "control characters are not allowed" in err and "the profile was not changed" in err
    assert profile.read_text(encoding="utf-8") == text


def test_a_certificate_without_a_date_is_named_not_silently_dropped(runner: CliRunner, tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("schema_version: 1\ncompleted:\n- course_id: p3o-combined\n", encoding="utf-8")
    code, out, _ = invoke(runner, "renewals", "--profile", str(profile), "--format", "json")
    assert code == 0
    assert json.loads(out)["undated"] == ["p3o-foundation", "p3o-practitioner"]
    code, out, _ = invoke(runner, "renewals", "--profile", str(profile))
    assert code == 0
    assert "p3o-foundation has no completion date, so it is not tracked: 'pmoplan done p3o-foundation --date D'." in out
