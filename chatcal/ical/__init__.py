"""iCalendar: content lines, VTIMEZONE components and the calendar feeds.
"""
