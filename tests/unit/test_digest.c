#include "common.h"
#include "harness.h"
#include "logs/digest.h"
#include "logs/stamp.h"
#include "util/buf.h"
#include "util/jsonx.h"
#include "util/sys.h"

static int dig(struct digest *d, const char *text)
{
	return digest_buffer(d, text, strlen(text));
}

static const struct digest_template *find_tmpl(const struct digest *d, const char *pattern)
{
	for (size_t i = 0; i < d->ntemplates; i++)
		if (!strcmp(d->templates[i].pattern, pattern))
			return &d->templates[i];
	return NULL;
}

static const struct digest_template *find_tmpl_containing(const struct digest *d, const char *part)
{
	for (size_t i = 0; i < d->ntemplates; i++)
		if (strstr(d->templates[i].pattern, part))
			return &d->templates[i];
	return NULL;
}

/* -1 when there is no such template, so a miss fails the assertion instead of crashing. */
static long long tmpl_level(const struct digest *d, const char *pattern)
{
	const struct digest_template *t = find_tmpl(d, pattern);

	return t ? (long long)t->level : -1;
}

static long long tmpl_count(const struct digest *d, const char *pattern)
{
	const struct digest_template *t = find_tmpl(d, pattern);

	return t ? (long long)t->count : -1;
}

/* Strict UTF-8 check (no overlongs, surrogates or code points past U+10FFFF). */
static bool utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;

	for (size_t i = 0; i < n;) {
		unsigned c = s[i], len, cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			len = 2, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			len = 3, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			len = 4, cp = c & 0x07;
		else
			return false;
		if (i + len > n)
			return false;
		for (unsigned k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
			return false;
		i += len;
	}
	return true;
}

/* Render both outputs into `text` and `json` (new strings). */
static void render(const struct digest *d, char **text, char **json)
{
	struct buf b = BUF_INIT;
	json_t *j = digest_to_json(d, 50);

	if (digest_render_text(&b, d, 50) < 0)
		xdie("render failed");
	*text = buf_detach(&b);
	if (jsonx_dump(&b, j) < 0)
		xdie("dump failed");
	*json = buf_detach(&b);
	json_decref(j);
}

TEST(digest, folds_numbers_and_ids)
{
	struct digest d = DIGEST_INIT;
	struct buf in = BUF_INIT;
	const struct digest_template *t;

	for (int i = 0; i < 50; i++)
		buf_putf(&in,
			 "2026-11-18T03:12:%02d.%03dZ INFO Connection to 10.0.%d.%d:5432 refused after "
			 "%dms (attempt %d, request_id=%08x-1a2b-4c3d-8e9f-%012d)\n",
			 i, i * 7, i % 3, i, 3000 + i * 10, i, 0xdead00 + i, i * 31);
	buf_putf(&in, "2026-11-18T03:13:00Z INFO worker started\n");
	ASSERT_OK(digest_buffer(&d, in.ptr, in.len));
	ASSERT_INT_EQ(d.lines, 51);
	ASSERT_INT_EQ(d.ntemplates, 2);
	t = find_tmpl(&d, "Connection to <*> refused after <*> (attempt <*>, request_id=<*>)");
	ASSERT(t != NULL);
	ASSERT_INT_EQ(t->count, 50);
	ASSERT_INT_EQ(t->first_line, 1);
	ASSERT_INT_EQ(t->last_line, 50);
	ASSERT_INT_EQ(t->level, DIGEST_INFO);
	ASSERT_STR_EQ(t->first_ts, "2026-11-18T03:12:00.000Z");
	ASSERT_STR_EQ(t->last_ts, "2026-11-18T03:12:49.343Z");
	ASSERT_CONTAINS(t->example, "Connection to 10.0.0.0:5432 refused after 3000ms");
	ASSERT(find_tmpl(&d, "worker started") != NULL);
	ASSERT_STR_EQ(d.first_ts, "2026-11-18T03:12:00.000Z");
	ASSERT_STR_EQ(d.last_ts, "2026-11-18T03:13:00Z");
	ASSERT_INT_EQ(d.error_lines, 0);
	ASSERT(d.first_error == NULL);
	digest_release(&d);
	buf_release(&in);
}

TEST(digest, masks_variable_kinds)
{
	struct digest d = DIGEST_INIT;

	ASSERT_OK(dig(&d, "GET /api/v1/users/42 took 1.5s from 2001:db8::1 by bob@example.com "
			  "sha 3f9a2c1d8e7b \"some quoted words\" for uid=u-123 on http2\n"
			  "GET /api/v1/orders/7 took 250ms from [::1]:8080 by eve@example.org "
			  "sha abcdef012345 'other words here' for uid=u-9 on http2\n"));
	ASSERT_INT_EQ(d.ntemplates, 1);
	ASSERT_STR_EQ(d.templates[0].pattern,
		      "GET <*> took <*> from <*> by <*> sha <*> <*> for uid=<*> on http2");
	ASSERT_INT_EQ(d.templates[0].count, 2);
	digest_release(&d);
}

TEST(digest, drain_merges_one_differing_word)
{
	struct digest d = DIGEST_INIT;

	/* four values in one place make a variable; two values may be two events */
	ASSERT_OK(dig(&d, "User alice logged in from the web console\n"
			  "User bob logged in from the web console\n"
			  "Cache warmed in background\n"
			  "User carol logged in from the web console\n"
			  "Cache cleared in background\n"
			  "User dave logged in from the web console\n"
			  "User erin logged in from the web console\n"));
	ASSERT_INT_EQ(d.ntemplates, 3);
	ASSERT_STR_EQ(d.templates[0].pattern, "User <*> logged in from the web console");
	ASSERT_INT_EQ(d.templates[0].count, 5);
	ASSERT_INT_EQ(d.templates[0].first_line, 1);
	ASSERT_INT_EQ(d.templates[0].last_line, 7);
	ASSERT_STR_EQ(d.templates[0].example, "User alice logged in from the web console");
	ASSERT_STR_EQ(d.templates[1].pattern, "Cache warmed in background");
	ASSERT_STR_EQ(d.templates[2].pattern, "Cache cleared in background");
	digest_release(&d);
	/* short lines and different levels do not merge */
	ASSERT_OK(dig(&d, "job ok\njob failed\nERROR job x done\nINFO job y done\n"));
	ASSERT_INT_EQ(d.ntemplates, 4);
	digest_release(&d);
}

