"""Custom actions for the Rasa action server: thin adapters that call the domain in ``bot/``."""
