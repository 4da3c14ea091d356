"""Resource mobilisation."""
