/*
 * Unit tests of the offline engine's decisions (core/offline.h) on made-up evidence:
 * when it blames, when platform evidence vetoes weak blame, when it says "not
 * established", and which remediation the culprit's evidence calls for.
 */
#include "common.h"
#include "harness.h"
#include "core/offline.h"
#include "core/signals.h"
#include "logs/digest.h"
#include "util/sys.h"

static const char *const code_diff =
	"diff --git a/src/orders/repo.py b/src/orders/repo.py\n"
	"--- a/src/orders/repo.py\n"
	"+++ b/src/orders/repo.py\n"
	"@@ -1,2 +1,2 @@\n"
	" def load(db, id):\n"
	"-    return db.query(SQL_ONE, id)\n"
	"+    return db.query(SQL_ONE_V2, id)\n";

static const char *const settings_diff =
	"diff --git a/app/settings.py b/app/settings.py\n"
	"--- a/app/settings.py\n"
	"+++ b/app/settings.py\n"
	"@@ -1,2 +1,2 @@\n"
	" class Settings:\n"
	"-    pool_size: int = 16\n"
	"+    pool_size: int = 4\n";

struct world {
	struct incident inc;
	struct evidence ev;
	struct diagnosis dx;
};

/* Evidence of one pull request whose suspect carries one cause of `kind` and `weight`. */
static void world_init(struct world *w, const char *log, const char *diff, enum cause_kind kind,
		       double weight, double score)
{
	struct suspect *s;

	memset(w, 0, sizeof(*w));
	w->inc.id = xstrdup("INC-TEST");
	w->inc.service = xstrdup("orders");
	w->inc.environment = xstrdup("production");
	w->inc.labels = json_object();
	w->inc.severity = 2;
	w->ev.inc = &w->inc;
	w->ev.tuning = &tuning_defaults;
	if (digest_buffer(&w->ev.digest, log, strlen(log)) < 0)
		xdie("bad log");
	w->ev.pulls = xcalloc(1, sizeof(*w->ev.pulls));
	w->ev.npulls = 1;
	w->ev.pulls[0].meta.number = 7;
	w->ev.pulls[0].meta.title = xstrdup("A change");
	w->ev.pulls[0].meta.author = xstrdup("dev");
	if (pull_load_diff(&w->ev.pulls[0], diff, strlen(diff)) < 0)
		xdie("bad diff: %s", err_last());
	s = w->ev.suspects = xcalloc(1, sizeof(*s));
	w->ev.nsuspects = 1;
	s->number = 7;
	s->score = score;
	s->causal = weight;
	s->why = xstrdup("it changes things");
	s->matched = xcalloc(1, sizeof(char *));
	s->causes.v = xcalloc(1, sizeof(*s->causes.v));
	s->causes.v[0] = (struct cause){kind, weight, xstrdup("a cause"), NULL};
	s->causes.n = s->causes.alloc = 1;
}

static void world_release(struct world *w)
{
	diagnosis_release(&w->dx);
	evidence_release(&w->ev);
	incident_release(&w->inc);
}

static const char *const maintenance_log =
	"2026-03-01T10:00:00Z WARN AWS Health: planned maintenance of db-prod starts now\n"
	"2026-03-01T10:01:00Z ERROR connection reset by peer while reading from db-prod\n"
	"2026-03-01T10:01:05Z ERROR connection reset by peer while reading from db-prod\n";

TEST(offline, platform_evidence_vetoes_a_change_the_errors_do_not_confirm)
{
	struct world w;

	world_init(&w, maintenance_log, code_diff, CAUSE_FAILING_LINE, 0.9, 0.55);
	ASSERT_OK(offline_diagnose(&w.dx, &w.ev));
	ASSERT_INT_EQ(w.dx.blame_pr, 0);
	ASSERT_INT_EQ(w.dx.category, CATEGORY_INFRASTRUCTURE);
	ASSERT_INT_EQ(w.dx.remediation, REMEDIATION_ESCALATION);
	world_release(&w);
}

TEST(offline, a_cause_the_errors_confirm_stands_against_the_platform)
{
	struct world w;

	world_init(&w, maintenance_log, code_diff, CAUSE_TEXT, 1.6, 0.6);
	ASSERT_OK(offline_diagnose(&w.dx, &w.ev));
	ASSERT_INT_EQ(w.dx.blame_pr, 7);
	ASSERT_INT_EQ(w.dx.category, CATEGORY_APPLICATION);
	ASSERT_INT_EQ(w.dx.remediation, REMEDIATION_CODE_FIX);
	world_release(&w);
}

