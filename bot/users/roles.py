"""What each role may do; the web side asks for a permission, never for a role by name.

Kept as data so a new role (a read-only monitor, say) is one line here, not a hunt through routes.
"""

from __future__ import annotations

from bot.storage.models import USER_ROLES

INBOX = "inbox"
EDITOR = "editor"
USERS = "users"

GRANTS: dict[str, frozenset[str]] = {
    "coordinator": frozenset({INBOX}),
    "staff": frozenset({EDITOR}),
    "admin": frozenset({INBOX, EDITOR, USERS}),
}
if set(GRANTS) != set(USER_ROLES):
    raise RuntimeError(f"bot/users/roles.py: GRANTS must cover exactly the roles {USER_ROLES}")


def allows(role: str, permission: str) -> bool:
    """True when ``role`` carries ``permission``; unknown roles carry nothing."""
    return permission in GRANTS.get(role, frozenset())


def home_path(role: str) -> str:
    """Where a user lands after signing in: the first area their role opens."""
    if allows(role, INBOX):
        return "/inbox"
    if allows(role, EDITOR):
        return "/editor"
    return "/"
