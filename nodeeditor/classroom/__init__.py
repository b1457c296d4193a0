"""The classroom: an assignment's answers checked (Check my work), handed-in files graded
against the teacher's task or a formula, and the class's results as CSV and one HTML page.
Qt-free, as the model and the session are."""
