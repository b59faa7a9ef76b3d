"""Hostile-input tests use the live stack for the chat, and a web app of their own (with the
stand-in Rasa of tests/web) for floods and staff forms: a flood here never slows another test."""

from __future__ import annotations

from tests.web.conftest import account, admin, browser, client, coordinator, fake_rasa, lead, web  # noqa: F401
