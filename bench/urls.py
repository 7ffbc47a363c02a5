"""The project's URLs and a trivial view: the framework's floor on this machine (bench/run.py)."""

from django.http import HttpResponse
from django.urls import path

from mmsp.urls import urlpatterns as project_urlpatterns

FLOOR_PATH = "/bench/floor/"


def floor_view(request):
    return HttpResponse("ok")


urlpatterns = [path(FLOOR_PATH.strip("/") + "/", floor_view), *project_urlpatterns]
