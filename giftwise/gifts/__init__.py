"""Gift lifecycle: plan, approve, order, ship, deliver, acknowledge, return."""
