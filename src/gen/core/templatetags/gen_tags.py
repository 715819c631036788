from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("includes/breadcrumb.html")
def breadcrumb(current: str, *trail: str) -> dict:
    """DSFR breadcrumb: Home, then (url name, label) pairs, then the current page.

    {% breadcrumb course.title "catalogue:search" courses_label %}
    """
    if len(trail) % 2:
        raise template.TemplateSyntaxError("breadcrumb takes (url name, label) pairs after the current page.")
    links = [(reverse(trail[index]), trail[index + 1]) for index in range(0, len(trail), 2)]
    return {"links": links, "current": current}
