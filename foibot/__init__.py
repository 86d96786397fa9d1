"""foibot: drafts UK Freedom of Information response letters.

The package is a pure engine (knowledge base, matching, dialogue, drafting, checks, deadlines,
storage) with thin surfaces on top: the console chat, the ``foibot`` command and the Slack app.
"""

__version__ = "0.1.0"
