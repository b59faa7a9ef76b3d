"""``python -m bot content check|generate``: exit codes and what they print."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
import yaml

from bot.cli import COMMAND_MODULES
from bot.content import cli
from bot.content.writer import save_faq


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    return args.func(args)


def test_content_commands_are_registered_with_the_project_cli() -> None:
    assert "bot.content.cli" in COMMAND_MODULES


def test_check_passes_on_the_real_content(capsys) -> None:
    assert _run("content", "check") == 0
    output = capsys.readouterr().out
    assert "entries: " in output
    assert "reading grade: median " in output
    assert "problems: 0" in output


def test_check_prints_problems_and_exits_1(entry, content_dir: Path, tmp_path: Path, capsys) -> None:
    for name in ("trial.yml", "answering.yml"):  # the check reads the whole content folder
        (tmp_path / name).write_bytes((content_dir / name).read_bytes())
    save_faq([entry("duration", answer="It lasts 99 weeks. Ask a coordinator.")], tmp_path / "faq.yml")
    assert _run("content", "--content-dir", str(tmp_path), "check") == 1
    assert "problem: duration: answer states the number 99" in capsys.readouterr().out


def test_check_reports_an_invalid_file_and_exits_1(tmp_path: Path, capsys) -> None:
    (tmp_path / "faq.yml").write_text("entries: {}\n", encoding="utf-8")
    assert _run("content", "--content-dir", str(tmp_path), "check") == 1
    assert "faq.yml: the file must have a top-level 'entries:' list" in capsys.readouterr().out


def test_generate_writes_the_file_and_prints_its_path(tmp_path: Path, capsys) -> None:
    output = tmp_path / "generated" / "faq.yml"
    assert _run("content", "generate", "--output", str(output)) == 0
    assert capsys.readouterr().out.strip() == str(output)
    assert yaml.safe_load(output.read_text(encoding="utf-8"))["version"] == "3.1"


def test_content_without_subcommand_prints_help(capsys) -> None:
    assert _run("content") == 2
    assert "check" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["check", "generate"])
def test_every_subcommand_sets_a_function(command: str) -> None:
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers(dest="command"))
    assert callable(parser.parse_args(["content", command]).func)


def test_check_names_an_intent_answer_without_its_entry(content_dir: Path, tmp_path: Path, capsys) -> None:
    for name in ("trial.yml", "answering.yml"):
        (tmp_path / name).write_bytes((content_dir / name).read_bytes())
    faq = yaml.safe_load((content_dir / "faq.yml").read_text(encoding="utf-8"))
    faq["entries"] = [entry for entry in faq["entries"] if entry["id"] != "assistant_identity"]
    for entry in faq["entries"]:
        entry["related"] = [other for other in entry.get("related", []) if other != "assistant_identity"]
    (tmp_path / "faq.yml").write_text(yaml.safe_dump(faq), encoding="utf-8")
    assert _run("content", "--content-dir", str(tmp_path), "check") == 1
    assert "maps intent 'bot_challenge' to this entry" in capsys.readouterr().out
