"""Every write of phase C, one module per part: bieden, kluis, commissie."""
