"""The knowledge base: its model, loading and validation, citations, the authority profile and chat wording."""
