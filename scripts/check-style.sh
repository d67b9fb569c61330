#!/bin/sh
# Project rules that a grep can check (STYLE.md rules 1, 8 and the layering of §3.5).
set -u
fail=0
say() { echo "check-style: $*" >&2; fail=1; }

# Banned functions (curl checksrc's list).
hits=$(grep -nE '\b(sprintf|strcpy|strcat|strncpy|strtok|atoi|gets|sscanf)\s*\(' agent/*.c include/*.h | grep -v 'snprintf\|vsnprintf')
[ -n "$hits" ] && say "banned function:
$hits"

# Each outside library is included in exactly one file.
one_file() {
	n=$(grep -lF "$1" agent/*.c include/*.h 2>/dev/null | tr '\n' ' ')
	for f in $n; do
		[ "$f" = "$2" ] || say "$1 included in $f (only $2 may)"
	done
}
one_file '<curl/curl.h>' agent/http.c
one_file '<git2.h>' agent/gitops.c
one_file '<yaml.h>' agent/yamlio.c
one_file '<mbedtls/' agent/crypto.c

# Adapters know nothing of incidents.
for f in agent/http.c agent/github.c agent/github_offline.c agent/gitops.c agent/crypto.c agent/yamlio.c agent/model.c; do
	[ -f "$f" ] || continue
	grep -nE '#include "(incident|diagnose|digest|blame|offline|remediate|pipeline)\.h"' "$f" >/dev/null &&
		say "$f is an adapter and must not include pipeline headers"
done

# Every agent/X.c has include/X.h (main.c excepted), included right after common.h.
for c in agent/*.c; do
	m=$(basename "$c" .c)
	[ "$m" = main ] && continue
	[ -f "include/$m.h" ] || say "agent/$m.c has no include/$m.h"
	first=$(grep -m2 '^#include' "$c" | tr '\n' ' ')
	case "$first" in
	"#include \"common.h\" #include \"$m.h\" "*) ;;
	*) say "agent/$m.c must include common.h then $m.h first" ;;
	esac
done

exit $fail
