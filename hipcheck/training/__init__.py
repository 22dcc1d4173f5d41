"""Training load from the runner's own activity files (GPX, FIT, Strava CSV)."""
