#!/bin/sh
# Project rules a script can check (STYLE.md rules 1, 8, 12 and the layers of DESIGN §8):
#   - banned functions;
#   - each outside library included in exactly one file;
#   - layers: a file in agent/<layer>/ or include/<layer>/ includes only headers of its own
#     layer or a lower one (util < io < logs < core < cli);
#   - no include cycle between modules (tsort of the module graph);
#   - core/ reaches GitHub through the operations table only (no backend comparisons);
#   - every agent/<layer>/X.c has include/<layer>/X.h, included right after common.h;
#   - the environment is read in cli/config.c only, and every variable is in its table.
set -u
fail=0
say() { echo "check-style: $*" >&2; fail=1; }
srcs=$(find agent include -name '*.[ch]' | sort)

hits=$(grep -nE '\b(sprintf|strcpy|strcat|strncpy|strtok|atoi|gets|sscanf)\s*\(' $srcs | grep -v 'snprintf\|vsnprintf')
[ -n "$hits" ] && say "banned function:
$hits"

one_file() {
	for f in $(grep -lF "$1" $srcs 2>/dev/null); do
		[ "$f" = "$2" ] || say "$1 included in $f (only $2 may)"
	done
}
one_file '<curl/curl.h>' agent/io/http.c
one_file '<git2.h>' agent/io/gitops.c
one_file '<yaml.h>' agent/io/yamlio.c
one_file '<mbedtls/' agent/io/crypto.c
one_file '<zlib.h>' agent/io/gz.c

# The environment is read in one place (cli/config.c, from the environ main() passes):
# every other module asks settings_get(), for a variable the table in config.c lists.
hits=$(grep -nE '\b(getenv|secure_getenv|environ)\b' $(echo "$srcs" | grep '\.c$') |
	grep -vE '^[^:]+:[0-9]+:\s*(/?\*|//)' | grep -v '^agent/cli/config.c:\|^agent/cli/main.c:')
[ -n "$hits" ] && say "the environment read outside cli/config.c:
$hits"
for name in $(grep -ohE '"((AIOPS|GITHUB|GH|AZURE|OPENAI)_[A-Z_]+|SSL_CERT_[A-Z]+)"' agent/*/*.c | sort -u); do
	grep -qF "{$name," agent/cli/config.c || say "$name is read but not in cli/config.c's table of variables"
done

rank() {
	case "$1" in
	util) echo 0 ;; io) echo 1 ;; logs) echo 2 ;; core) echo 3 ;; cli) echo 4 ;; *) echo x ;;
	esac
}

edges=$(mktemp)
trap 'rm -f "$edges"' EXIT
for f in $srcs; do
	layer=$(echo "$f" | cut -d/ -f2)
	mod=$(basename "$f" | sed 's/\.[ch]$//')
	r=$(rank "$layer")
	if [ "$r" = x ]; then
		[ "$f" = include/common.h ] || say "$f is not in a layer folder (util io logs core cli)"
		continue
	fi
	echo "$layer/$mod $layer/$mod" >>"$edges"
	for inc in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
		[ "$inc" = common.h ] && continue
		il=$(echo "$inc" | cut -d/ -f1)
		ir=$(rank "$il")
		if [ "$ir" = x ] || [ "$inc" = "$il" ]; then
			say "$f includes \"$inc\": headers are named by layer (\"util/buf.h\")"
			continue
		fi
		[ -f "include/$inc" ] || { say "$f includes \"$inc\", which does not exist"; continue; }
		[ "$ir" -gt "$r" ] && say "$f ($layer) includes \"$inc\" ($il): against the layer direction util < io < logs < core < cli"
		target=$(echo "$inc" | sed 's/\.h$//')
		[ "$target" = "$layer/$mod" ] || echo "$layer/$mod $target" >>"$edges"
	done
done
# One GitHub seam: the incident code never asks which backend it has, never builds one,
# and never calls a backend's own functions; what differs is what the operations say.
hits=$(grep -nE 'ops *[!=]= *&|github_(rest|offline|cache)_[a-z_]*\(|github_(token|git_url)\(' agent/core/*.c)
[ -n "$hits" ] && say "core/ must reach GitHub through the operations table (io/github.h) only:
$hits"

loop=$(tsort "$edges" 2>&1 >/dev/null)
[ -n "$loop" ] && say "include cycle between modules:
$loop"

for c in $(find agent -name '*.c' | sort); do
	rel=${c#agent/}
	m=${rel%.c}
	[ "$m" = cli/main ] && continue
	[ -f "include/$m.h" ] || say "$c has no include/$m.h"
	first=$(grep -m2 '^#include' "$c" | tr '\n' ' ')
	case "$first" in
	"#include \"common.h\" #include \"$m.h\" "*) ;;
	*) say "$c must include common.h then $m.h first" ;;
	esac
done

exit $fail
