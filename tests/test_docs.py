"""Documentation generated from the code stays in step with it."""

from __future__ import annotations

from pathlib import Path

from cogapp import Cog

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_matches_the_commands_help() -> None:
    """docs/cli.md is each command's --help; after changing one: .venv/bin/cog -r docs/cli.md"""
    status = Cog().main(["cog", "--check", str(ROOT / "docs" / "cli.md")])
    assert status == 0, "docs/cli.md is out of date: run .venv/bin/cog -r docs/cli.md"
