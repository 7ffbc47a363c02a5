from django.urls import path

from core.page_cache import cache_page_for_anonymous as cached

from . import views

app_name = "newsletters"

urlpatterns = [
    path("", cached(views.NewsletterListView.as_view()), name="list"),
    path("<int:number>/", cached(views.NewsletterDetailView.as_view()), name="detail"),
    path("<int:number>/pdf/", views.NewsletterExportView.as_view(format="pdf"), name="pdf"),
    path("<int:number>/email/", views.NewsletterExportView.as_view(format="email"), name="email"),
]
