"""cradlewatch: find, link, reunite and watch against child trafficking disguised as adoption."""

__version__ = "0.1.0"
