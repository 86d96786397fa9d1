"""The Slack surface: a thin Bolt adapter over the engine. See ``app.py`` for the factory."""
