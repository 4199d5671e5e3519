"""When chats meet: time zones (`tz`), rules to sessions (`rules`), schedules in words (`wording`).
"""
