"""The platforms a chat can list: which can be read freely, and what to say plainly of those that cannot."""

from __future__ import annotations

NAMES = {"mastodon": "Mastodon", "bluesky": "Bluesky", "x": "X", "threads": "Threads", "linkedin": "LinkedIn",
         "instagram": "Instagram", "facebook": "Facebook", "youtube": "YouTube", "twitch": "Twitch",
         "discord": "Discord", "slack": "Slack", "other": "another platform"}
# Said plainly in the data file and the summary: these are never read and never guessed.
MEMBERS_ONLY = {"discord": "a Discord server can be read only by its members",
                "slack": "a Slack workspace can be read only by its members",
                "other": "the platform is not named, so there is nothing to read"}


def display_name(platform: str) -> str:
    return NAMES.get(platform, platform)


def not_checkable_reason(platform: str) -> str:
    if platform in MEMBERS_ONLY:
        return MEMBERS_ONLY[platform]
    return f"{display_name(platform)} has no open way to read posts under a hashtag"
