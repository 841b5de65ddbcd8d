#!/usr/bin/env bash
# Leverage Lab developer entry point on Debian 12 (bookworm).
#   installer/dev.sh run    install build dependencies, build, launch the app
#   installer/dev.sh test   install build dependencies, build, run every test
#                           (a warnings-as-errors build, then the Debian package's
#                           checks (ctest label "package"), then ASan+UBSan, then
#                           clang's UBSan on the engine, model and CLI suites,
#                           then every libFuzzer target for 60 s)
#   installer/dev.sh deb    build the Debian package into build/package
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config
          qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-websockets-dev libqt6svg6-dev
          libgtest-dev libgmock-dev libbenchmark-dev
          xvfb xauth dpkg-dev file
          clang libclang-rt-14-dev
          help2man lintian desktop-file-utils appstream shared-mime-info man-db)

install_deps() {
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    echo "Installing: ${missing[*]}"
    "${sudo[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

jobs=$(nproc 2>/dev/null || echo 2)

build() {  # build PRESET
    cmake --preset "$1" >/dev/null
    cmake --build --preset "$1" -j "$jobs"
}

case "${1:-}" in
run)
    install_deps
    build default
    exec ./build/default/app/gui/levlab
    ;;
test)
    install_deps
    build ci
    ctest --preset ci -j "$jobs" -LE package
    # The Debian package: cpack, lintian, desktop/AppStream/MIME checks, dpkg -i/-r as root.
    ctest --preset ci -L package
    build asan
    ctest --preset asan -j "$jobs"  # the package is checked once, from the ci build
    build clang-ubsan
    for t in levlab_engine_tests levlab_model_tests levlab_cli_tests; do
        QT_QPA_PLATFORM=offscreen UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "build/clang-ubsan/tests/$t" --gtest_brief=1
    done
    build fuzz
    tests/fuzz/run.sh build/fuzz "${LEVLAB_FUZZ_SECONDS:-60}" "$jobs"
    ;;
deb)
    install_deps
    build default
    (cd build/default && cpack -G DEB -B ../package)
    ls -1 build/package/*.deb
    ;;
*)
    echo "usage: $0 run|test|deb" >&2
    exit 2
    ;;
esac
