"""Looking back and ahead: quarters, board reviews, trends, the overview."""
