"""GEN Plateforme."""
