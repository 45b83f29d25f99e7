"""samarbeid: which form of collaboration between Nav and a social entrepreneur fits, and what it takes."""

__version__ = "0.1.0"
