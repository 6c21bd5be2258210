"""The HTTP API and the dashboard (`pantau serve`)."""
