"""The node editor: model (plain data), compiler (model -> engine) and the Qt view."""