TEST(digest, java_trace_with_caused_by)
{
	struct digest d = DIGEST_INIT;
	const struct digest_trace *t;
	const char *log =
		"2026-11-18 03:12:00,123 INFO  [main] c.e.Svc - serving\n"
		"2026-11-18 03:12:01,456 ERROR [http-1] c.e.Svc - request failed\n"
		"java.lang.IllegalStateException: order 1234 not found\n"
		"\tat com.example.OrderService.load(OrderService.java:42)\n"
		"\tat com.example.OrderController.get(OrderController.java:17)\n"
		"\tat java.base/java.lang.Thread.run(Thread.java:833)\n"
		"Caused by: java.sql.SQLException: connection refused\n"
		"\tat com.example.Db.connect(Db.java:88)\n"
		"\t... 3 more\n"
		"2026-11-18 03:12:02,000 INFO  [main] c.e.Svc - serving\n";

	ASSERT_OK(dig(&d, log));
	ASSERT_INT_EQ(d.lines, 10);
	ASSERT_INT_EQ(d.ntraces, 1);
	t = &d.traces[0];
	ASSERT_STR_EQ(t->headline, "java.lang.IllegalStateException: order 1234 not found");
	ASSERT_INT_EQ(t->count, 1);
	ASSERT_INT_EQ(t->first_line, 3);
	ASSERT_STR_EQ(t->first_ts, "2026-11-18 03:12:01,456");
	ASSERT_INT_EQ(t->nframes, 5);
	ASSERT_STR_EQ(t->frames[0], "at com.example.OrderService.load(OrderService.java:42)");
	ASSERT_STR_EQ(t->frames[3], "Caused by: java.sql.SQLException: connection refused");
	ASSERT_STR_EQ(t->frames[4], "at com.example.Db.connect(Db.java:88)");
	ASSERT_CONTAINS(t->text, "java.lang.IllegalStateException: order 1234 not found\n\tat com.example");
	ASSERT_CONTAINS(t->text, "\t... 3 more");
	/* frames are not templates; the headline is an error template */
	ASSERT(find_tmpl_containing(&d, "OrderService") == NULL);
	ASSERT(find_tmpl_containing(&d, "Caused by") == NULL);
	ASSERT(find_tmpl(&d, "java.lang.IllegalStateException: order <*> not found") != NULL);
	ASSERT_INT_EQ(tmpl_level(&d, "java.lang.IllegalStateException: order <*> not found"),
		      DIGEST_ERROR);
	ASSERT_INT_EQ(d.error_lines, 2);
	ASSERT_INT_EQ(d.ntemplates, 3);
	ASSERT_INT_EQ(tmpl_count(&d, "[main] c.e.Svc - serving"), 2);
	digest_release(&d);
}

TEST(digest, identical_traces_are_counted)
{
	struct digest d = DIGEST_INIT;
	struct buf in = BUF_INIT;

	for (int i = 0; i < 5; i++)
		buf_putf(&in, "java.lang.NullPointerException: value %d\n"
			      "    at a.B.c(B.java:1)\n    at a.B.d(B.java:2)\n"
			      "INFO next request %d\n", i, i);
	buf_putf(&in, "java.lang.NullPointerException: value 9\n    at a.B.e(B.java:3)\n");
	ASSERT_OK(digest_buffer(&d, in.ptr, in.len));
	ASSERT_INT_EQ(d.ntraces, 2);
	ASSERT_INT_EQ(d.traces[0].count, 5);
	ASSERT_INT_EQ(d.traces[0].nframes, 2);
	ASSERT_INT_EQ(d.traces[1].count, 1);
	ASSERT_INT_EQ(d.error_lines, 6);
	ASSERT_INT_EQ(tmpl_count(&d, "java.lang.NullPointerException: value <*>"), 6);
	digest_release(&d);
	buf_release(&in);
}

TEST(digest, trace_frames_are_capped)
{
	struct digest d = DIGEST_INIT;
	struct buf in = BUF_INIT;

	buf_puts(&in, "2026/11/18 03:12:00 http: panic serving 10.0.0.7:51234: boom\n"
		      "goroutine 7 [running]:\n");
	for (int i = 0; i < DIGEST_MAX_FRAMES + 36; i++)
		buf_putf(&in, "main.f%d(0x%x)\n\t/app/f.go:%d +0x1f\n", i, i * 16, i + 1);
	buf_puts(&in, "2026/11/18 03:12:01 served\n");
	ASSERT_OK(digest_buffer(&d, in.ptr, in.len));
	ASSERT_INT_EQ(d.ntraces, 1);
	ASSERT_STR_EQ(d.traces[0].headline, "http: panic serving 10.0.0.7:51234: boom");
	ASSERT_INT_EQ(d.traces[0].nframes, DIGEST_MAX_FRAMES);
	ASSERT_STR_EQ(d.traces[0].frames[0], "main.f0(...) /app/f.go:1");
	ASSERT_CONTAINS(d.traces[0].text, "more lines");
	ASSERT_INT_EQ(d.error_lines, 1);
	ASSERT_INT_EQ(d.ntemplates, 2);
	digest_release(&d);
	buf_release(&in);
}

TEST(digest, python_traceback)
{
	struct digest d = DIGEST_INIT;
	const struct digest_trace *t;
	const char *log =
		"2026-11-18 03:12:00,001 INFO app: starting\n"
		"Traceback (most recent call last):\n"
		"  File \"/app/main.py\", line 10, in <module>\n"
		"    main()\n"
		"  File \"/app/main.py\", line 6, in main\n"
		"    raise ValueError(\"bad config key 'x'\")\n"
		"ValueError: bad config key 'x'\n"
		"2026-11-18 03:12:01,001 INFO app: exiting\n";

	ASSERT_OK(dig(&d, log));
	ASSERT_INT_EQ(d.ntraces, 1);
	t = &d.traces[0];
	ASSERT_STR_EQ(t->headline, "ValueError: bad config key 'x'");
	ASSERT_INT_EQ(t->nframes, 2);
	ASSERT_STR_EQ(t->frames[0], "File \"/app/main.py\", line 10, in <module>");
	ASSERT_STR_EQ(t->frames[1], "File \"/app/main.py\", line 6, in main");
	ASSERT_INT_EQ(t->first_line, 2);
	ASSERT_CONTAINS(t->text, "Traceback (most recent call last):\n  File");
	ASSERT_CONTAINS(t->text, "    main()");
	ASSERT_INT_EQ(d.error_lines, 1);
	ASSERT_INT_EQ(d.first_error_line, 7);
	ASSERT_STR_EQ(d.first_error, "ValueError: bad config key 'x'");
	ASSERT(find_tmpl_containing(&d, "Traceback") == NULL);
	ASSERT(find_tmpl_containing(&d, "main()") == NULL);
	ASSERT_INT_EQ(d.ntemplates, 3);
	digest_release(&d);
}

TEST(digest, go_panic)
{
	struct digest d = DIGEST_INIT;
	const struct digest_trace *t;
	const char *log =
		"2026/11/18 03:12:00 listening on :8080\n"
		"panic: runtime error: invalid memory address or nil pointer dereference\n"
		"[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1b2c]\n"
		"\n"
		"goroutine 1 [running]:\n"
		"main.(*Server).handle(0xc000010000, {0x6b3f40, 0xc0000b4000})\n"
		"\t/app/server.go:42 +0x1d\n"
		"main.main()\n"
		"\t/app/main.go:12 +0x25\n"
		"exit status 2\n"
		"2026/11/18 03:12:05 restarted\n";

	ASSERT_OK(dig(&d, log));
	ASSERT_INT_EQ(d.ntraces, 1);
	t = &d.traces[0];
	ASSERT_STR_EQ(t->headline, "panic: runtime error: invalid memory address or nil pointer dereference");
	ASSERT_INT_EQ(t->nframes, 2);
	ASSERT_STR_EQ(t->frames[0], "main.(*Server).handle(...) /app/server.go:42");
	ASSERT_STR_EQ(t->frames[1], "main.main(...) /app/main.go:12");
	ASSERT_STR_EQ(t->first_ts, "2026/11/18 03:12:00");
	ASSERT_INT_EQ(d.error_lines, 1);
	ASSERT_INT_EQ(d.first_error_line, 2);
	ASSERT(find_tmpl_containing(&d, "goroutine") == NULL);
	ASSERT(find_tmpl_containing(&d, "exit status") == NULL);
	ASSERT(find_tmpl(&d, "restarted") != NULL);
	ASSERT_INT_EQ(d.ntemplates, 3);
	digest_release(&d);
}

