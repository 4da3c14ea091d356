"""Progress reporting: actuals entered with evidence, submitted, approved or returned, locked."""
