"""Orders a client placed (value, profit, payment) and the extras promised to clients."""
