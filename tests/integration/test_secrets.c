/*
 * The planted-secret matrix: fixed, made-up secrets of every format redact.c knows are
 * planted into every input of a run (log lines, the first error among them, the alert's
 * title, description and labels, the recorded pull requests' titles and bodies, the
 * model's answers, the environment), and every output is searched for each of them:
 * stdout, stderr, the output folder (result.json, issue.md, pr.md, the prompts audit),
 * the commits, and for the live run what the GitHub double recorded (issues, pull
 * requests, comments, every request body, the pushed repository) and every request the
 * model double received.
 *
 * The secrets are literals written here, never derived from what the redactor finds: a
 * format the redactor forgot shows up as a leak.
 */
#include "common.h"
#include "harness.h"
#include "github_double.h"
#include "model_double.h"
#include "util/jsonx.h"
#include "util/sys.h"

#define SCENARIO "scenario-1-oom-cache"
#define GH_TOKEN "ghs_secretsMatrixToken0123456789abcdefABCD"
#define MODEL_TOKEN "tok_secrets_matrix_model_0123456789"

struct planted {
	const char *what;   /* the format */
	const char *text;   /* how it appears in an input */
	const char *secret; /* what no output may hold */
};

static const struct planted planted[] = {
	{"GitHub token", "push rejected for ghp_Pl4ntedGhTokenAbCdEfGh0123456789wxyzQ",
	 "Pl4ntedGhTokenAbCdEfGh0123456789wxyzQ"},
	{"GitHub fine-grained token", "GH_PAT github_pat_11PLANTED0_Fine9Grained8Token7Value6543",
	 "11PLANTED0_Fine9Grained8Token7Value6543"},
	{"GitLab token", "clone https://gitlab.example/x.git with glpat-Pl4ntedGitLabTok3nXyZ",
	 "Pl4ntedGitLabTok3nXyZ"},
	{"npm token", "npm ERR! 401 with npm_Pl4ntedNpmTokenAbCdEfGh0123456789wxyz",
	 "Pl4ntedNpmTokenAbCdEfGh0123456789wxyz"},
	{"PyPI token", "twine upload -u __token__ pypi-AgEIcHlwaS5vcmcPl4ntedPyPiTokenBodyAbCdEfGhIjKlMnOpQrSt",
	 "AgEIcHlwaS5vcmcPl4ntedPyPiTokenBodyAbCdEfGhIjKlMnOpQrSt"},
	{"AWS key id", "S3 AccessDenied for AKIAPLANTEDAWSKEY012", "PLANTEDAWSKEY012"},
	{"AWS secret", "aws_secret_access_key=Pl4nted/AwsSecretKey+0123456789abcdefGHIJ",
	 "Pl4nted/AwsSecretKey+0123456789abcdefGHIJ"},
	{"Google API key", "geocoder 403 key AIzaSyPl4ntedGoogleApiKey0123456789abcd",
	 "SyPl4ntedGoogleApiKey0123456789abcd"},
	{"OpenAI key", "OPENAI 401 sk-proj-Pl4ntedOpenAiKey0123456789abcdefABCD",
	 "proj-Pl4ntedOpenAiKey0123456789abcdefABCD"},
	{"Azure storage key",
	 "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=Pl4ntedAzureStorageKey0123456789abcdefABCDEF+/ZZ==;EndpointSuffix=core.windows.net",
	 "Pl4ntedAzureStorageKey0123456789abcdefABCDEF+/ZZ=="},
	{"Azure SAS signature",
	 "GET https://acme.blob.core.windows.net/exports/a.csv?sv=2022-11-02&sp=r&sig=Pl4ntedSasSignature%2B0123456789abcd%3D 403",
	 "Pl4ntedSasSignature%2B0123456789abcd%3D"},
	{"Stripe live key", "charge failed: sk_live_Pl4ntedStripeKey0123456789", "Pl4ntedStripeKey0123456789"},
	{"Stripe restricted key", "refund with rk_live_Pl4ntedRestrictedKey98765", "Pl4ntedRestrictedKey98765"},
	{"Slack webhook", "notify https://hooks.slack.com/services/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1 failed",
	 "T0PLANTED/B0PLANTED/Pl4ntedSlackWebhookPath01"},
	{"--password argument", "exec: pg_dump --username app --password Pl4ntedCliPassw0rd orders",
	 "Pl4ntedCliPassw0rd"},
	{"-p argument", "exec: mysql -uroot -pPl4ntedMysqlPw7 shop", "Pl4ntedMysqlPw7"},
	{"pass= pair", "ftp login user=backup pass=Pl4ntedPassValue9 failed", "Pl4ntedPassValue9"},
	{"pwd= pair", "odbc DSN=shop;UID=app;PWD=Pl4ntedPwdValue8;", "Pl4ntedPwdValue8"},
	{"connection string", "Server=tcp:db,1433;User ID=app;Password=Pl4ntedConnStrPw6;Encrypt=True",
	 "Pl4ntedConnStrPw6"},
	{"URL password", "cannot connect to postgres://app:Pl4ntedUrlPassw0rd@db.internal:5432/orders",
	 "Pl4ntedUrlPassw0rd"},
	{"JSON Web Token",
	 "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.Pl4ntedJwtSignature0123456789abcd rejected",
	 "Pl4ntedJwtSignature0123456789abcd"},
	{"Bearer header", "upstream 401 Authorization: Bearer Pl4ntedBearerTok3n0123", "Pl4ntedBearerTok3n0123"},
	{"generated value by a key", "cache miss session_key=Qm9vdHN0cmFwUGw0bnRlZDEyMzQ1Ng",
	 "Qm9vdHN0cmFwUGw0bnRlZDEyMzQ1Ng"},
	{"environment, secret by name", "login for app failed, tried Pl4nted-env-DbPass-55 twice",
	 "Pl4nted-env-DbPass-55"},
	{"environment, secret by shape", "cache seed Zr8Kq2Lw9Xv4Tn6Pb1Mc5Hd3Pl4nt loaded",
	 "Zr8Kq2Lw9Xv4Tn6Pb1Mc5Hd3Pl4nt"},
	{"PEM private key body", NULL, "MIIEvPl4ntedPemBodyLineAbCdEfGh0123456789"},
};

