"""The letter: its document model, drafting from answers, the statutory check and Word export."""
