from django.apps import AppConfig


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = "Pages that gather several apps' records"
