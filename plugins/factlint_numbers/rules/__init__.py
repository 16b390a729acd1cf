"""The FL1xx rules: numeric consistency inside one article."""
