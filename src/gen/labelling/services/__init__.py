"""Changing labelling data: calls, dossiers, reviews, the committee and labels. One module each."""
