from .engine.models import HarvestedItem, HarvestRun, HarvestSource, RejectedItem  # noqa: F401
from .repositories.models import RepositoryHost  # noqa: F401 - repository harvesting
