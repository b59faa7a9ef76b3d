"""The CATR-PAT assistant's own code: trial content, eligibility rules, leads storage, web side, CLI.

Nothing in the domain packages (content, eligibility, storage) imports Rasa or rasa-sdk.
"""
