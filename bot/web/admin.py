"""Admins manage accounts in the browser too: list, add, deactivate or reactivate, unlock sign-in."""

from __future__ import annotations

import logging

from sanic import Blueprint, response
from sanic.request import Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.storage.models import USER_ROLES, User
from bot.users.accounts import create_user, unlock
from bot.users.roles import USERS
from bot.users.tokens import end_all_sessions, revoke_api_tokens
from bot.web.auth import requires
from bot.web.context import unit_of_work
from bot.web.pages import render_staff

log = logging.getLogger(__name__)


def _all_users(session: Session) -> list[User]:
    return list(session.execute(select(User).order_by(User.email)).scalars())


def _set_active(session: Session, user_id: int, active: bool) -> bool:
    user = session.get(User, user_id)
    if user is None:
        return False
    user.is_active = active
    if not active:  # a deactivated account keeps no way in
        end_all_sessions(session, user.id)
        revoke_api_tokens(session, user.id)
    else:
        unlock(session, user.email)
    return True


bp = Blueprint("admin")


async def _users_page(
    request: Request, status: int = 200, error: str = "", notice: str = ""
) -> response.HTTPResponse:
    users = await unit_of_work(request, _all_users)
    return render_staff(
        request,
        "admin/users.html",
        status=status,
        users=users,
        roles=USER_ROLES,
        error=error,
        notice=notice,
    )


@bp.get("/admin/users")
@requires(USERS)
async def list_users(request: Request) -> response.HTTPResponse:
    return await _users_page(request, notice="Saved." if "saved" in request.args else "")


@bp.post("/admin/users")
@requires(USERS)
async def add_user(request: Request) -> response.HTTPResponse:
    email, role = request.form.get("email", ""), request.form.get("role", "")
    password = request.form.get("password", "")
    try:
        await unit_of_work(request, lambda s: create_user(s, email, password, role))
    except ValueError as error:
        return await _users_page(request, status=422, error=str(error))
    return response.redirect("/admin/users?saved=1", status=303)


@bp.post("/admin/users/<user_id:int>/active")
@requires(USERS)
async def set_active(request: Request, user_id: int) -> response.HTTPResponse:
    active = request.form.get("active") == "yes"
    if not active and user_id == request.ctx.account.id:
        return await _users_page(request, status=422, error="You cannot deactivate your own account.")
    if not await unit_of_work(request, lambda s: _set_active(s, user_id, active)):
        return render_staff(request, "error.html", status=404, title="Not found", message="No such account.")
    log.info("event=user_active_changed user_id=%s active=%s", user_id, active)
    return response.redirect("/admin/users?saved=1", status=303)
