"""Leads: recording pre-screens, contact details (encrypted), referrals, notification and retention.

Plain Python on top of ``bot.storage``; no Rasa imports, so actions and the web side share it.
"""
