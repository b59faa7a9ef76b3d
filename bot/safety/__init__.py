"""The safety layer: reads every message first and answers danger before anything else.

Plain Python, no Rasa: ``screen(text)`` returns the most serious category a message triggers
(self_harm, emergency, urgent, advice) from the lexicons in data/safety/, or None.
"""

from bot.safety.lexicon import Category, Lexicon, load_lexicons
from bot.safety.screen import Verdict, screen

__all__ = ["Category", "Lexicon", "Verdict", "load_lexicons", "screen"]
