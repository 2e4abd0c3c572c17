"""The appointment pages for the governance lead and the panel (APP-1 to APP-7), under
/appointments/: setting up the round (plan, posts, campaigns, panel) and assessing candidates
(applications, sift, shortlist, interview scores, appointment)."""

from pecgov.appointments.assess import urls as assess_urls
from pecgov.appointments.setup import urls as setup_urls

urlpatterns = [*setup_urls.urlpatterns, *assess_urls.urlpatterns]