/* The environment the agent runs with: the last two planted values, named and not. */
#define PLANTED_ENV "DB_PASS='Pl4nted-env-DbPass-55' UNNAMED_BLOB='Zr8Kq2Lw9Xv4Tn6Pb1Mc5Hd3Pl4nt' "
#define PEM_BEGIN "-----BEGIN RSA PRIVATE KEY-----"
#define PEM_END "-----END RSA PRIVATE KEY-----"
#define PEM_BODY "MIIEvPl4ntedPemBodyLineAbCdEfGh0123456789"

/* Appends to an uncapped buffer cannot fail; say so once. */
static void put(int r)
{
	if (r < 0)
		abort();
}

/* Every planted text on one line, joined by "; ". */
static char *all_texts(void)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < ARRAY_SIZE(planted); i++)
		if (planted[i].text)
			put(buf_printf(&b, "%s%s", b.len ? "; " : "", planted[i].text));
	return buf_detach(&b);
}

/*
 * logs.txt: the first error holds three secrets, one error line per secret follows,
 * then a key printed whole, then the recorded log.
 */
static int plant_logs(const char *dir)
{
	char *path = sys_path_join(dir, "logs.txt");
	struct buf old = BUF_INIT, b = BUF_INIT;
	int error;

	if ((error = sys_read_file(&old, path, 64 << 20)) < 0)
		goto done;
	put(buf_printf(&b, "2026-03-11T14:10:00.001Z ERROR 1 --- [bookshop-api] [main] "
		       "c.n.bookshop.Startup : startup check failed: %s | %s | %s\n",
		       planted[0].text, planted[9].text, planted[14].text));
	for (size_t i = 0; i < ARRAY_SIZE(planted); i++)
		if (planted[i].text)
			put(buf_printf(&b, "2026-03-11T14:10:00.%03zuZ ERROR 1 --- [bookshop-api] "
				       "[io-8080-exec-%zu] c.n.bookshop.Ops : %s\n", 10 + i, i + 1,
				       planted[i].text));
	put(buf_printf(&b, "%s\n%s\nAbCdPl4ntedSecondLineOfTheKey==\n%s\n", PEM_BEGIN, PEM_BODY, PEM_END));
	put(buf_add(&b, old.ptr, old.len));
	error = sys_write_file(path, b.ptr, b.len);
done:
	buf_release(&old);
	buf_release(&b);
	free(path);
	return error;
}

