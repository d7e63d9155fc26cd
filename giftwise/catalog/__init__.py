"""The gift catalog: items, import and export."""
