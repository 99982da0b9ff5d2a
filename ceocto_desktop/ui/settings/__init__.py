"""Edit › Settings… and its tabs."""
