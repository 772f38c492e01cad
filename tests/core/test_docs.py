"""The documentation home links every page of docs/, and every relative link points at a file."""

import re
from pathlib import Path

from django.conf import settings

DOCS = Path(settings.BASE_DIR) / "docs"


def test_docs_home_links_every_page():
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([\w-]+\.md)(?:#[\w-]+)?\)", index))
    pages = {path.name for path in DOCS.glob("*.md")} - {"index.md"}
    assert pages <= linked, f"docs/index.md does not link: {sorted(pages - linked)}"


def test_relative_links_between_docs_point_at_existing_pages():
    for page in DOCS.glob("*.md"):
        for target in re.findall(
            r"\]\(([\w-]+\.md)(?:#[\w-]+)?\)", page.read_text(encoding="utf-8")
        ):
            assert (DOCS / target).exists(), f"{page.name} links to missing {target}"


def test_readme_first_two_shell_blocks_are_the_demo_and_test_commands():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, flags=re.S)
    assert [block.strip() for block in blocks[:2]] == ["make demo", "make test"]
