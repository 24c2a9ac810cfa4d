"""Event coding: dates, casualties, claims and classification of reported events."""
