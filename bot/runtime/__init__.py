"""Building, training and running the product's processes (no Rasa import: Rasa runs as a subprocess)."""
