# Sourced by .ci/test, .ci/serve and .ci/run: make .venv hold exactly the locked requirements,
# then activate it. requirements-torch.lock and requirements.lock are generated from
# requirements.txt by `bash .ci/lock`; every file pip installs is checked against its hash.
# Re-installs only when a lock file (or TORCH_INDEX_URL) changed since the last install.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
PYTHON=${PYTHON:-python3}
# torch alone comes from PyTorch's CPU index, every other package from PyPI alone.
TORCH_INDEX_URL=${TORCH_INDEX_URL:-https://download.pytorch.org/whl/cpu}

# A requirements.txt edited without `bash .ci/lock` stops here, naming the drift.
"$PYTHON" "$ROOT/tests/lock_sync.py"
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.requirements.sha256"
want=$(cat "$ROOT/requirements-torch.lock" "$ROOT/requirements.lock" <(echo "$TORCH_INDEX_URL") \
  | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  "$VENV/bin/python" -m pip install --quiet --require-hashes --no-deps \
    --index-url "$TORCH_INDEX_URL" -r "$ROOT/requirements-torch.lock"
  "$VENV/bin/python" -m pip install --quiet --require-hashes \
    --index-url https://pypi.org/simple -r "$ROOT/requirements.lock"
  "$VENV/bin/python" -m pip check
  echo "$want" > "$stamp"
fi
# shellcheck disable=SC1091
. "$VENV/bin/activate"
# Material 9.8 prints an end-of-life banner on every mkdocs run.
export NO_MKDOCS_2_WARNING=1
cd "$ROOT"
