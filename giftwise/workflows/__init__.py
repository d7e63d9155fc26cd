"""Workflows: steps that cross domains, above every domain and below the edges.

A domain never imports a domain above it in the layer order (``[tool.importlinter]`` in
pyproject.toml). When a step starts in a domain but must touch one above it, it lives here and the
edges (a domain's routes.py and cli.py, the pages, the demo) call it: ``gift_steps`` plans a
campaign gift after asking the campaign, and moves a gift along with its follow-up touches;
``parcel_steps`` ships a parcel and the dispute's surprise gift it carries, through ``gift_steps``;
``dispute_steps`` carries out a dispute's resolution (resend, surprise gift, touches) and closes it;
``note_steps`` keeps a note and reads it into facts at once, so showing a contact never writes;
``contact_steps`` adds, changes, restores and imports contacts with their cadence touches kept
current, so the agenda and the calendar feed never write either.

Steps that only reach downwards stay in their domain and say so in its header: an applied campaign
allocation plans gifts (campaigns.allocation_service).
"""
