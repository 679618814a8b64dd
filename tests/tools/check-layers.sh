#!/bin/sh
# The layering rule, checked by the compiler and by nm rather than by
# convention: only src/core/ sees SQLite and the store's insides.
#   check-layers.sh BUILD-DIR "CC FLAGS..." SOURCE...
# For each source file given (every .c outside src/core/), it fails when
#   - the file, or any header it includes however deeply, is sqlite3.h or
#     src/core/store_int.h (the preprocessor's own list, `cc -M`), or
#   - its object in BUILD-DIR refers to a sqlite3_* symbol (`nm -u`).
# The core's own tests (tests/unit, tests/fuzz) are not given: they test the
# core and may include store_int.h to look at st->db.
# Ends with one line: "layers: N passed, N failed", N counting files.
if [ $# -lt 3 ]; then
	echo "usage: check-layers.sh BUILD-DIR \"CC FLAGS...\" SOURCE..." >&2
	echo "layers: 0 passed, 0 failed (no files given)"
	exit 2
fi
build=$1
cc=$2
shift 2

passed=0
failed=0
for src in "$@"; do
	case $src in
	src/core/*) echo "$src: in src/core/, not checked" >&2; continue ;;
	esac
	bad=""
	# -M lists every header, system ones too, one or more a line.
	deps=$($cc -M "$src" 2>&1) || bad="$bad; cannot be preprocessed: $deps"
	for h in $deps; do
		case $h in
		*/sqlite3.h | sqlite3.h) bad="$bad; includes $h" ;;
		*store_int.h) bad="$bad; includes $h" ;;
		esac
	done
	obj=$build/${src%.c}.o
	if [ ! -f "$obj" ]; then
		bad="$bad; no object $obj"
	else
		syms=$(nm -u "$obj" | awk '$NF ~ /^sqlite3_/ { printf " %s", $NF }')
		[ -n "$syms" ] && bad="$bad; refers to$syms"
	fi
	if [ -z "$bad" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "$src${bad}" | sed 's/; /: /'
	fi
done

echo "layers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
