"""Thin surfaces over the engine: the console, the foibot command, shared text views and Slack."""
