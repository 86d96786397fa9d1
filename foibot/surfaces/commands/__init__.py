"""One module per ``foibot`` subcommand; see ``foibot.surfaces.cli``."""