TEST(offline, without_a_culprit_or_platform_evidence_the_cause_is_not_established)
{
	struct world w;

	world_init(&w, "2026-03-01T10:01:00Z ERROR could not parse row 7 of supplier file\n"
		       "2026-03-01T10:01:01Z ERROR could not parse row 9 of supplier file\n",
		   code_diff, CAUSE_FAILING_LINE, 0.9, 0.2);
	ASSERT_OK(offline_diagnose(&w.dx, &w.ev));
	ASSERT_INT_EQ(w.dx.blame_pr, 0);
	ASSERT_INT_EQ(w.dx.category, CATEGORY_APPLICATION);
	ASSERT_INT_EQ(w.dx.remediation, REMEDIATION_ESCALATION);
	ASSERT_CONTAINS(w.dx.rationale, "not established");
	world_release(&w);
}

TEST(offline, a_settings_culprit_gets_a_config_fix)
{
	struct world w;

	world_init(&w, "2026-03-01T10:01:00Z ERROR pool limit of size 4 reached\n", settings_diff,
		   CAUSE_VALUE, 1.5, 0.6);
	ASSERT_OK(offline_diagnose(&w.dx, &w.ev));
	ASSERT_INT_EQ(w.dx.blame_pr, 7);
	ASSERT_INT_EQ(w.dx.remediation, REMEDIATION_CONFIG_FIX);
	world_release(&w);
}

TEST(offline, another_hosts_certificate_is_escalated_not_renewed)
{
	struct world w;

	world_init(&w, "2026-03-01T10:01:00Z ERROR Get \"https://api.partner.example/v2/rates\": x509: "
		       "certificate has expired or is not yet valid\n"
		       "2026-03-01T10:01:09Z ERROR Get \"https://api.partner.example/v2/rates\": x509: "
		       "certificate has expired or is not yet valid\n",
		   code_diff, CAUSE_FAILING_LINE, 0.0, 0.0);
	ASSERT_OK(offline_diagnose(&w.dx, &w.ev));
	ASSERT_INT_EQ(w.dx.category, CATEGORY_INFRASTRUCTURE);
	ASSERT_INT_EQ(w.dx.remediation, REMEDIATION_ESCALATION);
	world_release(&w);
	world_init(&w, "2026-03-01T10:01:00Z ERROR SSL_do_handshake() failed (SSL: error:0A000415:SSL "
		       "routines::sslv3 alert certificate expired) while SSL handshaking\n",
		   code_diff, CAUSE_FAILING_LINE, 0.0, 0.0);
	ASSERT_OK(offline_diagnose(&w.dx, &w.ev));
	ASSERT_INT_EQ(w.dx.remediation, REMEDIATION_INFRASTRUCTURE_ACTION);
	ASSERT_STR_EQ(w.dx.action, "renew-certificate");
	world_release(&w);
	/* a client that cannot build a peer's chain, in a traceback: theirs too */
	world_init(&w, "2026-03-01T10:01:00Z ERROR quote request failed\n"
		       "Traceback (most recent call last):\n"
		       "  File \"/app/quotes/client.py\", line 40, in fetch\n"
		       "    resp = session.get(url)\n"
		       "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
		       "unable to get local issuer certificate (_ssl.c:1000)\n",
		   code_diff, CAUSE_FAILING_LINE, 0.0, 0.0);
	ASSERT_OK(offline_diagnose(&w.dx, &w.ev));
	ASSERT_INT_EQ(w.dx.category, CATEGORY_INFRASTRUCTURE); /* the TLS signature is found */
	ASSERT_INT_EQ(w.dx.remediation, REMEDIATION_ESCALATION);
	world_release(&w);
}

TEST(offline, a_clock_or_a_provider_incident_is_platform_evidence)
{
	struct world w;

	world_init(&w, "2026-03-01T10:00:00Z WARN chronyd: system clock wrong by 43.2 seconds\n"
		       "2026-03-01T10:01:00Z ERROR jwt rejected: token used before issued\n"
		       "2026-03-01T10:01:02Z ERROR jwt rejected: token used before issued\n",
		   code_diff, CAUSE_TEXT, 1.2, 0.5);
	ASSERT_OK(offline_diagnose(&w.dx, &w.ev));
	ASSERT_INT_EQ(w.dx.blame_pr, 0);
	ASSERT_INT_EQ(w.dx.category, CATEGORY_INFRASTRUCTURE);
	world_release(&w);
	world_init(&w, "2026-03-01T10:00:00Z INFO provider status: Partial System Outage (investigating)\n"
		       "2026-03-01T10:01:00Z ERROR payment failed: 503\n",
		   code_diff, CAUSE_FAILING_LINE, 0.9, 0.5);
	ASSERT_OK(offline_diagnose(&w.dx, &w.ev));
	ASSERT_INT_EQ(w.dx.blame_pr, 0);
	ASSERT_INT_EQ(w.dx.remediation, REMEDIATION_ESCALATION);
	world_release(&w);
}

