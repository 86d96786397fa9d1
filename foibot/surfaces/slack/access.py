"""Who may start cases and see case details in Slack."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from foibot.surfaces.settings import Settings

log = logging.getLogger(__name__)
GROUP_CACHE_SECONDS = 300.0


@dataclass(frozen=True)
class Access:
    """Configured FOI channels, and (optionally) the users and user groups allowed to use foibot.

    Requests start cases in the configured channels and in direct messages. When an allow-list is
    set (users, or members of user groups), only those people can start cases or look up cases
    anywhere; otherwise anyone in an FOI channel or a DM can.
    """

    channels: frozenset[str]
    users: frozenset[str]
    groups: frozenset[str] = frozenset()
    members_of: Callable[[str], list[str]] | None = None  # usergroups.users.list, cached here
    _cache: dict[str, tuple[float, frozenset[str]]] = field(default_factory=dict, compare=False)

    @classmethod
    def from_settings(cls, settings: Settings, members_of: Callable[[str], list[str]] | None = None) -> Access:
        return cls(frozenset(settings.channels), frozenset(settings.users), frozenset(settings.usergroups),
                   members_of)

    @property
    def restricted(self) -> bool:
        """True when an allow-list of users or user groups is configured."""
        return bool(self.users or self.groups)

    def user_allowed(self, user: str | None) -> bool:
        if not user:
            return False
        if not self.restricted or user in self.users:
            return True
        return any(user in self._members(group) for group in self.groups)

    def _members(self, group: str) -> frozenset[str]:
        cached = self._cache.get(group)
        if cached and time.monotonic() - cached[0] < GROUP_CACHE_SECONDS:
            return cached[1]
        try:
            members = frozenset(self.members_of(group)) if self.members_of else frozenset()
        except Exception:  # Slack unreachable: keep the last known members, or refuse
            log.warning("could not read the members of user group %s", group)
            return cached[1] if cached else frozenset()
        self._cache[group] = (time.monotonic(), members)
        return members

    def can_start(self, user: str | None, channel: str | None, channel_type: str | None = None) -> bool:
        """May this user start a case here? FOI channels and DMs only."""
        in_place = channel_type == "im" or (channel or "").startswith("D") or channel in self.channels
        return in_place and self.user_allowed(user)

    def can_start_anywhere(self, user: str | None, channel: str | None, channel_type: str | None = None) -> bool:
        """For @mentions and the message shortcut: FOI places, or anywhere for users on the allow-list."""
        return self.can_start(user, channel, channel_type) or (self.restricted and self.user_allowed(user))

    def can_view_cases(self, user: str | None, channel: str | None = None) -> bool:
        """May this user see requesters' details (/foi case, /foi similar, /foi stats)?
        With an allow-list: its members only. Without one: only inside an FOI channel."""
        if self.restricted:
            return self.user_allowed(user)
        return bool(user) and channel in self.channels
