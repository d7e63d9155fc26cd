"""Money: the dated exchange-rate table every total in another currency converts through."""
