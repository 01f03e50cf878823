# Models arrive with this app's own issue; the app is installed from the start
# so that its URLs, templates and migrations have a place.
