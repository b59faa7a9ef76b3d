"""Small extensions that run inside the Rasa server process (loaded by name from endpoints.yml)."""
