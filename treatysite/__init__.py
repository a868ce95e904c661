"""Generator for the UN Convention against Cybercrime objections site."""