TEST(offline, a_certificate_whose_issuing_fails_is_not_renewed_again)
{
	struct world w;

	world_init(&w, "2026-03-01T10:00:00Z ERROR SSL_do_handshake() failed (SSL: sslv3 alert certificate "
		       "expired)\n"
		       "E0301 10:00:05 sync.go:190] \"propagation check failed\" err=\"wrong status code "
		       "'404', expected '200'\"\n",
		   code_diff, CAUSE_FAILING_LINE, 0.0, 0.0);
	ASSERT_OK(offline_diagnose(&w.dx, &w.ev));
	ASSERT_INT_EQ(w.dx.category, CATEGORY_INFRASTRUCTURE);
	ASSERT_INT_EQ(w.dx.remediation, REMEDIATION_ESCALATION);
	world_release(&w);
}

TEST(offline, codes_in_capitals_match_with_their_case)
{
	struct world w;

	/* "PageNotFound" is a logger's name, not ENOTFOUND: no DNS failure, no platform veto */
	world_init(&w, "2026-03-01T10:00:00Z WARN o.s.web.servlet.PageNotFound No mapping for POST /v2/x\n"
		       "2026-03-01T10:00:01Z ERROR quote failed\n",
		   code_diff, CAUSE_FLAG, 1.5, 0.6);
	ASSERT_OK(offline_diagnose(&w.dx, &w.ev));
	ASSERT_INT_EQ(w.dx.blame_pr, 7);
	world_release(&w);
}

TEST(offline, a_full_quota_is_the_platform_and_rejected_credentials_are_infrastructure)
{
	struct world w;

	world_init(&w, "2026-03-01T10:00:00Z ERROR PutObject failed: QuotaExceeded (403)\n"
		       "2026-03-01T10:00:05Z ERROR PutObject failed: QuotaExceeded (403)\n",
		   code_diff, CAUSE_FAILING_LINE, 0.5, 0.45);
	ASSERT_OK(offline_diagnose(&w.dx, &w.ev));
	ASSERT_INT_EQ(w.dx.blame_pr, 0);
	ASSERT_INT_EQ(w.dx.category, CATEGORY_INFRASTRUCTURE);
	world_release(&w);
	world_init(&w, "2026-03-01T10:00:00Z ERROR FATAL: password authentication failed for user \"app\"\n",
		   code_diff, CAUSE_FAILING_LINE, 0.0, 0.0);
	ASSERT_OK(offline_diagnose(&w.dx, &w.ev));
	ASSERT_INT_EQ(w.dx.category, CATEGORY_INFRASTRUCTURE);
	ASSERT_INT_EQ(w.dx.remediation, REMEDIATION_ESCALATION);
	world_release(&w);
}

/*
 * Storage that throttles: a burstable file system or volume out of credits, tasks stuck
 * on its I/O. The platform, not the change the 504s happen to mention.
 */
TEST(offline, storage_out_of_burst_credits_is_the_platform)
{
	struct world w;

	world_init(&w, "2026-03-01T09:50:00Z cloudwatch AWS/EFS FileSystemId=fs-1 BurstCreditBalance=212.0GiB\n"
		       "2026-03-01T10:00:00Z cloudwatch AWS/EFS FileSystemId=fs-1 BurstCreditBalance=0.0GiB "
		       "PermittedThroughput=6.2MiB/s\n"
		       "Mar 01 10:02:00 node-3 kernel: INFO: task php-fpm:4411 blocked for more than 120 seconds.\n"
		       "2026-03-01T10:03:00Z ERROR upstream timed out (110: Connection timed out) 504\n",
		   code_diff, CAUSE_FAILING_LINE, 0.5, 0.45);
	ASSERT_OK(offline_diagnose(&w.dx, &w.ev));
	ASSERT_INT_EQ(w.dx.blame_pr, 0);
	ASSERT_INT_EQ(w.dx.category, CATEGORY_INFRASTRUCTURE);
	ASSERT_INT_EQ(w.dx.remediation, REMEDIATION_ESCALATION); /* no workflow action refills credits */
	world_release(&w);
	/* a balance that is not spent says nothing */
	world_init(&w, "2026-03-01T09:50:00Z cloudwatch AWS/EBS VolumeId=vol-1 BurstBalance=87\n"
		       "2026-03-01T10:03:00Z ERROR order lookup failed: SQL_ONE_V2 is not a known statement\n",
		   code_diff, CAUSE_FAILING_LINE, 1.2, 0.6);
	ASSERT_OK(offline_diagnose(&w.dx, &w.ev));
	ASSERT_INT_EQ(w.dx.blame_pr, 7);
	world_release(&w);
}

