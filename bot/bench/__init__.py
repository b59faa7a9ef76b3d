"""`make bench`: our stack and Rasa's starter assistant under the same load, as ratios.

Plain Python on purpose: Rasa runs only in the subprocesses this package starts.
"""
