#!/usr/bin/env bash
# Set up medialoom from a fresh Debian clone: system packages (when root and missing),
# a .venv in the repo root, torch==2.13.0 first, then the package with all extras.
# Re-running is cheap: each stage is skipped when its stamp is newer than its inputs.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=.venv
STAMP=$VENV/.medialoom-setup

# Debian packages that the offline backends call or load.
APT_PKGS=(espeak-ng fluidsynth fluid-soundfont-gm libosmesa6 libegl1 libgl1 libsndfile1 fonts-dejavu-core chromium
          tesseract-ocr)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
fi
if ((${#missing[@]})); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || true
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || \
      echo "setup: warning: some Debian packages could not be installed; 'medialoom tools' says what is missing"
  else
    echo "setup: warning: missing Debian packages (${missing[*]}); run: sudo apt-get install ${missing[*]}"
  fi
fi

if [[ -f $STAMP && $STAMP -nt pyproject.toml && $STAMP -nt scripts/setup.sh ]]; then
  exit 0
fi

[[ -x $VENV/bin/python ]] || "$PY" -m venv "$VENV"
PIP=("$VENV/bin/python" -m pip install -q --disable-pip-version-check)
[[ -d /opt/wheels ]] && PIP+=(--find-links /opt/wheels)
# torch first: any other spec would pull the CUDA build (gigabytes).
"$VENV/bin/python" -c "import torch, sys; sys.exit(torch.__version__.split('+')[0] != '2.13.0')" 2>/dev/null || \
  "${PIP[@]}" "torch==2.13.0"
"${PIP[@]}" -e ".[neural,server,ray,dev]"
# invisible-watermark without its deps (it would drag in GUI OpenCV, whose cv2 replaces the
# headless one); its real needs (PyWavelets, opencv-python-headless) are in pyproject.toml.
"${PIP[@]}" --no-deps "invisible-watermark>=0.2"
# small models shipped inside wheels (backends/embedded/): RNNoise, Silero VAD, Basic Pitch
"${PIP[@]}" -e ".[embedded]"
# basic-pitch without its deps (they pull TensorFlow); what it needs to run its ONNX model is in
# the embedded extra (librosa, mir_eval, resampy 0.4.3: 0.4.2, its pin, imports pkg_resources).
"${PIP[@]}" --no-deps "basic-pitch==0.4.0"
# PyOpenGL 3.1.10 over the 3.1.0 that pyrender pins: OSMesa rendering needs 3.1.7 or newer.
"${PIP[@]}" --no-deps "PyOpenGL==3.1.10"
if "$VENV/bin/python" -m pip show -q opencv-python >/dev/null 2>&1; then
  "$VENV/bin/python" -m pip uninstall -q -y opencv-python
  "${PIP[@]}" --force-reinstall --no-deps "opencv-python-headless>=4.9,<5"
fi
touch "$STAMP"
echo "setup: ready ($VENV)"
