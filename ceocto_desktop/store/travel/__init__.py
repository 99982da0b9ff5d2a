"""What the store keeps for two laptops: change log, clock, device, seals."""