/* alert.json: a secret in the title, all of them in the description and the labels. */
static int plant_alert(const char *dir)
{
	char *path = sys_path_join(dir, "alert.json"), *texts = all_texts(), *title = NULL;
	json_t *a = NULL, *labels;
	int error;

	if ((error = jsonx_load_file(&a, path, ALERT_FILE_MAX)) < 0)
		goto done;
	title = xasprintf("%s (%s)", jsonx_str(a, "title"), planted[11].text);
	jsonx_set_str(a, "title", title);
	jsonx_set_str(a, "description", texts);
	labels = json_object_get(a, "labels");
	for (size_t i = 0; i < ARRAY_SIZE(planted); i++)
		if (planted[i].text) {
			char key[32];

			snprintf(key, sizeof(key), "note_%zu", i);
			json_object_set_new(labels, key, json_string(planted[i].text));
		}
	error = json_dump_file(a, path, JSON_INDENT(2)) ? err_set(ERR_IO, "cannot write '%s'", path) : 0;
done:
	json_decref(a);
	free(path);
	free(texts);
	free(title);
	return error;
}

/* github/pulls.json: a secret in every title, all of them and a key in every body. */
static int plant_pulls(const char *dir)
{
	char *path = sys_path_join(dir, "github/pulls.json"), *texts = all_texts();
	json_t *pulls = NULL, *p;
	size_t i, k = 0;
	int error;

	if ((error = jsonx_load_file(&pulls, path, ALERT_FILE_MAX)) < 0)
		goto done;
	json_array_foreach(pulls, i, p) {
		char *title, *body;

		while (!planted[k % ARRAY_SIZE(planted)].text)
			k++;
		title = xasprintf("%s (%s)", jsonx_str(p, "title"), planted[k++ % ARRAY_SIZE(planted)].text);
		body = xasprintf("%s\n\nSeen: %s\n\n%s\n%s\n%s\n", jsonx_str(p, "body") ? jsonx_str(p, "body") : "",
				 texts, PEM_BEGIN, PEM_BODY, PEM_END);
		jsonx_set_str(p, "title", title);
		jsonx_set_str(p, "body", body);
		free(title);
		free(body);
	}
	error = json_dump_file(pulls, path, JSON_INDENT(2)) ? err_set(ERR_IO, "cannot write '%s'", path) : 0;
done:
	json_decref(pulls);
	free(path);
	free(texts);
	return error;
}

/* A copy of the scenario with every input planted; new path. */
static char *planted_scenario(void)
{
	char *from = xasprintf("%s/incidents/" SCENARIO, harness_root());
	char *dir = sys_path_join(harness_tmpdir(), "scenario");

	if (sys_copy_tree(from, dir) < 0 || plant_logs(dir) < 0 || plant_alert(dir) < 0 ||
	    plant_pulls(dir) < 0) {
		fprintf(stderr, "    cannot plant the scenario: %s\n", err_last());
		free(dir);
		dir = NULL;
	}
	free(from);
	return dir;
}

/* ---- the outputs ---- */

struct output {
	const char *name;
	struct buf text;
};

#define OUTPUTS_MAX 12
struct outputs {
	struct output o[OUTPUTS_MAX];
	size_t n;
};

static struct buf *output(struct outputs *os, const char *name)
{
	struct output *o = &os->o[os->n++];

	o->name = name;
	o->text = (struct buf)BUF_INIT;
	return &o->text;
}

static void outputs_release(struct outputs *os)
{
	for (size_t i = 0; i < os->n; i++)
		buf_release(&os->o[i].text);
	os->n = 0;
}

/* Every file under `dir` but git's own, one after the other. */
static void read_tree(struct buf *into, const char *dir)
{
	char **files = NULL;
	size_t n = 0;

	if (sys_list_files(&files, &n, dir) == 0)
		for (size_t i = 0; i < n; i++) {
			char *path = sys_path_join(dir, files[i]);

			if (!strstr(files[i], ".git/"))
				(void)sys_read_file(into, path, 16 << 20);
			free(path);
		}
	err_clear();
	sys_free_list(files);
}

