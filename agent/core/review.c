#include "common.h"
#include "core/review.h"
#include "util/alloc.h"
#include "util/text.h"

#include <pthread.h>
#include <regex.h>
#include <stdlib.h>

/*
 * Suggestions nobody should copy from a runbook, as POSIX extended expressions matched
 * without regard to case. They name the act, not a tool's exact spelling, so that
 * "kubectl delete ns", "helm uninstall" and "DROP TABLE" all count as deleting.
 */
static const struct {
	const char *pattern;
	const char *why;
} refused[] = {
	{"(curl|wget|iwr|invoke-webrequest|fetch)[^|]*\\|[[:space:]]*(sudo[[:space:]]+)?(ba|z|k|da)?sh\\b",
	 "pipes a download into a shell"},
	{"(curl|wget|iwr|invoke-webrequest)[^|]*\\|[[:space:]]*(sudo[[:space:]]+)?(python|perl|ruby|node|iex|pwsh)",
	 "pipes a download into an interpreter"},
	{"(bash|sh)[[:space:]]+<\\([[:space:]]*(curl|wget)", "runs a download as a script"},
	{"\\brm[[:space:]]+-[a-z]*[rf]", "deletes files"},
	{"\\b(kubectl|oc)[[:space:]]+([^|;]*[[:space:]])?delete\\b", "deletes cluster resources"},
	{"\\bhelm[[:space:]]+(uninstall|delete)\\b", "deletes a release"},
	{"\\b(drop|truncate)[[:space:]]+(table|database|schema|index)\\b", "drops data"},
	{"\\bdelete[[:space:]]+from\\b", "deletes rows"},
	{"\\b(terraform|tofu|pulumi)[[:space:]]+destroy\\b", "destroys infrastructure"},
	{"\\baz[[:space:]]+[a-z -]*[[:space:]]delete\\b", "deletes cloud resources"},
	{"\\baws[[:space:]]+[a-z0-9 -]*[[:space:]](delete|terminate)-", "deletes cloud resources"},
	{"\\bgcloud[[:space:]]+[a-z -]*[[:space:]]delete\\b", "deletes cloud resources"},
	{"\\b(docker|podman)[[:space:]]+(system|volume|image)[[:space:]]+prune\\b", "deletes containers' data"},
	{"\\b(mkfs|shred|wipefs)\\b|\\bdd[[:space:]]+if=", "overwrites disks"},
	{"\\bgit[[:space:]]+push[[:space:]]+([^;|]*[[:space:]])?(-f|--force)", "rewrites shared history"},
	{"--no-verify\\b", "skips the checks"},
	{"(disable|remove|turn[[:space:]]+off|bypass|lift|drop)[^.;]*(branch[[:space:]]+protection|protection[[:space:]]+rule|required[[:space:]]+(review|check)|codeowners)",
	 "turns a protection off"},
	{"(branch[[:space:]]+protection|protection[[:space:]]+rules?)[^.;]*(disable|remove|off|bypass)",
	 "turns a protection off"},
	{"(disable|turn[[:space:]]+off|bypass|skip)[^.;]*(tls|ssl|certificate)[[:space:]]+(verification|validation|checks?)",
	 "turns certificate checks off"},
	{"--insecure\\b|\\bcurl[[:space:]]+([^|;]*[[:space:]])?-k\\b|node_tls_reject_unauthorized=0|verify[[:space:]]*=[[:space:]]*false",
	 "turns certificate checks off"},
	{"(disable|turn[[:space:]]+off|stop)[^.;]*\\b(firewall|selinux|apparmor|authentication|mfa|2fa|audit)",
	 "turns a protection off"},
	{"\\bsetenforce[[:space:]]+0\\b|\\bchmod[[:space:]]+(-r[[:space:]]+)?0?777\\b|\\biptables[[:space:]]+-f\\b",
	 "turns a protection off"},
};

static regex_t compiled[ARRAY_SIZE(refused)];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Once per process: the table is constant, so a pattern that does not compile is a bug. */
static void compile_patterns(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(refused); i++)
		if (regcomp(&compiled[i], refused[i].pattern, REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0)
			xdie("internal error: review pattern %zu does not compile", i);
}

const char *review_refused(const char *text)
{
	pthread_once(&once, compile_patterns);
	for (size_t i = 0; text && i < ARRAY_SIZE(refused); i++)
		if (regexec(&compiled[i], text, 0, NULL, 0) == 0)
			return refused[i].why;
	return NULL;
}

/* One list: the items kept, numbered or bulleted; the refused ones counted. */
static void put_list(struct buf *out, const char *heading, const char *const *items, bool numbered,
		     size_t *dropped, const char **why)
{
	size_t n = 0;

	for (size_t i = 0; items && items[i]; i++) {
		const char *reason = review_refused(items[i]);
		char *safe;

		if (reason) {
			(*dropped)++;
			*why = reason;
			continue;
		}
		if (n++ == 0)
			buf_putf(out, "**%s**\n\n", heading);
		safe = text_defuse(items[i]);
		if (numbered)
			buf_putf(out, "%zu. %s\n", n, safe);
		else
			buf_putf(out, "- %s\n", safe);
		free(safe);
	}
	if (n)
		buf_puts(out, "\n");
}

void review_render(struct buf *out, const char *model, const char *const *first_checks,
		   const char *const *prevention, const char *customer_impact)
{
	struct buf body = BUF_INIT;
	const char *why = NULL;
	size_t dropped = 0;

	put_list(&body, "First checks", first_checks, true, &dropped, &why);
	put_list(&body, "Prevention", prevention, false, &dropped, &why);
	if (customer_impact && *customer_impact) {
		if (review_refused(customer_impact)) {
			dropped++;
			why = review_refused(customer_impact);
		} else {
			char *safe = text_defuse(customer_impact);

			buf_putf(&body, "**Customer impact**\n\n%s\n\n", safe);
			free(safe);
		}
	}
	if (body.len || dropped) {
		buf_putf(out, "### Suggested by %s (for review; not in the runbook)\n\n", model);
		buf_puts(out, body.ptr ? body.ptr : "");
		if (dropped)
			buf_putf(out, "_%zu suggestion%s dropped: %s._\n\n", dropped, dropped == 1 ? "" : "s",
				 dropped == 1 ? why : "each deleted, disabled a protection or piped a download into a shell");
	}
	buf_release(&body);
}
