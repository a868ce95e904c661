"""Generator for a site on the objections to a treaty and its defence; every word about the treaty comes from its data."""
