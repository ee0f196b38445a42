"""Case trees of the matrices, rebuilt from a manifest: plain Python, without
azure-ai-ml, so that anything (the generators, the azml comparison) can put
the files back where the goldens expect them."""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
GOLDEN_ROOT = REPO / "tests" / "parity" / "golden-matrix"
MATRIX_HOME = Path("/tmp/azml-parity/matrix")


def write_tree(case_dir: Path, files: dict) -> None:
    """Writes a case's files (never deletes: the home is shared by checkouts);
    a file or folder there that the case does not list is an error, since it
    could change what is resolved."""
    for rel, text in files.items():
        target = case_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    folders = {str(Path(rel).parents[i]) for rel in files for i in range(len(Path(rel).parts) - 1)}
    for found in case_dir.rglob("*"):
        rel = found.relative_to(case_dir).as_posix()
        if (found.is_dir() and rel not in folders) or (found.is_file() and rel not in files):
            sys.exit(
                f"{found}: not part of case {case_dir.name}; an older generator left it. "
                f"Remove {case_dir} and rerun."
            )


def manifest(matrix: str) -> dict:
    """The committed manifest of a matrix."""
    return json.loads((GOLDEN_ROOT / matrix / "manifest.json").read_text(encoding="utf-8"))
