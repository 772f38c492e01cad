from tests.demo_data import _demo_data_for_module, demo_data  # noqa: F401 - fixtures for this area
