"""The installers' recipes refer to things that exist, without building anything: the files
the PyInstaller spec and the per-OS scripts name, the Qt plugins the spec leaves out (a
misspelt name would leave nothing out, silently), the executables the Windows installer
starts, the make targets the workflows call, the menu entry the app names. The bundle itself
is built and checked by `make bundle-test` (packaging/check_bundle.py).

The support bundle and the log redaction have their own tests, with planted secrets; the
last tests here only make sure those stay (they are not repeated here)."""

from __future__ import annotations

import ast
import importlib.util
import plistlib
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "hearth.spec"
SHELL_RECIPES = [
    PACKAGING / "linux" / "make-tarball.sh",
    PACKAGING / "linux" / "make-appimage.sh",
    PACKAGING / "macos" / "make-dmg.sh",
]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _spec_value(name: str) -> object:
    """A literal assigned at the top of the spec (the spec itself runs only in PyInstaller)."""
    for node in ast.parse(SPEC.read_text()).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} is not assigned in {SPEC.name}")


def _load(path: Path) -> object:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ignored_by_git(path: Path) -> bool:
    done = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", str(path)], check=False)
    return done.returncode == 0


def test_the_files_the_spec_names_exist() -> None:
    text = SPEC.read_text()
    named = re.findall(r'ROOT / "([^"]+)"((?: / "[^"]+")*)', text)
    paths = {Path(first, *re.findall(r'"([^"]+)"', rest)) for first, rest in named}
    generated = {Path("packaging/windows/hearth.ico"), Path("packaging/macos/hearth.icns")}
    assert Path("packaging/hearth_entry.py") in paths
    for path in paths - generated:
        assert (ROOT / path).exists(), path
    # Package data is globbed: each glob must find something (the sandbox needs the
    # DataMarket artifact, the vault its migrations).
    for pattern in re.findall(r'"((?:vault|market)/[^"]+\*[^"]*)"', text):
        assert list((ROOT / "app" / "hearth").glob(pattern)), pattern


def test_the_icons_the_spec_uses_are_made_by_make_icons_and_not_committed() -> None:
    make_icons = _load(PACKAGING / "make_icons.py")
    text = SPEC.read_text()
    for path in (make_icons.ICO, make_icons.ICNS):  # type: ignore[attr-defined]
        relative = path.relative_to(ROOT)
        assert " / ".join(f'"{part}"' for part in relative.parts) in text, relative
        assert _ignored_by_git(path), relative
    assert make_icons.SVG.is_file()  # type: ignore[attr-defined]


def test_the_metadata_the_spec_copies_is_installed() -> None:
    text = SPEC.read_text()
    listed = re.search(r"for dist in \(([^)]*)\):\n    datas \+= copy_metadata", text)
    assert listed is not None
    for dist in re.findall(r'"([^"]+)"', listed.group(1)):
        assert metadata.version(dist), dist


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="plugin names are Linux's")
def test_every_qt_plugin_the_spec_leaves_out_exists() -> None:
    import PySide6

    plugins = Path(PySide6.__file__).parent / "Qt" / "plugins"
    unused = _spec_value("QT_PLUGINS_UNUSED")
    assert isinstance(unused, dict)
    for plugin_type, names in unused.items():
        folder = plugins / plugin_type
        assert folder.is_dir(), plugin_type
        stems = {p.name.split(".", 1)[0].removeprefix("lib") for p in folder.iterdir()}
        for name in names or ():
            assert name in stems, f"{plugin_type}/{name} (there: {sorted(stems)})"
    # The platforms a desktop and the self-test need are not among them.
    assert not {"qxcb", "qwayland", "qoffscreen"} & set(unused["platforms"])


def test_the_qt_translations_kept_are_those_of_hearth_s_languages() -> None:
    # The spec keeps Qt's own translations for the languages of resources/translations.
    languages = {p.stem.split("_", 1)[1] for p in (ROOT / "resources/translations").glob("*.ts")}
    assert {"en", "es"} <= languages
    for language in languages:
        assert (ROOT / f"resources/translations/hearth_{language}.qm").is_file()


def test_the_windows_installer_starts_the_executables_the_spec_builds() -> None:
    iss = (PACKAGING / "windows" / "hearth.iss").read_text()
    spec = SPEC.read_text()
    for exe in set(re.findall(r"\{app\}\\(\w+)\.exe", iss)):
        assert f'_executable("{exe}"' in spec, exe
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", iss, re.MULTILINE)
    assert 'Source: "..\\..\\dist\\hearth\\*"' in iss  # where PyInstaller puts the folder
    assert "SetupIconFile=hearth.ico" in iss


