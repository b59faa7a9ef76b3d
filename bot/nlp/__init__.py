"""The project's own spaCy pipeline: blank English, lookup lemmatizer, entity ruler from data."""
