"""``goldenthread load`` and ``goldenthread dump``."""
