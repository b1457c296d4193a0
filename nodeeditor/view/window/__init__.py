"""The window and its controllers: menus, files, editing, export, autosave, the layout kept between launches."""
