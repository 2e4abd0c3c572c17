"""The demo trust (made through the services, never fixtures) and, later, the scale generator."""