TEST(digest, node_error)
{
	struct digest d = DIGEST_INIT;
	const struct digest_trace *t;
	const char *log =
		"server listening\n"
		"TypeError: Cannot read properties of undefined (reading 'id')\n"
		"    at getUser (/app/src/users.js:14:22)\n"
		"    at async Router.handle (/app/node_modules/express/lib/router.js:284:7)\n"
		"    at /app/src/index.js:9:5\n"
		"request done\n";

	ASSERT_OK(dig(&d, log));
	ASSERT_INT_EQ(d.ntraces, 1);
	t = &d.traces[0];
	ASSERT_STR_EQ(t->headline, "TypeError: Cannot read properties of undefined (reading 'id')");
	ASSERT_INT_EQ(t->nframes, 3);
	ASSERT_STR_EQ(t->frames[2], "at /app/src/index.js:9:5");
	ASSERT_INT_EQ(d.error_lines, 1);
	ASSERT_INT_EQ(d.ntemplates, 3);
	digest_release(&d);
}

TEST(digest, first_error_and_levels)
{
	struct digest d = DIGEST_INIT;
	const char *log =
		"2026-11-18T03:12:00Z [info] boot\n"
		"2026-11-18T03:12:01Z WARNING: disk 91% full\n"
		"2026-11-18T03:12:02Z some.module ERROR: db down (code=7)\n"
		"2026-11-18T03:12:03Z [error] db down again\n"
		"2026-11-18T03:12:04Z DEBUG poll\n"
		"2026-11-18T03:12:05Z npm ERR! code ELIFECYCLE\n"
		"2026-11-18T03:12:06Z Unhandled Exception in worker\n"
		"2026-11-18T03:12:07Z token bucket refilled\n"
		"2026-11-18T03:12:08Z critical section entered\n";

	ASSERT_OK(dig(&d, log));
	ASSERT_STR_EQ(d.first_error, "2026-11-18T03:12:02Z some.module ERROR: db down (code=7)");
	ASSERT_INT_EQ(d.first_error_line, 3);
	ASSERT_STR_EQ(d.first_error_ts, "2026-11-18T03:12:02Z");
	ASSERT_INT_EQ(d.error_lines, 4);
	ASSERT_INT_EQ(d.warn_lines, 1);
	ASSERT_INT_EQ(tmpl_level(&d, "boot"), DIGEST_INFO);
	ASSERT_INT_EQ(tmpl_level(&d, "db down again"), DIGEST_ERROR);
	ASSERT_INT_EQ(tmpl_level(&d, "poll"), DIGEST_DEBUG);
	ASSERT_INT_EQ(tmpl_level(&d, "critical section entered"), DIGEST_INFO);
	ASSERT_INT_EQ(tmpl_level(&d, "disk <*> full"), DIGEST_WARN);
	digest_release(&d);
}

TEST(digest, a_file_named_after_an_exception_is_no_error)
{
	struct digest d = DIGEST_INIT;
	const char *log = "Generating site/apidocs/org/acme/QuotaExceededException.html...\n"
			  "Copying src/errors/BadTokenException.java to build/\n"
			  "Scanning lib/exceptions/ for handlers\n"
			  "No Exceptions recorded in the last hour\n"
			  "worker crashed: ExceptionInInitializerError in Loader\n"
			  "Unhandled Exception: queue closed\n";

	ASSERT_OK(dig(&d, log));
	ASSERT_INT_EQ(tmpl_level(&d, "Generating site/apidocs/org/acme/QuotaExceededException.html..."),
		      DIGEST_INFO);
	ASSERT_INT_EQ(tmpl_level(&d, "Copying src/errors/BadTokenException.java to build/"), DIGEST_INFO);
	ASSERT_INT_EQ(tmpl_level(&d, "Scanning lib/exceptions/ for handlers"), DIGEST_INFO);
	ASSERT_INT_EQ(tmpl_level(&d, "No Exceptions recorded in the last hour"), DIGEST_INFO);
	ASSERT_INT_EQ(tmpl_level(&d, "worker crashed: ExceptionInInitializerError in Loader"), DIGEST_ERROR);
	ASSERT_INT_EQ(tmpl_level(&d, "Unhandled Exception: queue closed"), DIGEST_ERROR);
	ASSERT_INT_EQ(d.first_error_line, 5);
	digest_release(&d);
}

TEST(digest, actions_log_prefix)
{
	struct digest d = DIGEST_INIT;
	const char *log =
		"\xEF\xBB\xBF" "2026-11-18T03:12:00.1234567Z ##[group]Run make test\n"
		"2026-11-18T03:12:00.1334567Z ##[endgroup]\n"
		"2026-11-18T03:12:00.2234567Z make: *** [Makefile:12: all] Error 2\n"
		"2026-11-18T03:12:01.1234567Z ##[error]Process completed with exit code 2.\n"
		"2026-11-18T03:12:01.2234567Z ##[warning]Node.js 16 actions are deprecated\n"
		"2026-11-18T03:12:01.3234567Z java.lang.RuntimeException: boom\n"
		"2026-11-18T03:12:01.3234567Z \tat a.b.C.d(C.java:1)\n"
		"2026-11-18T03:12:02.0000000Z 2026-11-18 03:12:01,999 WARN [main] c.e.Pool - pool low\n";

	ASSERT_OK(dig(&d, log));
	ASSERT_INT_EQ(tmpl_level(&d, "[main] c.e.Pool - pool low"), DIGEST_WARN);
	ASSERT_STR_EQ(find_tmpl(&d, "[main] c.e.Pool - pool low")->first_ts, "2026-11-18T03:12:02.0000000Z");
	ASSERT_STR_EQ(d.first_ts, "2026-11-18T03:12:00.1234567Z");
	ASSERT_STR_EQ(d.last_ts, "2026-11-18T03:12:02.0000000Z");
	ASSERT(find_tmpl(&d, "Run make test") != NULL);
	ASSERT_INT_EQ(tmpl_level(&d, "Process completed with exit code <*>."), DIGEST_ERROR);
	/* the runner's deprecation notice is noise (ci.h): no warning, worth no budget */
	ASSERT_INT_EQ(tmpl_level(&d, "Node.js <*> actions are deprecated"), DIGEST_INFO);
	ASSERT(find_tmpl(&d, "Node.js <*> actions are deprecated")->noise);
	ASSERT_INT_EQ(d.first_error_line, 3);
	ASSERT_INT_EQ(d.ntraces, 1);
	ASSERT_STR_EQ(d.traces[0].headline, "java.lang.RuntimeException: boom");
	ASSERT_INT_EQ(d.error_lines, 3);
	digest_release(&d);
}

