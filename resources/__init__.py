"""Backprop Studio's data files (examples, the .graph schema, icons, licences), installed
as the package ``backprop_studio_resources`` so that ``importlib.resources`` finds them;
see nodeeditor/app/resources.py."""
