"""The trial's FAQ and facts as validated data: loading, checks, Rasa export and live answers.

Nothing here imports Rasa: the content is plain data that actions, the NLG endpoint and the staff
editor all read through this package.
"""
