"""Buttons other apps add to an accepted progress report's page, by the registry
settings.CAMPAIGN_ACCEPTED_REPORT_ACTIONS (names, so that campaign imports none of those apps).

Each named function takes (report, user) and returns a list of dicts: label, url (a POST target).
"""

from django import template

from config.registries import functions

register = template.Library()


@register.simple_tag(takes_context=True)
def accepted_report_actions(context, report):
    user = context["request"].user
    return [action for actions in functions("CAMPAIGN_ACCEPTED_REPORT_ACTIONS") for action in actions(report, user)]
