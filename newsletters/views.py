from csp.constants import UNSAFE_INLINE
from django.http import Http404, HttpResponse
from django.views import View
from django.views.generic import DetailView, ListView

from .exporters import get_exporter
from .models import Newsletter
from .selectors import newsletter_edition, newsletter_get, newsletter_is_public, newsletter_list


def _staff(request):
    """Staff preview drafts; everyone else sees published issues only."""
    return request.user.is_authenticated and request.user.is_staff


class NewsletterMixin:
    def get_newsletter(self):
        try:
            return newsletter_get(number=self.kwargs["number"], include_drafts=_staff(self.request))
        except Newsletter.DoesNotExist:
            raise Http404("No such newsletter issue.") from None


class NewsletterListView(ListView):
    """The archive: every published issue, newest first."""

    template_name = "newsletters/newsletter_list.html"
    context_object_name = "newsletters"

    def get_queryset(self):
        return newsletter_list()


class NewsletterDetailView(NewsletterMixin, DetailView):
    """The web edition of one issue; staff also see drafts, under a preview banner."""

    template_name = "newsletters/newsletter_detail.html"
    context_object_name = "newsletter"

    def get_object(self, queryset=None):
        return newsletter_edition(newsletter=self.get_newsletter())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = self.object.ordered_sections
        context["is_draft"] = not newsletter_is_public(self.object)
        return context


class NewsletterExportView(NewsletterMixin, View):
    """The PDF or e-mail edition in the page's language, from the cache when nothing changed."""

    format = None

    def get(self, request, *args, **kwargs):
        newsletter = self.get_newsletter()
        exporter = get_exporter(self.format)
        lang = request.LANGUAGE_CODE
        response = HttpResponse(exporter.export(newsletter, lang), content_type=exporter.content_type)
        filename = exporter.filename(newsletter, lang)
        download = request.GET.get("download", "").lower() in {"1", "true", "yes"}
        if self.format == "pdf" or download:
            disposition = "attachment" if download else "inline"
            response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
        if self.format == "email":
            # Mail clients need inline styles; the e-mail edition has no script (sanitised body).
            response._csp_update = {"style-src": [UNSAFE_INLINE]}
        if not newsletter_is_public(newsletter):
            response["Cache-Control"] = "private, no-store"
            response["X-Robots-Tag"] = "noindex"
        return response
