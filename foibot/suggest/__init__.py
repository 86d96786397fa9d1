"""Suggestions: topics, request types and exemptions a request matches, similar past cases, and their evaluation."""