TEST(digest, json_log_lines)
{
	struct digest d = DIGEST_INIT;
	const struct digest_template *t;
	const char *log =
		"{\"ts\":\"2026-11-18T03:12:00Z\",\"level\":\"info\",\"msg\":\"request served\",\"ms\":12}\n"
		"{\"ts\":\"2026-11-18T03:12:01Z\",\"level\":\"error\",\"msg\":\"query failed\","
		"\"error\":\"timeout after 30000ms\",\"ctx\":{\"a\":[1,2]}}\n"
		"{\"time\":\"2026-11-18T03:12:02Z\",\"level\":50,\"msg\":\"query failed\","
		"\"error\":\"timeout after 5000ms\"}\n"
		"{\"level\":\"warn\",\"message\":\"slow \\\"query\\\"\"}\n"
		"time=2026-11-18T03:12:03Z level=error msg=\"upstream unavailable\" host=10.1.2.3 retry=3\n";

	ASSERT_OK(dig(&d, log));
	ASSERT_INT_EQ(tmpl_level(&d, "request served"), DIGEST_INFO);
	t = find_tmpl(&d, "query failed error: timeout after <*>");
	ASSERT(t != NULL);
	ASSERT_INT_EQ(t->count, 2);
	ASSERT_INT_EQ(t->level, DIGEST_ERROR);
	ASSERT_STR_EQ(t->first_ts, "2026-11-18T03:12:01Z");
	ASSERT_STR_EQ(t->last_ts, "2026-11-18T03:12:02Z");
	ASSERT_INT_EQ(tmpl_level(&d, "slow <*>"), DIGEST_WARN);
	t = find_tmpl(&d, "upstream unavailable host=<*> retry=<*>");
	ASSERT(t != NULL);
	ASSERT_INT_EQ(t->level, DIGEST_ERROR);
	ASSERT_STR_EQ(t->first_ts, "2026-11-18T03:12:03Z");
	ASSERT_INT_EQ(d.first_error_line, 2);
	ASSERT_INT_EQ(d.error_lines, 3);
	ASSERT_INT_EQ(d.warn_lines, 1);
	digest_release(&d);
}

TEST(digest, klog_and_syslog_lines)
{
	struct digest d = DIGEST_INIT;
	const struct digest_template *t;
	const char *log =
		"I1118 03:12:00.123456       1 controller.go:120] Syncing pod web-7d9f8b6c4-x2kq\n"
		"E1118 03:12:01.223456       1 controller.go:130] Failed to sync pod web-7d9f8b6c4-x2kq: timeout\n"
		"E1118 03:12:02.323456       1 controller.go:130] Failed to sync pod api-55c6d-k8z: timeout\n"
		"W1118 03:12:03.000001       1 reflector.go:77] watch closed\n"
		"Nov 18 03:12:04 host1 kernel: Out of memory: Killed process 4242 (java)\n";

	ASSERT_OK(dig(&d, log));
	t = find_tmpl(&d, "Failed to sync pod <*>: timeout");
	ASSERT(t != NULL);
	ASSERT_INT_EQ(t->count, 2);
	ASSERT_INT_EQ(t->level, DIGEST_ERROR);
	ASSERT_STR_EQ(t->first_ts, "1118 03:12:01.223456");
	ASSERT_INT_EQ(tmpl_level(&d, "watch closed"), DIGEST_WARN);
	ASSERT_INT_EQ(tmpl_level(&d, "Syncing pod <*>"), DIGEST_INFO);
	ASSERT(find_tmpl(&d, "host1 kernel: Out of memory: Killed process <*> (java)") != NULL);
	ASSERT_STR_EQ(d.last_ts, "Nov 18 03:12:04");
	ASSERT_INT_EQ(d.error_lines, 2);
	digest_release(&d);
}

TEST(digest, crlf_bom_nul_and_bad_utf8)
{
	struct digest d = DIGEST_INIT;
	static const char log[] = "\xEF\xBB\xBF" "first line\r\n"
				  "nul \0 here\r\n"
				  "bad \xC3\x28 utf8 \xFF\xFE and \xE2\x82 cut\r\n"
				  "surrogate \xED\xA0\x80 overlong \xC0\xAF\r\n"
				  "ok caf\xC3\xA9 \xF0\x9F\x98\x80 \x1B[31mred\x1B[0m\r\n";
	char *text, *json;

	ASSERT_OK(digest_buffer(&d, log, sizeof(log) - 1));
	ASSERT_INT_EQ(d.lines, 5);
	ASSERT_INT_EQ(d.bytes, sizeof(log) - 1);
	ASSERT_STR_EQ(d.templates[0].pattern, "first line");
	ASSERT_STR_EQ(d.templates[0].example, "first line");
	ASSERT_STR_EQ(d.templates[1].example, "nul \xEF\xBF\xBD here");
	ASSERT(d.binary_bytes >= 10);
	ASSERT_STR_EQ(d.templates[4].example, "ok caf\xC3\xA9 \xF0\x9F\x98\x80 red");
	for (size_t i = 0; i < d.ntemplates; i++) {
		ASSERT(utf8_valid(d.templates[i].pattern, strlen(d.templates[i].pattern)));
		ASSERT(utf8_valid(d.templates[i].example, strlen(d.templates[i].example)));
		ASSERT_NOT_CONTAINS(d.templates[i].example, "\r");
	}
	render(&d, &text, &json);
	ASSERT(utf8_valid(text, strlen(text)));
	ASSERT(utf8_valid(json, strlen(json)));
	ASSERT_CONTAINS(json, "\"binary_bytes\": ");
	free(text);
	free(json);
	digest_release(&d);
}

TEST(digest, long_line_is_cut)
{
	struct digest d = DIGEST_INIT;
	struct buf in = BUF_INIT;

	buf_puts(&in, "before\n");
	for (int i = 0; i < LOG_LINE_MAX * 3; i++)
		buf_puts(&in, i % 2 ? "\xC3\xA9" : "x ");
	buf_puts(&in, "\nafter\n");
	ASSERT_OK(digest_buffer(&d, in.ptr, in.len));
	ASSERT_INT_EQ(d.lines, 3);
	ASSERT_INT_EQ(d.cut_lines, 1);
	ASSERT_INT_EQ(d.binary_bytes, 0);
	ASSERT(find_tmpl(&d, "after") != NULL);
	for (size_t i = 0; i < d.ntemplates; i++) {
		ASSERT(strlen(d.templates[i].example) <= LOG_LINE_MAX);
		ASSERT(utf8_valid(d.templates[i].example, strlen(d.templates[i].example)));
	}
	digest_release(&d);
	buf_release(&in);
}

TEST(digest, file_streams_and_cuts_across_chunks)
{
	struct digest d = DIGEST_INIT;
	struct buf in = BUF_INIT;
	char *path = sys_path_join(harness_tmpdir(), "app.log");

	/* lines straddle the 64 KiB read size; one over-long line spans two reads */
	for (int i = 0; i < 20000; i++)
		buf_putf(&in, "request %d served in %dms\n", i, i % 97);
	for (int i = 0; i < 70000; i++)
		buf_puts(&in, "z");
	buf_puts(&in, "\r\nlast line without newline");
	ASSERT_OK(sys_write_file(path, in.ptr, in.len));
	ASSERT_OK(digest_file(&d, path));
	ASSERT_INT_EQ(d.lines, 20002);
	ASSERT_INT_EQ(d.bytes, in.len);
	ASSERT_INT_EQ(d.cut_lines, 1);
	ASSERT_INT_EQ(tmpl_count(&d, "request <*> served in <*>"), 20000);
	ASSERT(find_tmpl(&d, "last line without newline") != NULL);
	digest_release(&d);
	ASSERT_ERR(digest_file(&d, "/nonexistent/dir/x.log"), ERR_NOTFOUND);
	ASSERT_CONTAINS(err_last(), "'/nonexistent/dir/x.log'");
	digest_release(&d);
	free(path);
	buf_release(&in);
}

