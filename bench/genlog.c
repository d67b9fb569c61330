/*
 * genlog - write a deterministic synthetic application log of a given size.
 *
 *   genlog SIZE_MB [SEED] > app.log
 *
 * The log looks like a busy Java service behind a gateway: Spring-style lines with a
 * timestamp, level, pid, thread and logger, about 60 message shapes with varying numbers,
 * ids, UUIDs, IPs, paths, durations and user names; Java stack traces with "Caused by"
 * and "... N more"; a few JSON and logfmt lines from a sidecar; noise (progress bars,
 * hex dumps, blank lines, a line of UTF-8). About 2% of the lines are ERROR lines.
 * The same SIZE_MB and SEED always give the same bytes, so runs compare.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* splitmix64: fast, deterministic, good enough for test data */
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static unsigned below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

static char out[1 << 20];
static size_t outlen;
static unsigned long long written, limit;

static void flush(void)
{
	if (outlen && fwrite(out, 1, outlen, stdout) != outlen) {
		perror("genlog: write");
		exit(1);
	}
	written += outlen;
	outlen = 0;
}

__attribute__((format(printf, 1, 2))) static void emit(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (outlen + 8192 > sizeof(out))
		flush();
	va_start(ap, fmt);
	n = vsnprintf(out + outlen, 8192, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	outlen += (size_t)n < 8191 ? (size_t)n : 8191;
}

static const char *const users[] = {"alice", "bob", "carol", "dave", "erin", "frank", "grace",
				    "heidi", "ivan", "judy", "mallory", "oscar", "peggy", "trent"};
static const char *const services[] = {"orders", "payments", "inventory", "shipping", "users",
				       "catalog", "search", "pricing", "reviews", "cart"};
static const char *const threads[] = {"main", "http-nio-8080-exec-%u", "scheduling-%u",
				      "kafka-consumer-%u", "HikariPool-1 housekeeper",
				      "ForkJoinPool.commonPool-worker-%u", "async-%u"};
static const char *const loggers[] = {
	"c.e.orders.OrderController", "c.e.orders.OrderService", "c.e.pay.PaymentClient",
	"o.h.engine.jdbc.spi.SqlExceptionHelper", "c.z.hikari.pool.HikariPool",
	"o.a.kafka.clients.consumer.KafkaConsumer", "c.e.cache.RedisCache",
	"o.s.web.servlet.DispatcherServlet", "c.e.auth.TokenFilter", "c.e.inv.StockService",
};
static const char *const exceptions[] = {
	"java.lang.NullPointerException", "java.lang.IllegalStateException",
	"java.sql.SQLTransientConnectionException", "java.net.SocketTimeoutException",
	"org.springframework.dao.DataIntegrityViolationException",
	"java.util.concurrent.TimeoutException", "com.example.pay.PaymentDeclinedException",
};
static const char *const methods[] = {"GET", "POST", "PUT", "DELETE", "PATCH"};
static const char *const words[] = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot",
				    "golf", "hotel", "india", "juliet", "kilo", "lima"};

#define PICK(a) (a[below(sizeof(a) / sizeof(a[0]))])

static unsigned long long clock_ms;

static void uuid(char *b, size_t n)
{
	snprintf(b, n, "%08x-%04x-4%03x-%04x-%012llx", (unsigned)rnd(), below(65536), below(4096),
		 0x8000 | below(0x4000), (unsigned long long)(rnd() & 0xFFFFFFFFFFFFull));
}

static void ip(char *b, size_t n)
{
	snprintf(b, n, "10.%u.%u.%u", below(256), below(256), 1 + below(254));
}

/*
 * "2026-11-18 03:12:00.123  INFO 4242 --- [thread] logger : ". As in a real service,
 * each log statement (`site`) lives in one class and runs on one kind of thread; the
 * thread number varies.
 */
static void header(const char *level, unsigned site)
{
	unsigned long long s = clock_ms / 1000;
	const unsigned nth = sizeof(threads) / sizeof(threads[0]);
	const unsigned nlog = sizeof(loggers) / sizeof(loggers[0]);
	char th[64];

	snprintf(th, sizeof(th), threads[(site * 3 + 1) % nth], below(200));
	emit("2026-11-%02llu %02llu:%02llu:%02llu.%03llu %5s 4242 --- [%s] %-40s : ",
	     18 + s / 86400 % 10, s / 3600 % 24, s / 60 % 60, s % 60, clock_ms % 1000, level, th,
	     loggers[site % nlog]);
}

