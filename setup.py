"""One build step beyond pyproject.toml: the rule set and its source documents, kept at the top
of the repository in ``rules/`` and ``seeds/``, are copied into the package as
``spinout/data/rules`` and ``spinout/data/seeds`` when a wheel is built (also from the sdist,
which carries both folders). The repository holds no links, so a clone made with symlinks off
builds the same package. An editable install reads the two folders in place (see
``spinout.ruleset.loader.bundled_location``)."""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = {"rules": ("*.yaml", "README.md"), "seeds": ("*.txt",)}


class build_py_with_rules(build_py):  # noqa: N801 - setuptools names commands this way
    """build_py that also copies the bundled rule set and sources into the package."""

    def _bundled(self) -> dict[str, str]:
        """Destination in the build folder -> source file, relative to the project root."""
        mapping: dict[str, str] = {}
        for folder, patterns in BUNDLED.items():
            found = sorted({p for pattern in patterns for p in (ROOT / folder).glob(pattern)
                            if p.is_file()})
            if not found:
                raise SystemExit(f"error: no files in {ROOT / folder}: the rule set and its "
                                 "sources must be present to build spinout")
            for path in found:
                target = Path(self.build_lib, "spinout", "data", folder, path.name)
                mapping[str(target)] = str(path.relative_to(ROOT))
        return mapping

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        for target, source in self._bundled().items():
            self.mkpath(str(Path(target).parent))
            self.copy_file(str(ROOT / source), target, preserve_mode=False)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return [*super().get_outputs(include_bytecode), *self._bundled()]

    def get_output_mapping(self) -> dict[str, str]:
        return {**super().get_output_mapping(), **self._bundled()}


setup(cmdclass={"build_py": build_py_with_rules})