TEST(digest, secrets_never_in_output)
{
	struct digest d = DIGEST_INIT;
	char *text, *json;
	const char *log =
		"2026-11-18T03:12:00Z ERROR auth failed for postgres://app:Sup3rS3cret@db:5432/x\n"
		"2026-11-18T03:12:01Z INFO using token ghp_abcdefghijklmnopqrstuvwxyz0123456789AB\n"
		"2026-11-18T03:12:02Z ERROR login password=Sup3rS3cret rejected\n"
		"java.lang.SecurityException: bad key AKIAIOSFODNN7EXAMPLE\n"
		"\tat a.B.c(B.java:1)\n"
		"-----BEGIN RSA PRIVATE KEY-----\n"
		"MIIEowIBAAKCAQEAzSecretBody\n"
		"-----END RSA PRIVATE KEY-----\n";

	ASSERT_OK(dig(&d, log));
	ASSERT_INT_EQ(d.secrets, 5);
	render(&d, &text, &json);
	ASSERT_NOT_CONTAINS(text, "Sup3rS3cret");
	ASSERT_NOT_CONTAINS(json, "Sup3rS3cret");
	ASSERT_NOT_CONTAINS(text, "ghp_abcdefghij");
	ASSERT_NOT_CONTAINS(json, "ghp_abcdefghij");
	ASSERT_NOT_CONTAINS(text, "IOSFODNN7");
	ASSERT_NOT_CONTAINS(json, "IOSFODNN7");
	ASSERT_NOT_CONTAINS(text, "zSecretBody");
	ASSERT_NOT_CONTAINS(json, "zSecretBody");
	ASSERT_CONTAINS(text, "5 secrets redacted");
	ASSERT_CONTAINS(json, "[REDACTED]");
	for (size_t i = 0; i < d.ntraces; i++)
		ASSERT_NOT_CONTAINS(d.traces[i].text, "IOSFODNN7");
	free(text);
	free(json);
	digest_release(&d);
}

TEST(digest, empty_input)
{
	struct digest d = DIGEST_INIT;
	struct buf b = BUF_INIT;
	json_t *j;

	ASSERT_OK(digest_buffer(&d, "", 0));
	ASSERT_INT_EQ(d.lines, 0);
	ASSERT_INT_EQ(d.ntemplates, 0);
	ASSERT_OK(digest_render_text(&b, &d, 10));
	ASSERT_CONTAINS(b.ptr, "0 lines");
	j = digest_to_json(&d, 10);
	ASSERT(json_is_null(json_object_get(j, "first_error")));
	ASSERT(json_is_null(json_object_get(j, "first_ts")));
	ASSERT_INT_EQ(json_array_size(json_object_get(j, "templates")), 0);
	ASSERT_INT_EQ(json_integer_value(json_object_get(j, "lines")), 0);
	json_decref(j);
	digest_release(&d);
	/* blank lines count but fold into nothing */
	ASSERT_OK(dig(&d, "\n\n   \n"));
	ASSERT_INT_EQ(d.lines, 3);
	ASSERT_INT_EQ(d.ntemplates, 0);
	digest_release(&d);
	buf_release(&b);
}

TEST(digest, template_cap)
{
	struct digest d = DIGEST_INIT;
	struct buf in = BUF_INIT;
	size_t shapes = DIGEST_MAX_TEMPLATES + 500;

	/*
	 * two-token lines that start with a distinct letters-only word: nothing masks them,
	 * and lines that start differently never merge
	 */
	for (size_t i = 0; i < shapes; i++) {
		char word[8];
		size_t k = 0;

		for (size_t v = i; k < 4; v /= 26)
			word[k++] = (char)('a' + v % 26);
		word[k] = '\0';
		buf_putf(&in, "q%s event\n", word);
	}
	ASSERT_OK(digest_buffer(&d, in.ptr, in.len));
	ASSERT_INT_EQ(d.lines, shapes);
	ASSERT_INT_EQ(d.ntemplates, DIGEST_MAX_TEMPLATES);
	ASSERT_INT_EQ(d.other_lines, 500);
	/* known shapes still fold when the table is full */
	ASSERT_OK(dig(&d, "qaaaa event\n"));
	ASSERT_INT_EQ(d.templates[0].count, 2);
	ASSERT_INT_EQ(d.other_lines, 500);
	buf_release(&in);
	ASSERT_OK(digest_render_text(&in, &d, 5));
	ASSERT_CONTAINS(in.ptr, "500 lines not folded");
	digest_release(&d);
	buf_release(&in);
}

TEST(digest, big_input_stays_small)
{
	struct digest d = DIGEST_INIT;
	struct buf in = BUF_INIT;
	unsigned x = 12345;

	while (in.len < (20u << 20)) {
		x = x * 1103515245u + 12345u;
		switch (x >> 28) {
		case 0:
			buf_putf(&in, "2026-11-18T03:%02u:%02uZ ERROR upstream 10.0.%u.%u:8080 timed out after %ums\n",
				 (x >> 8) % 60, x % 60, (x >> 4) & 255, x & 255, x % 30000);
			break;
		case 1:
			buf_putf(&in, "2026-11-18T03:%02u:%02uZ WARN retrying request %08x (attempt %u)\n",
				 (x >> 8) % 60, x % 60, x, x % 5);
			break;
		default:
			buf_putf(&in, "2026-11-18T03:%02u:%02uZ INFO GET /api/items/%u 200 %uB in %u.%ums user=%u\n",
				 (x >> 8) % 60, x % 60, x % 100000, x % 9999, x % 50, x % 10, x % 777);
		}
	}
	ASSERT_OK(digest_buffer(&d, in.ptr, in.len));
	ASSERT(d.lines > 200000);
	ASSERT(d.ntemplates <= 5);
	ASSERT_INT_EQ(d.other_lines, 0);
	ASSERT(d.error_lines > 0 && d.warn_lines > 0);
	digest_release(&d);
	buf_release(&in);
}

TEST(digest, rank_render_and_json)
{
	struct digest d = DIGEST_INIT;
	const struct digest_template **rank;
	struct buf b = BUF_INIT;
	json_t *j, *t0;
	const char *log =
		"2026-11-18T03:12:00Z INFO tick 1\n"
		"2026-11-18T03:12:01Z INFO tick 2\n"
		"2026-11-18T03:12:02Z INFO tick 3\n"
		"2026-11-18T03:12:03Z WARN slow disk sda\n"
		"2026-11-18T03:12:04Z ERROR out of memory\n"
		"java.lang.OutOfMemoryError: Java heap space\n"
		"\tat a.B.c(B.java:1)\n";

	ASSERT_OK(dig(&d, log));
	digest_rank(&rank, &d);
	ASSERT_INT_EQ(rank[0]->level, DIGEST_ERROR);
	ASSERT_STR_EQ(rank[0]->pattern, "out of memory");
	ASSERT_STR_EQ(rank[2]->pattern, "slow disk sda");
	ASSERT_STR_EQ(rank[3]->pattern, "tick <*>");
	free(rank);

	ASSERT_OK(digest_render_text(&b, &d, 10));
	ASSERT_CONTAINS(b.ptr, "7 lines");
	ASSERT_CONTAINS(b.ptr, "2 errors, 1 warnings");
	ASSERT_CONTAINS(b.ptr, "Time span: 2026-11-18T03:12:00Z .. 2026-11-18T03:12:04Z");
	ASSERT_CONTAINS(b.ptr, "First error (line 5, 2026-11-18T03:12:04Z):");
	ASSERT_CONTAINS(b.ptr, "tick <*>");
	ASSERT_CONTAINS(b.ptr, "Stack traces (1 distinct)");
	ASSERT_CONTAINS(b.ptr, "java.lang.OutOfMemoryError: Java heap space");
	ASSERT_CONTAINS(b.ptr, "at a.B.c(B.java:1)");
	ASSERT_CONTAINS(b.ptr, "Timeline");
	ASSERT(strstr(b.ptr, "slow disk") < strstr(b.ptr, "tick"));

	j = digest_to_json(&d, 2);
	ASSERT_INT_EQ(json_integer_value(json_object_get(j, "lines")), 7);
	ASSERT_INT_EQ(json_integer_value(json_object_get(j, "error_lines")), 2);
	ASSERT_STR_EQ(json_string_value(json_object_get(j, "first_ts")), "2026-11-18T03:12:00Z");
	ASSERT_INT_EQ(json_integer_value(jsonx_path(j, "first_error.line")), 5);
	ASSERT_INT_EQ(json_array_size(json_object_get(j, "templates")), 2);
	t0 = json_array_get(json_object_get(j, "templates"), 0);
	ASSERT_STR_EQ(json_string_value(json_object_get(t0, "level")), "error");
	ASSERT_STR_EQ(json_string_value(json_object_get(t0, "example")),
		      "2026-11-18T03:12:04Z ERROR out of memory");
	ASSERT(json_object_get(t0, "first_ts") && json_object_get(t0, "last_line"));
	ASSERT_INT_EQ(json_array_size(json_object_get(json_array_get(json_object_get(j, "traces"), 0), "frames")), 1);
	ASSERT(json_object_get(j, "other_lines") && json_object_get(j, "cut_lines") &&
	       json_object_get(j, "binary_bytes") && json_object_get(j, "secrets") &&
	       json_object_get(j, "bytes") && json_object_get(j, "warn_lines"));
	json_decref(j);
	digest_release(&d);
	buf_release(&b);
}

