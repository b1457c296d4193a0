"""Teaching logic over the compiled graph: replays, the chain rule, forward mode, guesses,
studies, curves, memory, the gradient's graph and code export (no Qt)."""