/*
 * A node whose conntrack table is full drops new connections and DNS queries: the DNS
 * failures are its symptom, and moving the pods (the rollout restart of
 * restart-and-scale-out) is what the workflow can do.
 */
TEST(offline, a_full_conntrack_table_explains_the_dns_failures)
{
	struct world w;

	world_init(&w, "Jan 15 07:55:21 node-7 kernel: [31001.17] nf_conntrack: nf_conntrack: table full, dropping packet\n"
		       "2026-03-01T10:00:01Z ERROR push failed: getaddrinfo EAI_AGAIN api.push.example\n"
		       "2026-03-01T10:00:02Z ERROR push failed: getaddrinfo EAI_AGAIN api.push.example\n"
		       "2026-03-01T10:00:03Z ERROR push failed: getaddrinfo EAI_AGAIN mail.example\n",
		   code_diff, CAUSE_FAILING_LINE, 0.5, 0.45);
	ASSERT_OK(offline_diagnose(&w.dx, &w.ev));
	ASSERT_INT_EQ(w.dx.blame_pr, 0);
	ASSERT_INT_EQ(w.dx.category, CATEGORY_INFRASTRUCTURE);
	ASSERT_INT_EQ(w.dx.remediation, REMEDIATION_INFRASTRUCTURE_ACTION);
	ASSERT_STR_EQ(w.dx.action, "restart-and-scale-out");
	world_release(&w);
}

/* Memory exhaustion and statement time-outs as the runtimes and databases word them. */
TEST(offline, runtimes_word_memory_and_statement_limits_their_own_way)
{
	static const struct {
		const char *line, *signal;
	} cases[] = {
		{"PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted", "out_of_memory"},
		{"Unhandled exception. System.OutOfMemoryException: Insufficient memory", "out_of_memory"},
		{"FATAL ERROR: Reached heap limit Allocation failed", "out_of_memory"},
		{"ERROR: canceling statement due to statement timeout", "timeout"},
		{"General error: 3024 Query execution was interrupted, maximum statement execution time "
		 "exceeded", "timeout"},
		{"psycopg.errors.UniqueViolation: duplicate key value violates unique constraint", "duplicate_work"},
		{"dial tcp 10.0.0.7:443: connect: cannot assign requested address", "ports_exhausted"},
		{"java.util.ConcurrentModificationException: null", "race"},
		{"fatal error: concurrent map writes", "race"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct digest d = DIGEST_INIT;
		struct signal *sigs = NULL;
		size_t n = 0;
		bool found = false;
		char log[256];

		snprintf(log, sizeof(log), "2026-03-01T10:00:00Z ERROR %s\n", cases[i].line);
		ASSERT_OK(digest_buffer(&d, log, strlen(log)));
		signals_find(&sigs, &n, &d);
		for (size_t k = 0; k < n; k++)
			found |= !strcmp(sigs[k].name, cases[i].signal);
		ASSERT(found);
		signals_free(sigs, n);
		digest_release(&d);
	}
}

/* Hints alone (an added log line, a touched failing line) never convict, whatever the score. */
TEST(offline, hints_alone_never_convict)
{
	struct world w;

	world_init(&w, "2026-03-01T10:00:00Z ERROR quote failed\n", code_diff, CAUSE_TEXT, 0.4, 0.6);
	ASSERT_OK(offline_diagnose(&w.dx, &w.ev));
	ASSERT_INT_EQ(w.dx.blame_pr, 0);
	world_release(&w);
	/* one piece of weight does */
	world_init(&w, "2026-03-01T10:00:00Z ERROR quote failed\n", code_diff, CAUSE_TEXT, 0.6, 0.6);
	ASSERT_OK(offline_diagnose(&w.dx, &w.ev));
	ASSERT_INT_EQ(w.dx.blame_pr, 7);
	world_release(&w);
}
