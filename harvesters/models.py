from .repositories.models import RepositoryHost  # noqa: F401 - repository harvesting
