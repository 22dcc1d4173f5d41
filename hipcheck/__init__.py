"""hipcheck: possible causes of a runner's hip pain, self-care, and when to see a doctor."""

__version__ = "0.1.0"
