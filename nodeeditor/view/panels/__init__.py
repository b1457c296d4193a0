"""The panels around the canvas: each a view of the current document plus its own inputs."""