/*
 * Each planted secret against each output: every leak is named (format and output), so
 * one run shows the whole matrix. True when nothing leaked and every output was seen.
 */
static bool no_leak(struct outputs *os)
{
	size_t leaks = 0;

	for (size_t o = 0; o < os->n; o++) {
		if (!os->o[o].text.len) {
			fprintf(stderr, "    output '%s' is empty: nothing was checked there\n", os->o[o].name);
			leaks++;
		}
		for (size_t i = 0; i < ARRAY_SIZE(planted); i++)
			if (strstr(os->o[o].text.ptr, planted[i].secret)) {
				fprintf(stderr, "    %s leaked into %s\n", planted[i].what, os->o[o].name);
				leaks++;
			}
	}
	return leaks == 0;
}

/* ---- a replay ---- */

TEST(secrets, replay_leaks_no_planted_secret)
{
	char *dir = planted_scenario();
	const char *tmp = harness_tmpdir();
	char *out = sys_path_join(tmp, "out"), *prompts = sys_path_join(tmp, "prompts");
	char *errfile = sys_path_join(tmp, "stderr");
	struct outputs os = {0};
	struct buf *stdout_text;
	int status;

	ASSERT(dir != NULL);
	stdout_text = output(&os, "stdout");
	status = harness_run(stdout_text, "env -u GITHUB_TOKEN -u GH_TOKEN -u AIOPS_MODEL_URL " PLANTED_ENV
			     "'%s' replay '%s' --out '%s' --prompts '%s' --json 2>'%s'",
			     harness_bin(), dir, out, prompts, errfile);
	(void)sys_read_file(output(&os, "stderr"), errfile, 1 << 20);
	err_clear();
	if (status > 1)
		fprintf(stderr, "    exit %d: %.600s\n", status, os.o[1].text.ptr);
	ASSERT(status == 0 || status == 1);
	read_tree(output(&os, "the output folder (result.json, issue.md, pr.md, sandbox files)"), out);
	read_tree(output(&os, "the prompts audit"), prompts);
	harness_run(output(&os, "the commits (git log -p --all)"),
		    "for d in '%s'/*/sandbox; do git -C \"$d\" log -p --all; done", out);
	ASSERT(no_leak(&os));
	outputs_release(&os);
	free(dir);
	free(out);
	free(prompts);
	free(errfile);
}

/* ---- a live run against the GitHub and model doubles ---- */

/* The model's answers, each carrying every planted text. */
struct answers {
	char *diagnosis, *remediation, *notes;
};

static void answers_init(struct answers *a, const char *dir)
{
	char *texts = all_texts(), *base = md_scenario_diagnosis(dir, "high");
	json_t *d = NULL;

	if (base && jsonx_parse(&d, base, strlen(base), "diagnosis") == 0) {
		char *summary = xasprintf("Heap exhausted since #214; logs show %s", planted[2].text);

		jsonx_set_str(d, "summary", summary);
		jsonx_set_str(d, "root_cause", texts);
		jsonx_set_str(d, "rationale", texts);
		a->diagnosis = json_dumps(d, JSON_COMPACT);
		free(summary);
	}
	err_clear();
	{
		json_t *r = json_pack("{s:s, s:s, s:s}", "decision", "use_candidate", "diff", "",
				      "description", texts);
		json_t *n = json_pack("{s:[s, s], s:[s], s:s}", "first_checks", texts, planted[5].text,
				      "prevention", texts, "customer_impact", texts);

		a->remediation = json_dumps(r, JSON_COMPACT);
		a->notes = json_dumps(n, JSON_COMPACT);
		json_decref(r);
		json_decref(n);
	}
	json_decref(d);
	free(base);
	free(texts);
}

static void answers_release(struct answers *a)
{
	free(a->diagnosis);
	free(a->remediation);
	free(a->notes);
}

/* Every request the model double received, as sent. */
static void model_requests(struct buf *into, struct model_double *md)
{
	size_t n = double_count(md->http);

	for (size_t i = 0; i < n; i++) {
		const struct double_request *r = double_request(md->http, i);

		put(buf_add(into, r->body.ptr, r->body.len));
		put(buf_addch(into, '\n'));
	}
}

