"""Template tags other apps' pages use to show training: `{% software_training page %}`.

The software entry page renders the training materials about the program and
the workflows with a step done by it, in one include, without importing the
training models itself.
"""

from django import template

from ..selectors import materials_for_software, workflows_for_software

register = template.Library()


@register.inclusion_tag("training/includes/software_training.html")
def software_training(entry):
    if entry.pk is None:  # the admin's preview of an entry not saved yet
        return {"materials": [], "workflows": []}
    return {
        "materials": list(materials_for_software(entry)),
        "workflows": list(workflows_for_software(entry)),
    }
