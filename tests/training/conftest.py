"""Pages the training tests share: a facility and a few catalogued programs."""

import pytest

from .factories import FacilityFactory, SoftwareEntryFactory, software_index


@pytest.fixture
def esrf(home):
    return FacilityFactory(acronym="ESRF", title="European Synchrotron Radiation Facility")


@pytest.fixture
def software(home):
    """Catalogued programs by slug, as the software fixture names them."""
    index = software_index(home)
    return {
        slug: SoftwareEntryFactory(parent=index, title=title, slug=slug)
        for slug, title in [
            ("nabu", "nabu"),
            ("tomopy", "TomoPy"),
            ("silx", "silx"),
            ("pyfai", "pyFAI"),
        ]
    }
