"""The statutory check, split by concern: rules as data, tolerant text reading, text rules, answers rules."""
