"""Pages of the report app."""

urlpatterns = []
