"""The weekly rhythm: check-ins, drafts, the agenda and commitments."""
