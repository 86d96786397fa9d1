"""The conversation: typed state, the dialogue, reading answers, email parsing and the engine."""
