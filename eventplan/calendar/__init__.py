"""The district calendar: one force across a period's recurring duties and events."""