@pytest.mark.parametrize("script", SHELL_RECIPES, ids=lambda p: p.name)
def test_the_files_each_script_names_exist(script: Path) -> None:
    text = script.read_text()
    named = set(re.findall(r"\$root/([\w./-]+)", text))
    assert named
    for relative in named:
        if not relative.startswith("dist"):  # what the build makes
            assert (ROOT / relative).exists(), f"{script.name}: {relative}"
    assert subprocess.run(["bash", "-n", str(script)], check=False).returncode == 0


def test_the_workflows_call_scripts_and_targets_that_exist() -> None:
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([\w-]+):", makefile, re.MULTILINE))
    assert WORKFLOWS
    for workflow in WORKFLOWS:
        text = workflow.read_text()
        # `make X` as a command: a run: line, a line of a run: block, or after VAR=value.
        for target in re.findall(r"(?:run: |^\s+|\S=\S+ )make ([\w-]+)", text, re.M):
            assert target in targets, f"{workflow.name}: make {target}"
        for relative in re.findall(r"\b(packaging/[\w./-]+\.(?:py|sh|iss|spec))", text):
            assert (ROOT / relative).is_file(), f"{workflow.name}: {relative}"
    release = (ROOT / ".github/workflows/release.yml").read_text()
    for runner in ("ubuntu-", "windows-", "macos-"):
        assert f"runs-on: {runner}" in release
    assert release.count("--self-test") >= 3


def test_make_test_builds_and_checks_the_bundle() -> None:
    makefile = (ROOT / "Makefile").read_text()
    test_rule = re.search(r"^test: (.*)$", makefile, re.MULTILINE)
    assert test_rule is not None and "bundle-test" in test_rule.group(1).split()
    assert "packaging/check_bundle.py" in makefile
    for generated in ("dist/hearth", "build/hearth"):
        assert _ignored_by_git(ROOT / generated), generated


def test_the_menu_entry_is_the_one_the_app_names() -> None:
    desktop = (ROOT / "resources" / "hearth.desktop").read_text()
    entry = dict(
        line.split("=", 1) for line in desktop.splitlines() if "=" in line and "[" not in line
    )
    assert entry["Exec"] == "hearth"  # install.sh replaces exactly this with a full path
    assert (ROOT / "resources" / "icons" / f"{entry['Icon']}.svg").is_file()
    # Wayland and the docks match the window to hearth.desktop by this name.
    app_source = (ROOT / "app" / "hearth" / "ui" / "app.py").read_text()
    assert 'setDesktopFileName("hearth")' in app_source
    install = (PACKAGING / "linux" / "install.sh").read_text()
    assert "s|^Exec=hearth\\$|" in install


def test_the_macos_entitlements_ask_only_for_what_is_explained() -> None:
    entitlements = plistlib.loads((PACKAGING / "macos" / "entitlements.plist").read_bytes())
    assert entitlements == {
        "com.apple.security.cs.allow-unsigned-executable-memory": True,
        "com.apple.security.cs.disable-library-validation": True,
    }
    assert "entitlements.plist" in (PACKAGING / "macos" / "make-dmg.sh").read_text()


def _functions(path: Path) -> dict[str, ast.FunctionDef]:
    tree = ast.parse(path.read_text())
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}


def _names_in(node: ast.AST) -> set[str]:
    found = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    return found | {n.value for n in ast.walk(node) if isinstance(n, ast.Constant)} - {None}


def test_the_support_bundle_is_tested_with_planted_secrets_and_records() -> None:
    functions = _functions(ROOT / "tests" / "unit" / "test_support_bundle.py")
    assert "test_no_planted_secret_or_personal_value_is_in_the_bundle" in functions
    planted = _names_in(functions["planted"])
    for secret in ("passphrase", "mnemonic", "private key", "age identity", "motion note"):
        assert secret in planted, secret


def test_the_log_redaction_is_tested_with_the_same_kinds_of_secret() -> None:
    functions = _functions(ROOT / "tests" / "unit" / "test_redaction.py")
    shapes = functions["test_secret_shapes_are_replaced_without_registration"]
    for name in ("words", "key_hex", "AGE_IDENTITY", "PASSPHRASE", "RECOVERY_KEY"):
        assert name in _names_in(shapes), name
    assert "test_exception_messages_that_may_quote_data_are_left_out" in functions
