# Shared by scripts/demo and scripts/test (sourced, not run): install what Golden Thread
# needs on a Debian machine, as root or through sudo, and keep a virtualenv in .venv.
# Every step checks first and does nothing when the thing is already there.

# Debian packages, by what needs them. Add a line here when a feature needs a system library.
SYSTEM_PACKAGES_PYTHON=(python3 python3-venv)  # only when no usable python3 is there
SYSTEM_PACKAGES_TEST=(
    chromium            # the browser the end-to-end tests drive (never a downloaded one)
    fonts-dejavu-core   # so pages render with real glyphs in headless Chromium
    postgresql          # server binaries for the private PostgreSQL test run
)
# The review pack's PDF (WeasyPrint) lays text out with Pango and HarfBuzz; DejaVu gives it glyphs.
SYSTEM_PACKAGES_RUNTIME=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Run as root: directly when we are root, else through sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root to run: $* (install sudo, or run this as root)"
    fi
}

package_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

# Install the Debian packages given that are missing; 'apt-get update' once, only if needed.
ensure_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        echo "not a Debian system: make sure these are installed: $*"
        return 0
    fi
    local missing=() pkg
    for pkg in "$@"; do
        package_installed "$pkg" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" || return 1
}

# Create $VENV if missing and install the package (editable) with the given extra, e.g. "dev".
# Reinstalls only when pyproject.toml changed since the last install.
ensure_venv() {
    local extra=${1:-}
    if [ ! -x "$VENV/bin/python" ] && ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
        ensure_packages "${SYSTEM_PACKAGES_PYTHON[@]}" || return 1
    fi
    command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found"
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || die "Golden Thread needs Python 3.11 or newer ($PYTHON is $("$PYTHON" -V 2>&1))"
    if [ ! -x "$VENV/bin/python" ]; then
        say "creating the virtualenv $VENV"
        "$PYTHON" -m venv "$VENV" || die "could not create $VENV (on Debian: apt-get install python3-venv)"
    fi
    local stamp="$VENV/.goldenthread-installed" want
    want="$(sha256sum pyproject.toml | cut -d' ' -f1) ${extra:-none}"
    if [ -f "$stamp" ] && { [ "$(cat "$stamp")" = "$want" ] \
        || { [ -z "$extra" ] && [ "$(cut -d' ' -f1 "$stamp")" = "${want%% *}" ]; }; }; then
        return 0
    fi
    say "installing Golden Thread into $VENV${extra:+ (with $extra)}"
    "$VENV/bin/python" -m pip install -q -e ".${extra:+[$extra]}" || return 1
    echo "$want" > "$stamp"
}
