"""Officer accounts managed by Ban Tuyên giáo staff, outside the admin (issue 10.4)."""
