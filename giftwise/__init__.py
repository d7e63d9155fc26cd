"""giftwise: gifts as relationship investments."""
