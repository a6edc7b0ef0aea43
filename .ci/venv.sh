# Sourced by .ci/test, .ci/serve and .ci/run: make .venv hold exactly requirements.txt, then
# activate it. Re-installs only when requirements.txt changed since the last install.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
PYTHON=${PYTHON:-python3}

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.requirements.sha256"
want=$(sha256sum "$ROOT/requirements.txt" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -r "$ROOT/requirements.txt"
  echo "$want" > "$stamp"
fi
# shellcheck disable=SC1091
. "$VENV/bin/activate"
# Material 9.8 prints an end-of-life banner on every mkdocs run.
export NO_MKDOCS_2_WARNING=1
cd "$ROOT"
