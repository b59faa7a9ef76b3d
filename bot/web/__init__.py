"""The web side on one port: the chat page and widget, the chat proxy, the NLG endpoint."""
