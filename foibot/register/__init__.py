"""The case register: the SQLite store, cases and their history, reminders, retention, imports and statistics."""