static void stack_trace(void)
{
	unsigned frames = 8 + below(25), i;

	emit("%s: %s %u %s\n", PICK(exceptions), PICK(words), below(100000),
	     below(2) ? "not found" : "failed after retries");
	for (i = 0; i < frames; i++)
		emit("\tat com.example.%s.%s%s.%s(%s.java:%u)\n", PICK(services),
		     below(2) ? "internal." : "", PICK(words), below(2) ? "handle" : "process",
		     PICK(words), 10 + below(900));
	if (below(2)) {
		emit("Caused by: %s: connection to %u.%u.%u.%u:%u refused\n", PICK(exceptions),
		     10, below(256), below(256), below(256), 1000 + below(60000));
		for (i = 0; i < 3 + below(6); i++)
			emit("\tat org.postgresql.core.v3.ConnectionFactoryImpl.%s(ConnectionFactoryImpl.java:%u)\n",
			     PICK(words), 10 + below(400));
		emit("\t... %u more\n", frames - 2);
	}
}

static void info_line(void)
{
	char a[64], b[64];
	unsigned k = below(40), site = below(24);

	header(k < 3 ? "DEBUG" : k < 6 ? "WARN" : "INFO", site);
	switch (site) {
	case 0:
		emit("%s /api/v1/%s/%u %u in %ums\n", PICK(methods), PICK(services), below(1000000),
		     below(10) ? 200 : 404, below(3000));
		break;
	case 1:
		uuid(a, sizeof(a));
		emit("Created order %s for user %s with %u items total %u.%02u EUR\n", a, PICK(users),
		     1 + below(12), below(5000), below(100));
		break;
	case 2:
		ip(a, sizeof(a));
		emit("Accepted connection from %s:%u\n", a, 1024 + below(60000));
		break;
	case 3:
		emit("HikariPool-1 - Pool stats (total=%u, active=%u, idle=%u, waiting=%u)\n",
		     10 + below(10), below(10), below(10), below(4));
		break;
	case 4:
		emit("Cache hit ratio %u.%u%% over last %u requests\n", below(100), below(10), 1000 + below(9000));
		break;
	case 5:
		emit("Kafka partition %s-%u assigned to consumer %s-%u offset %llu\n", PICK(services),
		     below(32), PICK(words), below(16), (unsigned long long)(rnd() % 100000000));
		break;
	case 6:
		emit("User %s logged in from %u.%u.%u.%u using session %016llx\n", PICK(users),
		     below(256), below(256), below(256), below(256), (unsigned long long)rnd());
		break;
	case 7:
		emit("Scheduled job %s-sync completed in %u.%03us, %u records updated\n", PICK(services),
		     below(60), below(1000), below(100000));
		break;
	case 8:
		emit("Reading configuration from /etc/app/%s/%s.yaml (%u bytes)\n", PICK(services),
		     PICK(words), below(100000));
		break;
	case 9:
		uuid(a, sizeof(a));
		emit("Payment %s authorized by provider %s in %ums\n", a, PICK(words), below(2000));
		break;
	case 10:
		emit("Stock level for SKU-%06u is %u (threshold %u)\n", below(1000000), below(500), 10 + below(50));
		break;
	case 11:
		emit("Completed request with status=%u bytes=%u duration=%ums user=%s\n", 200 + below(5),
		     below(1 << 20), below(5000), PICK(users));
		break;
	case 12:
		emit("Retrying call to %s-service (attempt %u of 5) after %ums backoff\n", PICK(services),
		     1 + below(5), 100 * (1 + below(30)));
		break;
	case 13:
		emit("Heap usage %u MiB of %u MiB, GC pause %ums\n", 100 + below(900), 1024, below(300));
		break;
	case 14:
		ip(a, sizeof(a));
		ip(b, sizeof(b));
		emit("Routing %s -> %s via gateway %s\n", a, b, PICK(words));
		break;
	case 15:
		emit("Search query \"%s %s\" returned %u results in %ums\n", PICK(words), PICK(words),
		     below(1000), below(800));
		break;
	case 16:
		emit("Session %08x expired after %u minutes of inactivity\n", (unsigned)rnd(), 5 + below(60));
		break;
	case 17:
		emit("Flushed %u dirty pages to disk in %u.%ums\n", below(10000), below(100), below(10));
		break;
	case 18:
		emit("Email notification queued for %s@example.com (template %s)\n", PICK(users), PICK(words));
		break;
	case 19:
		emit("Price for product %u changed from %u.%02u to %u.%02u\n", below(100000), below(500),
		     below(100), below(500), below(100));
		break;
	case 20:
		emit("Health check OK: db=%ums cache=%ums queue=%ums\n", below(50), below(10), below(30));
		break;
	case 21:
		emit("Loaded %u feature flags from remote config revision %u\n", 10 + below(50), below(100000));
		break;
	case 22:
		emit("Thread pool %s: active=%u queued=%u completed=%llu\n", PICK(services), below(64),
		     below(1000), (unsigned long long)(rnd() % 10000000));
		break;
	default:
		emit("Rebalancing shard %u of index %s-%u (%u docs)\n", below(64), PICK(services),
		     2026 + below(2), below(10000000));
		break;
	}
}

