"""One parser per answer type; each returns an ``Answer`` and never raises on what people type."""
