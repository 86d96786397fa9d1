"""The law as computation: statutory deadlines, working days and the one date parser and formatter."""