TEST(digest, second_file_adds_to_the_digest)
{
	struct digest d = DIGEST_INIT;

	ASSERT_OK(dig(&d, "User alice logged in from the web console\nboom\n    at x (a.js:1:1)\n"
			  "User bob logged in from the web console\n"));
	ASSERT_OK(dig(&d, "User carol logged in from the web console\nboom\n    at x (a.js:1:1)\n"
			  "User dave logged in from the web console\n"));
	ASSERT_INT_EQ(d.lines, 8);
	ASSERT_INT_EQ(d.ntraces, 1);
	ASSERT_INT_EQ(d.traces[0].count, 2);
	ASSERT(find_tmpl(&d, "User <*> logged in from the web console") != NULL);
	ASSERT_INT_EQ(tmpl_count(&d, "boom"), 2);
	digest_release(&d);
}

TEST(digest, assign_follows_merges)
{
	struct digest d = DIGEST_INIT;
	const char *log = "User alice logged in from the web console\n" /* 1 */
			  "\n"                                          /* 2 */
			  "User bob logged in from the web console\n"   /* 3 */
			  "Cache warmed in background\n"                /* 4 */
			  "User carol logged in from the web console\n" /* 5 */
			  "java.lang.IllegalStateException: boom\n"     /* 6 */
			  "\tat a.B.c(B.java:1)\n"                      /* 7 */
			  "User dave logged in from the web console\n"  /* 8: the four merge */
			  "Cache warmed in background\n";               /* 9 */

	d.assign_on = true;
	ASSERT_OK(dig(&d, log));
	ASSERT_INT_EQ(d.lines, 9);
	ASSERT(d.assign != NULL);
	/* lines read before the merge name the template it made */
	ASSERT(d.assign[0] < d.ntemplates);
	ASSERT_STR_EQ(d.templates[d.assign[0]].pattern, "User <*> logged in from the web console");
	ASSERT_INT_EQ(d.assign[2], d.assign[0]);
	ASSERT_INT_EQ(d.assign[4], d.assign[0]);
	ASSERT_INT_EQ(d.assign[7], d.assign[0]);
	ASSERT_INT_EQ(d.assign[1], DIGEST_ID_BLANK);
	ASSERT_INT_EQ(d.assign[3], d.assign[8]);
	ASSERT(d.assign[3] != d.assign[0] && d.assign[3] < d.ntemplates);
	ASSERT(d.assign[5] < d.ntemplates);
	ASSERT_INT_EQ(d.templates[d.assign[5]].level, DIGEST_ERROR);
	ASSERT_INT_EQ(d.assign[6], DIGEST_ID_TRACE | 0);
	ASSERT_INT_EQ(d.ntemplates, 3);
	digest_release(&d);
	/* off by default */
	ASSERT_OK(dig(&d, "a line\n"));
	ASSERT(d.assign == NULL);
	digest_release(&d);
}

TEST(digest, headers_and_sibling_merges)
{
	struct digest d = DIGEST_INIT;
	const struct digest_template *t;
	const char *log =
		"Jun 14 15:16:01 combo sshd(pam_unix)[19939]: session opened for user root by (uid=0)\n"
		"Jun 14 15:17:01 combo su(pam_unix)[2000]: session opened for user news by (uid=0)\n"
		"Jun 15 04:06:18 combo su(pam_unix)[21416]: session opened for user cyrus by (uid=0)\n"
		"Jun 17 20:29:26 combo sshd(pam_unix)[30631]: session opened for user test by (uid=509)\n"
		"Jul  7 08:09:10 combo login(pam_unix)[2421]: session opened for user root by (uid=0)\n"
		"Jul  1 11:29:32 host-1 locationd[82]: Location icon should now be in state Active\n"
		"Jul  1 11:39:32 host-2 locationd[82]: Location icon should now be in state Inactive\n"
		"Jul  1 11:49:32 host-1 locationd[83]: Location icon should now be in state Active\n";

	ASSERT_OK(dig(&d, log));
	/* header fields (process, pid) may differ; four users make a variable */
	t = find_tmpl(&d, "combo <*> session opened for user <*> by (uid=<*>)");
	ASSERT(t != NULL);
	ASSERT_INT_EQ(t->count, 5);
	ASSERT_INT_EQ(t->first_line, 1);
	ASSERT_STR_EQ(t->first_ts, "Jun 14 15:16:01");
	ASSERT_STR_EQ(t->last_ts, "Jul  7 08:09:10");
	/* two values are two events */
	ASSERT_INT_EQ(tmpl_count(&d, "<*> locationd[<*>]: Location icon should now be in state Active"), 2);
	ASSERT_INT_EQ(tmpl_count(&d, "<*> locationd[<*>]: Location icon should now be in state Inactive"), 1);
	ASSERT_INT_EQ(d.ntemplates, 3);
	digest_release(&d);
}

/* "--- FAIL:" is what the line says, not a header: the test names make one variable. */
TEST(digest, a_marker_and_its_word_are_the_message)
{
	struct digest d = DIGEST_INIT;
	const char *log =
		"--- FAIL: TestWidget_opensDoor (0.00s)\n"
		"--- FAIL: TestWidget_closesWindow (0.01s)\n"
		"--- FAIL: TestGadget_paintsWall (0.00s)\n"
		"--- FAIL: TestGadget_sweepsFloor (0.02s)\n"
		"--- FAIL: TestGizmo_feedsCat (0.00s)\n";

	ASSERT_OK(dig(&d, log));
	ASSERT_INT_EQ(d.ntemplates, 1);
	ASSERT_INT_EQ(d.templates[0].count, 5);
	ASSERT(strstr(d.templates[0].pattern, "--- FAIL: <*>") == d.templates[0].pattern);
	digest_release(&d);
}

