"""gen.matching stands alone: no Django import, so it runs and is tested without the project."""

import ast
import subprocess
import sys
from pathlib import Path

import gen.matching

PACKAGE = Path(gen.matching.__file__).parent


def test_no_module_imports_django():
    for source in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Import):
                assert not [alias.name for alias in node.names if alias.name.startswith("django")], (
                    source.name
                )
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("django"), source.name


def test_it_imports_and_runs_with_django_unimportable():
    script = (
        "import sys; sys.modules['django'] = None\n"  # any `import django…` now fails
        "import gen.matching, gen.matching.documents, gen.matching.synthetic\n"
        "from gen.matching import allocate, call_order\n"
        "assert call_order(['a', 'b'], {'p': ['b']}, {'p': 50}, ['p']) == ['b', 'a']\n"
        "assert allocate(capacity={'s': 1}, call_order={'s': ['a']}, wishes={'a': ['s']}).assignment == {'a': 's'}\n"
        "assert [name for name in sys.modules if name.startswith('django')] == ['django']\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, env={"PYTHONPATH": str(PACKAGE.parent.parent)})
