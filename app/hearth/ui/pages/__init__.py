"""The pages the sidebar switches between, one module per page."""