TEST(digest, masks_structured_tokens)
{
	struct digest d = DIGEST_INIT;
	const char *log =
		"[Sun Dec 04 04:47:44 2005] [notice] jk2_init() Found child 6725 in scoreboard slot 10\n"
		"connection from 222.33.90.199 (host8.topspot.net) at Mon Jun 20 03:40:59 2005\n"
		"Block broadcast_0_piece0 stored as bytes in memory (estimated size 93.0 B, free 317.1 KB)\n"
		"00000010  4f 6b 20 ff e0 aa bb cc\n"
		"combo sshd(pam_unix)[19939]: check pass; user unknown\n"
		"request 3f9a2c1d-aa12-4c3d-8e9f-000000000042 from proxy.example.com:5070 via 10.0.0.1\n"
		"10.1.2.3 - - \"GET /api/v1/x HTTP/1.1\" 200\n"
		"Warning: tag=\"RILJ_ACK_WL\", mask=ffffffff, v2 http2 eth0 log4j\n"
		"20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579\n";

	ASSERT_OK(dig(&d, log));
	ASSERT(find_tmpl(&d, "jk2_init() Found child <*> in scoreboard slot <*>") != NULL);
	ASSERT_STR_EQ(d.first_ts, "Sun Dec 04 04:47:44 2005");
	ASSERT(find_tmpl(&d, "connection from <*> (<*>) at <*> <*> <*> <*> <*>") != NULL);
	ASSERT(find_tmpl(&d, "Block <*> stored as bytes in memory (estimated size <*> <*>, free <*> <*>)") != NULL);
	ASSERT(find_tmpl(&d, "<*> <*> <*> <*> <*> <*> <*> <*> <*>") != NULL);
	ASSERT(find_tmpl(&d, "combo sshd(pam_unix)[<*>]: check pass; user unknown") != NULL);
	ASSERT(find_tmpl(&d, "request <*> from <*> via <*>") != NULL);
	ASSERT(find_tmpl(&d, "<*> - - \"GET <*>\" <*>") != NULL);
	ASSERT(find_tmpl(&d, "Warning: tag=<*>, mask=<*>, v2 http2 eth0 log4j") != NULL);
	ASSERT(find_tmpl(&d, "<*>|Step_LSC|<*>|onStandStepChanged <*>") != NULL);
	digest_release(&d);
}

/*
 * Lines that differ only in digits share a shape and skip the full path; none of that
 * may let a secret through whose detection counts characters.
 */
TEST(digest, shapes_never_skip_secrets)
{
	struct digest d = DIGEST_INIT;
	struct buf in = BUF_INIT;
	char *text, *json;

	for (int i = 0; i < 40; i++) {
		buf_putf(&in, "2026-11-18T03:12:%02dZ INFO token=%06d ok\n", i, i * 7919);
		buf_putf(&in, "2026-11-18T03:12:%02dZ INFO key AKIA%015d used\n", i, i);
		buf_putf(&in, "2026-11-18T03:12:%02dZ INFO auth Bearer %d.%d.%d sent\n", i, i % 10, i % 7, i % 3);
		buf_putf(&in, "2026-11-18T03:12:%02dZ INFO seen ghp_%035d\n", i, i);
		buf_putf(&in, "2026-11-18T03:12:%02dZ INFO from 10.%d.%d.%d port %d\n", i, i, i * 3, i * 5, 4000 + i);
	}
	buf_puts(&in, "2026-11-18T03:13:00Z INFO token=12345a ok\n"
		      "2026-11-18T03:13:00Z INFO key AKIA1234567890123456 used\n"
		      "2026-11-18T03:13:00Z INFO auth Bearer 10.200.300.4 sent\n"
		      "2026-11-18T03:13:00Z INFO seen ghp_123456789012345678901234567890123456\n");
	ASSERT_OK(digest_buffer(&d, in.ptr, in.len));
	ASSERT_INT_EQ(d.secrets, 4);
	ASSERT_INT_EQ(d.lines, 204);
	ASSERT_INT_EQ(tmpl_count(&d, "from <*> port <*>"), 40);
	render(&d, &text, &json);
	ASSERT_NOT_CONTAINS(json, "12345a");
	ASSERT_NOT_CONTAINS(json, "1234567890123456");
	ASSERT_NOT_CONTAINS(json, "10.200.300.4");
	ASSERT_NOT_CONTAINS(json, "ghp_1234567890");
	ASSERT_NOT_CONTAINS(text, "12345a");
	ASSERT_CONTAINS(json, "[REDACTED]");
	free(text);
	free(json);
	digest_release(&d);
	buf_release(&in);
}

/* alpha 1 ok / beta 22 ok, then a second gzip member: gamma 333 ok */
static const unsigned char gz_two_members[] = {
	0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x4b, 0xcc, 0x29, 0xc8,
	0x48, 0x54, 0x30, 0x54, 0xc8, 0xcf, 0xe6, 0x4a, 0x4a, 0x2d, 0x49, 0x54, 0x30, 0x32,
	0x02, 0x31, 0x01, 0x19, 0x13, 0x25, 0x7a, 0x16, 0x00, 0x00, 0x00, 0x1f, 0x8b, 0x08,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x4b, 0x4f, 0xcc, 0xcd, 0x4d, 0x54, 0x30,
	0x36, 0x36, 0x56, 0xc8, 0xcf, 0xe6, 0x02, 0x00, 0x66, 0x69, 0xb5, 0xba, 0x0d, 0x00,
	0x00, 0x00,
};

TEST(digest, gzip_input)
{
	struct digest d = DIGEST_INIT;
	char *path = sys_path_join(harness_tmpdir(), "app.log.gz");
	char *bad = sys_path_join(harness_tmpdir(), "cut.log.gz");

	ASSERT_OK(digest_buffer(&d, (const char *)gz_two_members, sizeof(gz_two_members)));
	ASSERT_INT_EQ(d.lines, 3);
	ASSERT_INT_EQ(d.bytes, 35); /* the log's bytes, not the file's */
	ASSERT(find_tmpl(&d, "alpha <*> ok") != NULL);
	ASSERT(find_tmpl(&d, "gamma <*> ok") != NULL);
	digest_release(&d);

	ASSERT_OK(sys_write_file(path, gz_two_members, sizeof(gz_two_members)));
	ASSERT_OK(digest_file(&d, path));
	ASSERT_INT_EQ(d.lines, 3);
	ASSERT_INT_EQ(tmpl_count(&d, "beta <*> ok"), 1);
	digest_release(&d);

	/* cut short: what was read stays, and the error names the file */
	ASSERT_OK(sys_write_file(bad, gz_two_members, 30));
	ASSERT_ERR(digest_file(&d, bad), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "cut.log.gz");
	ASSERT_CONTAINS(err_last(), "gzip");
	digest_release(&d);
	/* garbage after the magic bytes */
	ASSERT_ERR(digest_buffer(&d, "\x1f\x8b\x08\x00garbage garbage garbage", 27), ERR_INPUT);
	digest_release(&d);
	free(path);
	free(bad);
}

static const struct digest_trace *first_trace(const struct digest *d)
{
	return d->ntraces ? &d->traces[0] : NULL;
}

