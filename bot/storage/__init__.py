"""Lead storage: SQLAlchemy models, sessions and migrations shared by the actions and the web side."""
