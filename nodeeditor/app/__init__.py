"""The program's plumbing: the entry point, the command line, the self-test, logs, the
version, bundled resources and what the computer lacks (no Qt)."""
