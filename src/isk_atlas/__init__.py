"""isk-atlas: geocode, code and map reported ISIS-K activity in Afghanistan and along its borders.

Data flows one way through the modules:
sources -> mentions -> places -> events -> register -> layers -> maps.
"""

__version__ = "0.1.0"
