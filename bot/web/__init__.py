"""The web side on one port: the demo page and chat widget, the chat proxy and NLG endpoint, and the
staff side (coordinator inbox, content editor, users, CRM API) behind sign-in."""
