"""The campaign's pages, one module per feature; campaign/urls.py names them.

- workspace.py: the workspace home and the unit tree;
- plans.py: plans, their document, status, Word export and original;
- tasks.py: tasks, their matrix of periods, due-date changes, lock exceptions;
- reports.py: the officer's work and filing, staff review;
- dashboard.py: a plan's dashboard and its spreadsheet;
- calendars.py: the calendar links and feeds.

The reminder pages sit with the reminder engine (campaign/reminders/views.py),
the officer accounts with theirs (campaign/accounts/views.py), report photos
in campaign/photos.py.
"""
