"""Small caring gestures instead of one big present: the pure planner, and accepting a plan."""
