#!/bin/sh
# Checks that every needed library (by pkg-config name) or tool is here.
# Arguments: NAME:DEBIAN-PACKAGE, where NAME is a pkg-config name, a header
# (csv.h), a command, or bin/COMMAND for a command only. As root, installs what is missing with
# apt-get; otherwise prints the exact apt-get line and fails.
missing=""
for pair in "$@"; do
	name=${pair%%:*}
	pkg=${pair#*:}
	case $name in
	*.h) [ -f "/usr/include/$name" ] && continue ;;
	bin/*) command -v "${name#bin/}" >/dev/null 2>&1 && continue ;;
	*) if pkg-config --exists "$name" 2>/dev/null || command -v "$name" >/dev/null 2>&1; then
		continue
	   fi ;;
	esac
	missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if ! command -v pkg-config >/dev/null 2>&1; then
	missing="pkg-config$missing"
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "installing:$missing"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing ||
		{ echo "apt-get could not install:$missing" >&2; exit 1; }
	exit 0
fi
echo "missing packages. Install them with:" >&2
echo "  sudo apt-get install$missing" >&2
exit 1
