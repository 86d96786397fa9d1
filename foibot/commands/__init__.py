"""One module per ``foibot`` subcommand; see ``foibot.cli``."""
