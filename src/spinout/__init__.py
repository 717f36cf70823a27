"""spinout: assess whether, and how, a public-sector team could spin out as an employee-led
mutual, from a rule set whose every finding cites its source."""

__version__ = "0.1.0"
