"""Events: from article text to coded events (dates, extraction)."""
