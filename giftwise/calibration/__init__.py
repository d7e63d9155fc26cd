"""Calibration: fit the recommender's weights from the outcomes recorded after each gift."""
