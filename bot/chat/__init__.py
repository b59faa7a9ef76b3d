"""What the chat accepts from anyone on the internet, shared by the widget's proxy and Rasa's REST channel."""
