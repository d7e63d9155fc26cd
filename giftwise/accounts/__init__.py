"""Users, teams, access rules and the audit trail."""
