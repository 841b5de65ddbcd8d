#!/usr/bin/env bash
# The Debian package, checked as Debian would (ctest label "package"):
#   package_test.sh build    BUILD_DIR OUT VERSION  cpack the build into OUT; the files it must ship
#   package_test.sh lintian  OUT                    lintian: no error, no warning (info tags printed)
#   package_test.sh metadata OUT VERSION CHANGELOG  desktop-file-validate, appstreamcli, the MIME type,
#                                                   the changelog and release entry name VERSION
#   package_test.sh install  OUT EXAMPLES           as root: dpkg -i, run both programs, dpkg -r,
#                                                   and no file of the package is left behind
# Exit 77 (ctest: skipped) when a tool it needs is absent, or, for install, when not root
# or when leverage-lab is already installed on this machine (a user's own copy is left alone).
set -euo pipefail
export LC_ALL=C.UTF-8
skip() { echo "skipped: $*"; exit 77; }
die() { echo "FAIL: $*" >&2; exit 1; }
need() { for t in "$@"; do command -v "$t" >/dev/null || skip "$t is not installed"; done; }
the_deb() {
    local debs=("$1"/*.deb)
    [ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || die "expected one package in $1, found: ${debs[*]}"
    echo "${debs[0]}"
}

step=$1
shift
case $step in
build)
    build=$1 out=$2 version=$3
    need cpack dpkg-deb
    rm -rf "$out"
    (cd "$build" && cpack -G DEB -B "$out" >"$out.log" 2>&1) || { cat "$out.log"; die "cpack -G DEB failed"; }
    deb=$(the_deb "$out")
    depends=$(dpkg-deb -f "$deb" Depends)
    for dep in libqt6core6 libqt6widgets6 libqt6charts6; do
        [[ $depends == *"$dep "* ]] || die "the package does not depend on $dep: $depends"
    done
    [ "$(dpkg-deb -f "$deb" Version)" == "$version" ] || die "package version is not $version"
    contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
    for f in usr/bin/levlab usr/bin/levlab-cli usr/share/applications/leverage-lab.desktop \
             usr/share/icons/hicolor/scalable/apps/leverage-lab.svg usr/share/mime/packages/leverage-lab.xml \
             usr/share/doc/leverage-lab/copyright usr/share/doc/leverage-lab/changelog.gz \
             usr/share/man/man1/levlab.1.gz usr/share/man/man1/levlab-cli.1.gz \
             usr/share/bash-completion/completions/levlab-cli; do
        grep -qx "\./$f" <<<"$contents" || die "the package lacks /$f"
    done
    grep -q '^\./usr/share/metainfo/.*\.metainfo\.xml$' <<<"$contents" || die "the package lacks AppStream metainfo"
    rm -rf "$out/root"
    dpkg-deb -x "$deb" "$out/root"
    printed=$("$out/root/usr/bin/levlab-cli" --version)
    [ "$printed" == "levlab-cli $version" ] || die "packaged levlab-cli --version printed '$printed'"
    echo "built $deb"
    ;;
lintian)
    out=$1
    need lintian
    deb=$(the_deb "$out")
    # Errors and warnings fail; info and pedantic tags are shown for the record.
    lintian --fail-on error,warning --display-info --pedantic "$deb"
    echo "lintian: no errors, no warnings"
    ;;
metadata)
    out=$1 version=$2 changelog=$3
    need desktop-file-validate appstreamcli update-mime-database dpkg-parsechangelog
    root=$out/root
    [ -d "$root/usr" ] || die "run the build step first"
    desktop=$root/usr/share/applications/leverage-lab.desktop
    desktop-file-validate "$desktop" # prints nothing when valid; hints are failures too
    [ -z "$(desktop-file-validate "$desktop")" ] || die "desktop-file-validate has remarks"
    grep -qx 'MimeType=application/x-levlab+json;' "$desktop" || die "the desktop entry does not open .levlab files"
    grep -qx 'Exec=levlab %f' "$desktop" || die "the desktop entry does not pass the file to levlab"
    appstreamcli validate-tree --no-net --pedantic "$root"
    metainfo=$(echo "$root"/usr/share/metainfo/*.metainfo.xml)
    grep -q "<release version=\"$version\"" "$metainfo" || die "the newest AppStream release is not $version"
    grep -q '<screenshot type="default">' "$metainfo" || die "no default AppStream screenshot"
    [ "$(dpkg-parsechangelog -l "$changelog" -S Version)" == "$version" ] || die "the changelog's newest entry is not $version"
    # The MIME type as a file manager sees it once shared-mime-info has read the package's XML.
    mime=$(mktemp -d)
    trap 'rm -rf "$mime"' EXIT
    mkdir "$mime/packages"
    cp "$root/usr/share/mime/packages/leverage-lab.xml" "$mime/packages/"
    update-mime-database "$mime"
    grep -qx 'application/x-levlab+json:\*\.levlab' "$mime/globs" || die "*.levlab is not application/x-levlab+json"
    grep -qx 'application/x-levlab+json application/json' "$mime/subclasses" || die "not a sub-class of application/json"
    grep -q '<comment>Leverage Lab plan</comment>' "$mime/application/x-levlab+json.xml" || die "the MIME comment is wrong"
    echo "metadata: desktop entry, AppStream, MIME type and changelog agree"
    ;;
install)
    out=$1 examples=$2
    [ "$(id -u)" -eq 0 ] || skip "dpkg -i needs root"
    need dpkg
    deb=$(the_deb "$out")
    if dpkg-query -W -f='${Status}' leverage-lab 2>/dev/null | grep -q "install ok installed"; then
        skip "leverage-lab is already installed here; not touching it"
    fi
    work=$(mktemp -d)
    cleanup() {
        dpkg -r leverage-lab >/dev/null 2>&1 || true
        rm -rf "$work"
    }
    trap cleanup EXIT
    DEBIAN_FRONTEND=noninteractive dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; die "dpkg -i failed"; }
    dpkg -L leverage-lab >"$work/listed"
    [ "$(/usr/bin/levlab-cli --version)" == "levlab-cli $(dpkg-query -W -f='${Version}' leverage-lab)" ] ||
        die "installed levlab-cli --version is wrong"
    (cd "$examples" && /usr/bin/levlab-cli shock case.json --moves -0.12 --json) | grep -q '"equity": 880' ||
        die "installed levlab-cli shock gives the wrong equity"
    if command -v man >/dev/null; then
        [ "$(man -w levlab-cli)" == /usr/share/man/man1/levlab-cli.1.gz ] || die "man levlab-cli does not find the page"
    fi
    if [ -x /usr/bin/update-mime-database ]; then  # shared-mime-info's trigger has run
        [ -f /usr/share/mime/application/x-levlab+json.xml ] || die "the MIME type is not registered"
    fi
    # The window, offscreen, with its settings in a scratch home.
    gui_env=(env HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
             XDG_RUNTIME_DIR="$work/run" QT_QPA_PLATFORM=offscreen)
    mkdir -m 700 "$work/run"
    "${gui_env[@]}" /usr/bin/levlab --version | grep -qx "levlab $(dpkg-query -W -f='${Version}' leverage-lab)" ||
        die "installed levlab --version is wrong"
    "${gui_env[@]}" /usr/bin/levlab --screenshot "$work/window.png" --speed 0 2>"$work/gui.err" ||
        { cat "$work/gui.err"; die "installed levlab --screenshot failed"; }
    [ "$(head -c 8 "$work/window.png" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ] || die "no PNG written"
    plans=("$examples"/*.levlab)
    if [ -f "${plans[0]}" ] && "${gui_env[@]}" /usr/bin/levlab --help | grep -q '^Arguments:'; then
        for plan in "${plans[@]}"; do  # examples/plan.levlab and examples/portfolio.levlab
            rm -f "$work/plan.png"
            "${gui_env[@]}" /usr/bin/levlab --screenshot "$work/plan.png" --speed 0 "$plan" 2>"$work/gui.err" ||
                { cat "$work/gui.err"; die "installed levlab did not open $plan"; }
            [ "$(head -c 8 "$work/plan.png" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ] ||
                die "no PNG written with $plan open"
            echo "opened $plan"
        done
    else
        echo "levlab FILE: not in this build, not checked"
    fi
    dpkg -r leverage-lab >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; die "dpkg -r failed"; }
    left=()
    while IFS= read -r f; do
        [ -e "$f" ] && [ ! -d "$f" ] && left+=("$f")
    done <"$work/listed"
    [ ${#left[@]} -eq 0 ] || die "dpkg -r left behind: ${left[*]}"
    # Directories the package alone brought are gone too.
    for d in /usr/share/doc/leverage-lab; do
        [ ! -e "$d" ] || die "dpkg -r left $d"
    done
    if [ -x /usr/bin/update-mime-database ]; then
        [ ! -e /usr/share/mime/application/x-levlab+json.xml ] || die "the MIME type outlived the package"
    fi
    echo "installed, ran and removed; $(grep -c . "$work/listed") paths listed, none left"
    ;;
*)
    echo "usage: $0 build|lintian|metadata|install ..." >&2
    exit 2
    ;;
esac