static void error_line(void)
{
	char a[64];
	unsigned site = below(6);

	header("ERROR", 24 + site);
	switch (site) {
	case 0:
		emit("Request %s /api/v1/%s/%u failed: upstream timed out after %ums\n", PICK(methods),
		     PICK(services), below(100000), 1000 * (1 + below(30)));
		break;
	case 1:
		ip(a, sizeof(a));
		emit("Connection to %s:5432 refused (pool %s, attempt %u)\n", a, PICK(services), 1 + below(5));
		break;
	case 2:
		emit("Payment declined for order %u: insufficient funds (code %u)\n", below(1000000), 50 + below(10));
		break;
	case 3:
		emit("Unhandled exception in %s-worker-%u\n", PICK(services), below(16));
		stack_trace();
		break;
	case 4:
		emit("Failed to publish event to topic %s.events: %s\n", PICK(services),
		     below(2) ? "NOT_LEADER_FOR_PARTITION" : "REQUEST_TIMED_OUT");
		break;
	default:
		emit("Deadlock detected on table %s, transaction %u rolled back\n", PICK(services), below(100000));
		break;
	}
}

static void noise_line(void)
{
	switch (below(8)) {
	case 0:
		emit("\n");
		break;
	case 1:
		emit("{\"ts\":\"2026-11-18T03:%02u:%02uZ\",\"level\":\"info\",\"msg\":\"proxy request\","
		     "\"path\":\"/api/v1/%s\",\"status\":%u,\"ms\":%u}\n",
		     below(60), below(60), PICK(services), 200 + below(5), below(900));
		break;
	case 2:
		emit("time=2026-11-18T03:%02u:%02uZ level=%s msg=\"sidecar sync\" peers=%u lag=%ums\n",
		     below(60), below(60), below(20) ? "info" : "warn", below(12), below(400));
		break;
	case 3:
		emit("Progress: [%.*s%.*s] %u%%\n", (int)below(40), "########################################",
		     40, "                                        ", below(101));
		break;
	case 4: {
		char hex[128];
		size_t k = 0;

		for (int i = 0; i < 16; i++)
			k += (size_t)snprintf(hex + k, sizeof(hex) - k, "%02x ", below(256));
		emit("%08x  %s\n", below(1 << 20) * 16, hex);
		break;
	}
	case 5:
		emit("Übersicht: Größe %u KiB, Schlüssel \xE2\x9C\x93 %s\n", below(4096), PICK(words));
		break;
	case 6:
		emit("TypeError: Cannot read properties of undefined (reading '%s')\n"
		     "    at get%s (/app/src/%s.js:%u:%u)\n"
		     "    at process.processTicksAndRejections (node:internal/process/task_queues:%u:%u)\n",
		     PICK(words), PICK(words), PICK(services), 1 + below(300), 1 + below(40),
		     below(200), below(40));
		break;
	default:
		emit("--- %s %s %s ---\n", PICK(words), PICK(words), PICK(words));
		break;
	}
}

int main(int argc, char **argv)
{
	char *end;
	unsigned long long mb;

	if (argc < 2 || argc > 3) {
		fputs("usage: genlog SIZE_MB [SEED] > file\n", stderr);
		return 2;
	}
	mb = strtoull(argv[1], &end, 10);
	if (*end || !mb) {
		fprintf(stderr, "genlog: size must be a positive number of MiB, not '%s'\n", argv[1]);
		return 2;
	}
	rng_state = argc == 3 ? strtoull(argv[2], NULL, 10) : 42;
	limit = mb << 20;
	while (written + outlen < limit) {
		unsigned k = below(1000);

		clock_ms += below(50);
		if (k < 20)
			error_line();
		else if (k < 40)
			noise_line();
		else
			info_line();
	}
	flush();
	return 0;
}
