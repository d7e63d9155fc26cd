"""Analytics (read only): the books of a contact or a campaign, draining relationships, ROI, charts, sheets."""
