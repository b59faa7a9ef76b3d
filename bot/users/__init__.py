"""Staff accounts: argon2 passwords, roles, sign-in lockout, browser sessions and API tokens.

Plain Python on ``bot.storage``; the web side and the ``users`` command both go through it.
"""