static void dump_json(struct buf *into, json_t *v)
{
	char *s = v ? json_dumps(v, JSON_COMPACT) : NULL;

	if (s)
		buf_puts(into, s);
	free(s);
	json_decref(v);
}

TEST(secrets, live_run_leaks_no_planted_secret)
{
	char *dir = planted_scenario();
	const char *tmp = harness_tmpdir();
	char *out = sys_path_join(tmp, "out"), *prompts = sys_path_join(tmp, "prompts");
	char *errfile = sys_path_join(tmp, "stderr"), *url = NULL;
	const char *args[] = {"--scenario", dir, "--token", GH_TOKEN, "--workflow", "infra-remediation.yml", NULL};
	struct model_double md = {0};
	struct answers ans = {0};
	struct outputs os = {0};
	struct gh_double d;
	struct buf *stdout_text;
	int status;

	ASSERT(dir != NULL);
	answers_init(&ans, dir);
	ASSERT(ans.diagnosis != NULL);
	md.answer[MD_DIAGNOSIS][0] = ans.diagnosis;
	md.answer[MD_REMEDIATION][0] = ans.remediation;
	md.answer[MD_NOTES][0] = ans.notes;
	ASSERT_OK(md_start(&md));
	url = md_url(&md);
	ASSERT_OK(gh_double_up(&d, args));
	stdout_text = output(&os, "stdout");
	status = harness_run(
		stdout_text,
		"env -u GITHUB_WORKSPACE -u GITHUB_EVENT_PATH -u GITHUB_EVENT_NAME -u GH_TOKEN "
		"-u GITHUB_APP_ID -u GITHUB_APP_PRIVATE_KEY -u GITHUB_RUN_ID -u https_proxy -u HTTPS_PROXY "
		"-u http_proxy -u all_proxy -u ALL_PROXY -u AIOPS_TRACE -u AIOPS_MAX_PROMPT_TOKENS "
		"AIOPS_HTTP_BACKOFF_SCALE=0 AIOPS_GITHUB_TIMEOUT=5 AIOPS_ISSUE_WAIT_SECONDS=1 " PLANTED_ENV
		"GITHUB_API_URL='%s' GITHUB_SERVER_URL='%s' GITHUB_REPOSITORY='%s' GITHUB_TOKEN=" GH_TOKEN " "
		"AIOPS_MODEL_URL='%s' AIOPS_MODEL=test-model AIOPS_MODEL_TOKEN=" MODEL_TOKEN " "
		"'%s' respond --engine model --alert '%s/alert.json' --logs '%s/logs.txt' --out '%s' "
		"--prompts '%s' --json 2>'%s'",
		d.url, d.url, d.repository, url, harness_bin(), dir, dir, out, prompts, errfile);
	(void)sys_read_file(output(&os, "stderr"), errfile, 1 << 20);
	err_clear();
	if (status > 1)
		fprintf(stderr, "    exit %d: %.600s\n", status, os.o[1].text.ptr);
	ASSERT(status == 0 || status == 1);
	ASSERT(md.counts[MD_DIAGNOSIS] >= 1);
	{
		json_t *res = NULL;

		/* the run published: there is an issue and a knowledge commit to look into */
		ASSERT_OK(jsonx_parse(&res, stdout_text->ptr, stdout_text->len, "stdout"));
		ASSERT(jsonx_int(res, "issue.number", 0) > 0);
		ASSERT(jsonx_str(res, "knowledge_commit") != NULL);
		json_decref(res);
	}
	read_tree(output(&os, "the output folder (result.json, ...)"), out);
	read_tree(output(&os, "the prompts audit"), prompts);
	dump_json(output(&os, "the GitHub double's issues, pull requests and comments"), gh_double_state(&d));
	dump_json(output(&os, "the requests the GitHub double received"),
		  gh_double_ctl(&d, "GET", "requests", NULL));
	harness_run(output(&os, "the pushed repository (git log -p --all)"), "git --git-dir='%s/repos/%s.git' log -p --all",
		    jsonx_str(d.info, "workdir"), d.repository);
	model_requests(output(&os, "the requests the model double received"), &md);
	ASSERT(no_leak(&os));
	outputs_release(&os);
	gh_double_down(&d);
	md_stop(&md);
	answers_release(&ans);
	free(url);
	free(dir);
	free(out);
	free(prompts);
	free(errfile);
}