TEST(digest, trace_inside_a_json_string_field)
{
	static const char *const log =
		"{\"time\":\"2026-03-01T10:00:00Z\",\"level\":\"error\",\"msg\":\"handler failed\","
		"\"err\":{\"type\":\"TypeError\",\"stack\":\"TypeError: Cannot read properties of undefined "
		"(reading \\\"zip\\\")\\n    at handle (/app/src/h.ts:12:5)\\n    at run (/app/node_modules/q/r.js:1:1)\"}}\n"
		"{\"time\":\"2026-03-01T10:00:01Z\",\"level\":\"info\",\"msg\":\"next\"}\n";
	struct digest d = DIGEST_INIT;
	const struct digest_trace *t;

	ASSERT_OK(digest_buffer(&d, log, strlen(log)));
	ASSERT((t = first_trace(&d)) != NULL);
	ASSERT_CONTAINS(t->headline, "Cannot read properties of undefined");
	ASSERT_INT_EQ(t->nframes, 2);
	ASSERT_CONTAINS(t->frames[0], "/app/src/h.ts:12:5");
	ASSERT_STR_EQ(t->first_ts, "2026-03-01T10:00:00Z");
	ASSERT_INT_EQ(d.lines, 2); /* the trace's lines are the JSON line's */
	digest_release(&d);
}

TEST(digest, trace_in_a_json_line_behind_a_collector_time_stamp)
{
	static const char *const log =
		"2026-03-01T10:00:00.1234567Z {\"levelname\": \"ERROR\", \"message\": \"request failed\", "
		"\"exc_info\": \"Traceback (most recent call last):\\n  File \\\"/srv/app/views.py\\\", line 40, "
		"in show\\n    data = fetch()\\nTimeoutError: timed out\"}\n"
		"2026-03-01T10:00:01.0000000Z {\"levelname\": \"INFO\", \"message\": \"next\"}\n"
		/* a brace later in an ordinary line is not a JSON object */
		"2026-03-01T10:00:02Z INFO cache {hits=3, misses=1}\n";
	struct digest d = DIGEST_INIT;
	const struct digest_trace *t;

	ASSERT_OK(digest_buffer(&d, log, strlen(log)));
	ASSERT((t = first_trace(&d)) != NULL);
	ASSERT_INT_EQ(d.ntraces, 1);
	ASSERT_STR_EQ(t->headline, "TimeoutError: timed out");
	ASSERT_CONTAINS(t->frames[0], "/srv/app/views.py");
	ASSERT_INT_EQ(d.lines, 3);
	digest_release(&d);
}

TEST(digest, collector_tags_before_the_line_are_not_the_line)
{
	static const char *const log =
		"2026-03-01T10:00:00Z {app=\"api\", pod=\"api-1\"} Traceback (most recent call last):\n"
		"2026-03-01T10:00:00Z {app=\"api\", pod=\"api-1\"}   File \"/app/a.py\", line 3, in f\n"
		"2026-03-01T10:00:00Z {app=\"api\", pod=\"api-1\"}     g()\n"
		"2026-03-01T10:00:00Z {app=\"api\", pod=\"api-1\"} ValueError: boom\n"
		"[pod/api-2/app] Traceback (most recent call last):\n"
		"[pod/api-2/app]   File \"/app/b.py\", line 9, in h\n"
		"[pod/api-2/app] KeyError: 'sku'\n";
	struct digest d = DIGEST_INIT;

	ASSERT_OK(digest_buffer(&d, log, strlen(log)));
	ASSERT_INT_EQ(d.ntraces, 2);
	ASSERT_STR_EQ(d.traces[0].headline, "ValueError: boom");
	ASSERT_STR_EQ(d.traces[1].headline, "KeyError: 'sku'");
	ASSERT_CONTAINS(d.traces[1].frames[0], "/app/b.py");
	digest_release(&d);
}

TEST(digest, numbered_frames_make_a_trace)
{
	static const char *const log =
		"[2026-03-01 10:00:00] production.ERROR: Call to a member function id() on null\n"
		"[stacktrace]\n"
		"#0 /var/www/app/Http/Resources/Cart.php(18): App\\Http\\Resources\\Cart->money(42)\n"
		"#1 /var/www/vendor/laravel/framework/src/Json.php(107): toArray()\n"
		"#2 {main}\n"
		"\"}\n"
		"[2026-03-01 10:00:01] production.INFO: next\n";
	struct digest d = DIGEST_INIT;

	ASSERT_OK(digest_buffer(&d, log, strlen(log)));
	ASSERT_INT_EQ(d.ntraces, 1);
	ASSERT_CONTAINS(d.traces[0].headline, "Call to a member function id() on null");
	ASSERT_INT_EQ(d.traces[0].nframes, 3);
	ASSERT_CONTAINS(d.traces[0].frames[0], "Cart.php(18)");
	digest_release(&d);
}

/* A collector put each pod's name before its lines: the trace behind it is still one trace. */
TEST(digest, a_pod_name_before_every_line_is_not_part_of_it)
{
	static const char *const log =
		"report-job-29739960-x2v8d 2026-07-14T02:00:00.399Z  INFO 1 --- [main] app.Main : started\n"
		"report-job-29739960-x2v8d 2026-07-14T02:00:01.100Z ERROR 1 --- [w-1] app.Step : step failed\n"
		"report-job-29739960-x2v8d java.util.ConcurrentModificationException: null\n"
		"report-job-29739960-x2v8d \tat java.base/java.util.HashMap.computeIfAbsent(HashMap.java:1229)\n"
		"report-job-29739960-x2v8d \tat com.example.report.LineProcessor.process(LineProcessor.java:52)\n"
		"report-job-29739960-x2v8d 2026-07-14T02:00:02.100Z  INFO 1 --- [main] app.Main : done\n";
	struct digest d = DIGEST_INIT;

	ASSERT_OK(digest_buffer(&d, log, strlen(log)));
	ASSERT_INT_EQ(d.ntraces, 1);
	ASSERT_CONTAINS(d.traces[0].headline, "ConcurrentModificationException");
	ASSERT_INT_EQ(d.traces[0].nframes, 2);
	ASSERT_STR_EQ(d.first_ts, "2026-07-14T02:00:00.399Z");
	ASSERT_INT_EQ(stamp_pod_tag("web-7f9c6d8b4-2bq9m x", 21), 20);
	ASSERT_INT_EQ(stamp_pod_tag("web-7f9c6d8b4 x", 15), 0); /* no five-character suffix */
	ASSERT_INT_EQ(stamp_pod_tag("Web-7f9c6d8b4-2bq9m x", 21), 0);
	digest_release(&d);
}

/* --assign past its memory cap: the ids move to a temporary file and stay the same. */
TEST(digest, assignments_spill_to_a_file_past_the_cap)
{
	struct digest heap = DIGEST_INIT, file = DIGEST_INIT;
	struct buf log = BUF_INIT;

	for (int i = 0; i < 200000; i++)
		buf_putf(&log, i % 7 ? "2026-01-01T00:00:%02dZ INFO request %d served in %d ms\n"
				     : "2026-01-01T00:00:%02dZ ERROR upstream %d refused after %d tries\n",
			 i % 60, i, i % 13);
	heap.assign_on = file.assign_on = true;
	file.assign_mem_max = 64 << 10; /* 16k lines on the heap, then the file */
	ASSERT_OK(digest_buffer(&heap, log.ptr, log.len));
	ASSERT_OK(digest_buffer(&file, log.ptr, log.len));
	ASSERT(!heap.assign_mapped);
	ASSERT(file.assign_mapped);
	ASSERT_INT_EQ(file.lines, heap.lines);
	ASSERT(memcmp(file.assign, heap.assign, heap.lines * sizeof(*heap.assign)) == 0);
	digest_release(&heap);
	digest_release(&file);
	buf_release(&log);
}
