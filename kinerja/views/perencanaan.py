"""Placeholder: filled by the browser-editing issue."""

urlpatterns = []
