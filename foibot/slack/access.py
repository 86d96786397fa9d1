"""Who may start cases and see case details in Slack."""

from __future__ import annotations

from dataclasses import dataclass

from foibot.settings import Settings


@dataclass(frozen=True)
class Access:
    """Configured FOI channels, and (optionally) the users allowed to use foibot.

    Requests start cases in the configured channels and in direct messages. When ``users`` is set,
    only those users can start cases or look up cases anywhere; otherwise anyone in an FOI channel
    or a DM can.
    """

    channels: frozenset[str]
    users: frozenset[str]

    @classmethod
    def from_settings(cls, settings: Settings) -> Access:
        return cls(frozenset(settings.channels), frozenset(settings.users))

    def user_allowed(self, user: str | None) -> bool:
        return bool(user) and (not self.users or user in self.users)

    def can_start(self, user: str | None, channel: str | None, channel_type: str | None = None) -> bool:
        """May this user start a case here? FOI channels and DMs only."""
        in_place = channel_type == "im" or (channel or "").startswith("D") or channel in self.channels
        return in_place and self.user_allowed(user)

    def can_start_anywhere(self, user: str | None, channel: str | None, channel_type: str | None = None) -> bool:
        """For @mentions and the message shortcut: FOI places, or anywhere for users on the allow-list."""
        return self.can_start(user, channel, channel_type) or (bool(self.users) and self.user_allowed(user))

    def can_view_cases(self, user: str | None, channel: str | None = None) -> bool:
        """May this user see requesters' details (/foi case, /foi similar, /foi stats)?
        With an allow-list: its members only. Without one: only inside an FOI channel."""
        if self.users:
            return self.user_allowed(user)
        return bool(user) and channel in self.channels
