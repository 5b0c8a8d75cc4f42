#!/usr/bin/env bash
# Install medialoom with every dependency at its floor (the lowest version pyproject.toml allows)
# in a throwaway venv and run tests there, so the floors stay the versions that were tested.
#   scripts/check_floors.sh                 # the default test selection below
#   scripts/check_floors.sh tests/neural    # any pytest arguments
#   scripts/check_floors.sh --resolve       # only check that the floors install together (quick)
# Needs network access to the package index (or FLOORS_FIND_LINKS=folder of wheels). Exit status:
# pytest's, or 3 when the floors cannot be installed together.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=${FLOORS_VENV:-$(mktemp -d)/floors-venv}
CONSTRAINTS=$(mktemp)
trap 'rm -f "$CONSTRAINTS"' EXIT

# every "name>=X" (or "name==X") of [project] dependencies and the extras -> a constraint
"$PY" - "$CONSTRAINTS" <<'PY'
import re, sys, tomllib
data = tomllib.load(open("pyproject.toml", "rb"))["project"]
specs = list(data["dependencies"]) + [s for extra in data["optional-dependencies"].values() for s in extra]
floors = {}
for spec in specs:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*(>=|==)\s*([0-9][^,;\s]*)", spec)
    if m:
        # "x>=1.26" -> "x==1.26.*": the floor's release series (4.9 names 4.9.0.80); "==" stays
        pin = m.group(4) if m.group(3) == "==" else m.group(4) + ".*"
        floors[m.group(1).lower()] = f"{m.group(1)}=={pin}"
open(sys.argv[1], "w").write("\n".join(sorted(floors.values())) + "\n")
print(f"floors: {len(floors)} packages pinned to their lowest allowed version", file=sys.stderr)
PY

if [[ ${1:-} == --resolve ]]; then
  "$PY" -m pip install --dry-run --ignore-installed --disable-pip-version-check \
    ${FLOORS_FIND_LINKS:+--find-links "$FLOORS_FIND_LINKS"} -c "$CONSTRAINTS" \
    "torch==2.13.0" -e ".[neural,server,dev,embedded]" || exit 3
  echo "check_floors: the floors install together"
  exit 0
fi
"$PY" -m venv "$VENV"
PIP=("$VENV/bin/python" -m pip install -q --disable-pip-version-check)
[[ -n ${FLOORS_FIND_LINKS:-} ]] && PIP+=(--find-links "$FLOORS_FIND_LINKS")
[[ -d /opt/wheels ]] && PIP+=(--find-links /opt/wheels)
"${PIP[@]}" "torch==2.13.0" || exit 3
"${PIP[@]}" -c "$CONSTRAINTS" -e ".[neural,server,dev,embedded]" || exit 3
"${PIP[@]}" --no-deps "basic-pitch==0.4.0" "PyOpenGL==3.1.10" "invisible-watermark>=0.2" || exit 3  # as setup.sh
echo "check_floors: installed in $VENV"
"$VENV/bin/python" -m pip freeze | grep -iE "^($(cut -d= -f1 "$CONSTRAINTS" | paste -sd'|'))==" || true
if (($#)); then
  args=("$@")
else
  args=(tests/neural tests/embedded tests/offline_audio tests/test_registry.py tests/server/test_api.py -m "not browser")
fi
MEDIALOOM_LLM=offline "$VENV/bin/python" -m pytest -q -p no:cacheprovider -n 0 "${args[@]}"
