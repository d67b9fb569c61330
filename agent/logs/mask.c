#include "common.h"
#include "logs/mask.h"
#include "logs/lex.h"
#include "logs/stamp.h"

#define GROUP_MAX 256 /* a bracketed group with spaces is one token up to this size */
#define HEADER_MAX 10 /* a line's header is among its first tokens */

/* token flags, per token of the current line */
enum { TF_WILD = 1, TF_MONTH = 2, TF_WDAY = 4, TF_HEX2 = 8 };

static bool is_quote(char c)
{
	return c == '"' || c == '\'' || c == '`';
}

/*
 * A variable in one piece, whatever its punctuation: hex digits with . : - / [ ] _ % + ,
 * and at least one digit, starting with a digit or separator or 6 bytes long
 * ("10.0.0.1:5432", "2001:db8::1", "::1]:8080", "2005-06-03-15.42.50", "91%",
 * "a64f992", "0x1f").
 */
static bool numeric_token(const char *s, size_t n)
{
	bool digit = false;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned k = lex_kls[c];

		if (k & K_DIGIT)
			digit = true;
		else if (!(k & (K_HEXL | K_NUMP)) && !(c == 'x' && i == 1 && is_digit((unsigned char)s[0])))
			return false;
	}
	return digit && (n >= 6 || !(lex_kls[(unsigned char)s[0]] & K_ALPHA));
}

/*
 * Is a segment (letters, digits, '_', '-') variable? With a digit: unless it is a short
 * word such as v2, http2, ipv4, log4j, eth0, u0, jk2_init (starts with a letter, at most
 * 8 bytes, at most 2 digits, no '-', no "_<digit>" as in rdd_2_0, not 6+ bytes of hex).
 * Without: 8+ hex letters (ffffffff), or 16+ bytes a quarter upper and a quarter lower
 * case (a base64 id, not CamelCase).
 */
static bool seg_variable(const char *s, size_t n)
{
	size_t digits = 0, upper = 0, lower_ = 0;
	bool hex = true, dash = false, under = false;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned k = lex_kls[c];

		digits += (k & K_DIGIT) != 0;
		hex &= (k & (K_DIGIT | K_HEXL)) != 0;
		upper += c >= 'A' && c <= 'Z';
		lower_ += c >= 'a' && c <= 'z';
		dash |= c == '-';
		under |= c == '_' && i + 1 < n && (lex_kls[(unsigned char)s[i + 1]] & K_DIGIT); /* rdd_2 */
	}
	if (digits)
		return !(lex_kls[(unsigned char)s[0]] & K_ALPHA) || n > 8 || digits > 2 || dash || under ||
		       (hex && n >= 6);
	if (hex && n >= 8)
		return true; /* ffffffff, deadbeef */
	return n >= 16 && !dash && upper * 4 >= n && lower_ * 4 >= n; /* base64, not CamelCase */
}

/*
 * A <*> for a variable part of the token that starts at `floor` in `out`. Variables next
 * to each other, or joined by one of . : - / _ @ #, make one: "10.1.2.3:80" is <*>.
 */
static void put_wild(struct buf *out, size_t floor)
{
	size_t n = out->len;

	if (n >= floor + 3 && !memcmp(out->ptr + n - 3, WILD, 3))
		return;
	if (n >= floor + 4 && strchr(".:-/_@#", out->ptr[n - 1]) && !memcmp(out->ptr + n - 4, WILD, 3)) {
		buf_truncate(out, n - 1);
		return;
	}
	put(out, WILD, 3);
}

/*
 * "proxy.example.com:5070", "db-1.internal:5432": a host name with a port (its last
 * label in lower case, so "state.clipTop:130" is not one).
 */
static bool host_port(const char *s, size_t n)
{
	size_t colon = n, dots = 0, last = 0;

	while (colon > 0 && is_digit((unsigned char)s[colon - 1]))
		colon--;
	if (colon == n || colon < 4 || s[colon - 1] != ':')
		return false;
	for (size_t i = 0; i < colon - 1; i++) {
		if (s[i] == '.') {
			dots += i > 0 && s[i - 1] != '.';
			last = i + 1;
		} else if (!(lex_kls[(unsigned char)s[i]] & K_SEG)) {
			return false;
		}
	}
	for (size_t i = last; i < colon - 1; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			return false;
	return dots > 0 && s[colon - 2] != '.';
}

/*
 * A domain name from `i` ("www.example.com", "host8.isp.net", "db.local"): two labels or
 * more, the last a common top-level domain or two lower-case letters. Returns its end,
 * or 0.
 */
static size_t domain_end(const char *t, size_t i, size_t e)
{
	static const char *const tlds[] = {"com", "net", "org", "edu", "gov", "mil", "int",
					   "info", "biz", "io", "local", "lan", "internal",
					   "arpa", "cloud", "dev", "app"};
	size_t j = i, last = i, labels = 1;

	for (; j < e; j++) {
		unsigned char c = (unsigned char)t[j];

		if (c == '.') {
			if (j == last || j + 1 >= e || t[j + 1] == '.')
				break;
			last = j + 1;
			labels++;
		} else if (!(lex_kls[c] & K_SEG) || c == '_') {
			break;
		}
	}
	if (labels < 2 || last >= j)
		return 0;
	for (size_t k = last; k < j; k++)
		if (t[k] < 'a' || t[k] > 'z')
			return 0;
	if (j - last == 2)
		return j;
	for (size_t k = 0; k < ARRAY_SIZE(tlds); k++)
		if (strlen(tlds[k]) == j - last && !memcmp(t + last, tlds[k], j - last))
			return j;
	return 0;
}

/* Is the text from a '@' at `at` the domain of an e-mail address (a dot after it)? */
static bool email_domain(const char *t, size_t at, size_t e)
{
	size_t i = at + 1, dots = 0;

	while (i < e && ((lex_kls[(unsigned char)t[i]] & K_SEG) || t[i] == '.'))
		dots += t[i++] == '.';
	return dots && i > at + 1 && t[i - 1] != '.';
}

/*
 * Mask one token that needs care: digits, quotes, paths, URLs, e-mail addresses, long
 * words, a bracketed group with spaces. The outer brackets and closing punctuation stay.
 * Numbers with punctuation, host:port and whole quoted strings become one <*>; else each
 * segment is judged on its own ("sshd(pam_unix)[<*>]:", "uid=<*>", "blk_<*>"), and
 * quoted parts, paths (two slashes or more after a boundary), URLs, e-mail addresses and
 * domain names become <*>. `f`: the classes of the token's bytes (mask_token_end). True when
 * the token is a <*> (brackets aside).
 */
static bool mask_token(struct buf *out, const char *t, size_t len, unsigned f)
{
	size_t b = 0, e = len, i, floor;

	while (b < len && has((unsigned char)t[b], C_OPEN))
		b++;
	while (e > b && has((unsigned char)t[e - 1], C_CLOSE))
		e--;
	put(out, t, b);
	floor = out->len;
	if (b < e && (((f & K_QUOTE) && e - b >= 2 && is_quote(t[b]) && t[e - 1] == t[b]) ||
		      ((f & K_DIGIT) && numeric_token(t + b, e - b)) ||
		      ((f & (K_DIGIT | K_COLON)) == (K_DIGIT | K_COLON) && host_port(t + b, e - b)))) {
		put(out, WILD, 3);
		put(out, t + e, len - e);
		return true;
	}
	for (i = b; i < e;) {
		unsigned char c = (unsigned char)t[i];
		const char *q;

		if (lex_kls[c] & K_SEG) {
			size_t j = i + 1;

			while (j < e && (lex_kls[(unsigned char)t[j]] & K_SEG))
				j++;
			if ((f & K_DOT) && j < e && t[j] == '.' && (i == b || t[i - 1] != '.')) {
				size_t de = domain_end(t, i, e);

				if (de) {
					put_wild(out, floor);
					i = de;
					continue;
				}
			}
			if ((e - j >= 3 && !memcmp(t + j, "://", 3)) ||
			    (j < e && t[j] == '@' && email_domain(t, j, e))) {
				put_wild(out, floor); /* a URL or an address: the rest is one variable */
				i = e;
				if (t[j] == '@') {
					for (i = j + 1; i < e && ((lex_kls[(unsigned char)t[i]] & K_SEG) || t[i] == '.'); i++)
						;
				}
				continue;
			}
			if (seg_variable(t + i, j - i))
				put_wild(out, floor);
			else
				put(out, t + i, j - i);
			i = j;
		} else if (is_quote((char)c) && i + 1 < e && (q = memchr(t + i + 1, c, e - i - 1))) {
			put_wild(out, floor);
			i = (size_t)(q - t) + 1;
		} else if (c == '/' && (i == b || strchr("=:([{,<.~ ", t[i - 1])) &&
			   memchr(t + i + 1, '/', e - i - 1)) {
			put_wild(out, floor); /* a path */
			i = e;
		} else {
			put(out, t + i, 1);
			i++;
		}
	}
	put(out, t + e, len - e);
	return out->len - floor - (len - e) == 3 && !memcmp(out->ptr + floor, WILD, 3);
}

/* "GET /x HTTP/1.1": an HTTP request line; its method is not a variable. */
static size_t http_method(const char *s, size_t n)
{
	static const char *const methods[] = {"GET ", "POST ", "PUT ", "DELETE ", "HEAD ",
					      "PATCH ", "OPTIONS "};

	for (size_t i = 0; i < ARRAY_SIZE(methods); i++) {
		size_t k = strlen(methods[i]);

		if (n > k && !memcmp(s, methods[i], k))
			return k;
	}
	return 0;
}

/*
 * A token that took in a quoted span with spaces: each such span becomes <*> (a quoted
 * HTTP request line keeps its method: "GET <*>").
 */
static void mask_spans(struct buf *out, const char *t, size_t len)
{
	size_t i = 0, from = 0;

	while (i < len) {
		const char *close;

		if (is_quote(t[i]) && i + 1 < len && (close = memchr(t + i + 1, t[i], len - i - 1))) {
			size_t k = http_method(t + i + 1, (size_t)(close - t) - i - 1);

			put(out, t + from, i - from);
			if (k)
				put(out, t + i, 1 + k);
			put(out, WILD, 3);
			if (k)
				put(out, close, 1);
			i = from = (size_t)(close - t) + 1;
		} else {
			i++;
		}
	}
	put(out, t + from, len - from);
}

/* A quote opens a span at the start of a token or after = : ( [ { ,. */
static size_t quoted_end(const char *s, size_t n, size_t j, size_t tok_start)
{
	char q = s[j];

	if (j != tok_start && !strchr("=:([{,", s[j - 1]))
		return 0;
	for (size_t k = j + 1; k < n; k++) {
		if (s[k] == '\\') {
			k++;
			continue;
		}
		if (s[k] == q && (k + 1 == n || !is_alnum((unsigned char)s[k + 1])))
			return k + 1;
	}
	return 0;
}

/* A unit after a number ("93.0 B", "5.2 KiB", "30 ms"): the two make one variable. */
static size_t unit_word(const char *s, size_t n)
{
	static const char *const units[] = {"B", "KB", "MB", "GB", "TB", "kB", "KiB", "MiB",
					    "GiB", "TiB", "ms", "us", "ns"};

	if (!strchr("BKMGTkmun", s[0]) || !s[0])
		return 0;
	while (n && has((unsigned char)s[n - 1], C_CLOSE))
		n--;
	for (size_t i = 0; i < ARRAY_SIZE(units); i++)
		if (strlen(units[i]) == n && !memcmp(s, units[i], n))
			return n;
	return 0;
}

static int date_word(const char *s, size_t n)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	static const char days[] = "MonTueWedThuFriSatSun";

	while (n && has((unsigned char)s[0], C_OPEN)) {
		s++;
		n--;
	}
	while (n && has((unsigned char)s[n - 1], C_CLOSE))
		n--;
	if (n != 3 || !strchr("JFMASONDTWS", s[0]) || !s[0])
		return 0;
	for (int k = 0; k < 12; k++)
		if (!memcmp(s, months + 3 * k, 3))
			return TF_MONTH;
	for (int k = 0; k < 7; k++)
		if (!memcmp(s, days + 3 * k, 3))
			return TF_WDAY;
	return 0;
}

/* Is a token (brackets and closing punctuation aside) a <*>? */
bool mask_is_wild(const char *t, size_t n)
{
	size_t b = 0;

	while (b < n && t[b] != '<' && has((unsigned char)t[b], C_OPEN))
		b++;
	while (n > b && t[n - 1] != '>' && has((unsigned char)t[n - 1], C_CLOSE))
		n--;
	return n - b == 3 && !memcmp(t + b, WILD, 3);
}


/*
 * Dates inside the text ("at Wed Jun 29 14:44:35 2005", "Nov 9 12:01:01"): a month name
 * next to a <*>, then a weekday before a <*>, becomes <*> itself (all are 3 bytes, so
 * the pattern is rewritten in place).
 */
static void mask_dates(struct miner *m, struct buf *out)
{
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < m->ntok; k++) {
			size_t o;
			bool near;

			if (!(m->tok_flags[k] & (pass ? TF_WDAY : TF_MONTH)))
				continue;
			near = k + 1 < m->ntok && (m->tok_flags[k + 1] & TF_WILD);
			if (!pass && k > 0)
				near |= (m->tok_flags[k - 1] & TF_WILD) != 0;
			if (!near)
				continue;
			for (o = m->tok_off[k]; has((unsigned char)out->ptr[o], C_OPEN); o++)
				;
			memcpy(out->ptr + o, WILD, 3);
			m->tok_flags[k] |= TF_WILD;
		}
	}
}

/*
 * A hex dump ("0010  4f 6b 20 ff e0 ..."): four or more two-digit hex tokens in a row
 * are all variables, the letter-only ones ("ff", "e0") too. The pattern is rebuilt.
 */
static void mask_hexdump(struct miner *m, struct buf *out)
{
	size_t run = 0;

	buf_reset(&m->aux);
	for (size_t k = 0; k < m->ntok; k++) {
		run = (m->tok_flags[k] & TF_HEX2) ? run + 1 : 0;
		if (run == 4)
			for (size_t b = k - 3; b < k; b++)
				m->tok_flags[b] |= TF_WILD;
		if (run >= 4)
			m->tok_flags[k] |= TF_WILD;
	}
	for (size_t k = 0; k < m->ntok; k++) {
		size_t off;

		if (k)
			put(&m->aux, out->ptr + m->tok_off[k] - 1, 1);
		off = m->aux.len;
		if ((m->tok_flags[k] & (TF_HEX2 | TF_WILD)) == (TF_HEX2 | TF_WILD))
			put(&m->aux, WILD, 3);
		else
			put(&m->aux, out->ptr + m->tok_off[k], m->tok_len[k]);
		m->tok_off[k] = (uint32_t)off;
		m->tok_len[k] = (uint16_t)(m->aux.len - off);
	}
	buf_reset(out);
	put(out, m->aux.ptr, m->aux.len);
}

/*
 * The end of the token that starts at `a` (not white space): white space ends it, and so
 * does a '|' between two words ("a|b"). A quoted string (at the start or after = : ( [ {
 * ,) and a bracketed group with spaces ("[RMCommunicator Allocator]") go on across
 * spaces. `*fp` gets the classes of its bytes (K_SPACE when it took in spaces), `*spans`
 * whether a quoted string did.
 */
size_t mask_token_end(const char *s, size_t n, size_t a, unsigned *fp, bool *spans)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned f = 0;
	size_t j = a;

	*spans = false;
	if (u[a] == '[') {
		size_t lim = n - a < GROUP_MAX ? n - a : GROUP_MAX;
		const char *close = memchr(s + a + 1, ']', lim - 1);
		size_t in = close ? (size_t)(close - s) - a - 1 : 0;

		if (in && memchr(s + a + 1, ' ', in) && !memchr(s + a + 1, '[', in))
			for (; j <= a + in + 1; j++)
				f |= lex_kls[u[j]];
	}
	for (; j < n; j++) {
		unsigned k = lex_kls[u[j]];

		if (k & (K_SPACE | K_QUOTE | K_PIPE)) {
			size_t q;

			if (k & K_SPACE)
				break;
			if ((k & K_PIPE) && j > a && j + 1 < n && !(lex_kls[u[j + 1]] & (K_SPACE | K_PIPE)))
				break; /* "a|b": a separator */
			if ((k & K_QUOTE) && (q = quoted_end(s, n, j, a))) {
				if (memchr(s + j, ' ', q - j) || memchr(s + j, '\t', q - j))
					*spans = true;
				j = q - 1;
			}
		}
		f |= k;
	}
	*fp = f;
	return j;
}

/* "nova.compute.manager", "o.a.h.Client": a dotted identifier (a logger name). */
static bool dotted(const char *t, size_t n)
{
	bool dot = false;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];

		if (c == '.' && i > 0 && i + 1 < n && is_alpha((unsigned char)t[i + 1]))
			dot = true;
		else if (!(lex_kls[c] & K_SEG) && c != '$' && c != '.')
			return false;
	}
	return dot;
}

/* "-", "---", ":", "=>", "|": a separator between header fields. */
static bool punctuation(const char *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("-:|=>#*~", t[i]))
			return false;
	return n <= 4;
}

/* "java.io.IOException", "ValueError", "Warning": a token that names what happened. */
static bool subject(const char *t, size_t n)
{
	return HAS_SUFFIX(t, n, "Exception") || HAS_SUFFIX(t, n, "Error") || HAS_SUFFIX(t, n, "Warning") ||
	       HAS_SUFFIX(t, n, "Failure") || HAS_SUFFIX(t, n, "Fault");
}

/* A token naming an exception or error ("java.io.IOException:", "ValueError"). */
bool mask_subject(const char *t, size_t n)
{
	while (n && has((unsigned char)t[n - 1], C_CLOSE))
		n--;
	return n > 5 && subject(t, n);
}

/* Is a masked token part of a line's header (time, ids, level, logger, host, thread)? */
static bool header_like(const char *t, size_t n, size_t k)
{
	bool upper = true;

	if (k == 0 || n == 1 || t[0] == '[' || t[0] == '(' || stamp_level_word(t, n) >= 0)
		return true;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];

		if (is_quote((char)c))
			return false;
		if ((lex_kls[c] & K_DIGIT) || c == '<' || c == '.' || c == '_' || c == '@' || c == '/')
			return true;
		upper &= c >= 'A' && c <= 'Z';
	}
	return upper;
}

/*
 * Where the message starts after a header, looking at the first HEADER_MAX tokens while
 * they look like header fields (header_like): after the first token ending with ':'
 * ("host proc[pid]:", "I Tag:"; not "java.io.IOException:", which is the message),
 * after separators ("[main] c.e.Svc - msg", "4242 --- [main] c.e.Svc : msg", the last
 * '|' of "a|b|c|msg"), and after a level word with the loggers and bracketed context
 * that follow it ("INFO nova.compute.manager [req-1 - -] msg"). 0: no header. The
 * message keeps at least one token.
 */
size_t mask_header(const struct miner *m, const char *p)
{
	size_t hdr = 0, lim = m->ntok < HEADER_MAX ? m->ntok : HEADER_MAX;
	bool after_level = false;

	for (size_t k = 0; k + 1 < m->ntok && k < lim; k++) {
		const char *t = p + m->tok_off[k];
		size_t n = m->tok_len[k];

		if (p[m->tok_off[k + 1] - 1] == '|') {
			hdr = k + 1;
			continue;
		}
		if (k == 0 && punctuation(t, n) && p[m->tok_off[1] + m->tok_len[1] - 1] == ':')
			break; /* "--- FAIL: TestX (0.01s)": a marker and its word, the message */
		if (n >= 2 && t[n - 1] == ':') {
			if (subject(t, n - 1))
				break; /* "java.io.IOException: ...": the message itself */
			return k + 1;
		}
		if (k > 0 && punctuation(t, n)) {
			hdr = k + 1; /* "[main] c.e.Svc - msg", "4242 --- [main] c.e.Svc : msg" */
			continue;
		}
		if (stamp_level_word(t, n) >= 0 || (after_level && (t[0] == '[' || dotted(t, n)))) {
			after_level = true; /* "INFO nova.compute.manager [req-1 - -] msg" */
			hdr = k + 1;
			continue;
		}
		if (after_level || !header_like(t, n, k))
			break;
	}
	return hdr;
}

/*
 * Split `s` into tokens (mask_token_end) and write them masked to `out`, one space apart
 * ('|' where the line had it between words). Token positions and flags go to m->tok_*
 * (the header length is worked out later, only for lines not seen before). Past
 * PATTERN_MAX bytes or MAX_TOKENS tokens, the rest becomes one final <*>.
 *
 * Most tokens are plain words: those (no digit, quote, slash, '@' or space, under 8
 * bytes) are copied as they are; only the others go through mask_token().
 */
size_t mask_line(struct miner *m, struct buf *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, ntok = 0, run2 = 0, hex2 = 0;
	bool dates = false;
	char sep = ' ';

	buf_reset(out);
	while (i < n) {
		size_t a, j, before, uw;
		unsigned f;
		int k;
		bool spans, wild;

		while (i < n && (lex_kls[u[i]] & K_SPACE))
			i++;
		if (i >= n)
			break;
		if (ntok == MAX_TOKENS || out->len >= PATTERN_MAX) {
			if (ntok)
				put(out, " ", 1);
			m->tok_off[ntok] = (uint32_t)out->len;
			m->tok_len[ntok] = 3;
			m->tok_flags[ntok] = TF_WILD;
			put(out, WILD, 3);
			ntok++;
			break;
		}
		a = i;
		j = mask_token_end(s, n, a, &f, &spans);
		if (ntok)
			put(out, &sep, 1);
		before = out->len;
		wild = false;
		if (spans) {
			mask_spans(out, s + a, j - a);
			wild = mask_is_wild(out->ptr + before, out->len - before);
		}
		else if (!(f & (K_DIGIT | K_SLOW | K_SPACE)) && j - a < 8)
			put(out, s + a, j - a);
		else
			wild = mask_token(out, s + a, j - a, f);
		if (out->len > before + PATTERN_MAX) {
			buf_truncate(out, before); /* a giant token: it and the rest become <*> */
			put(out, WILD, 3);
			j = n;
		} else if (j - a <= 4 && ntok && (m->tok_flags[ntok - 1] & TF_WILD) &&
			   (uw = unit_word(s + a, j - a))) {
			buf_truncate(out, before);
			put(out, WILD, 3);
			put(out, s + a + uw, j - a - uw);
			wild = true;
		}
		m->tok_off[ntok] = (uint32_t)before;
		m->tok_len[ntok] = (uint16_t)(out->len - before);
		m->tok_flags[ntok] = wild ? TF_WILD : 0;
		if (j - a <= 5 && !wild && (k = date_word(s + a, j - a))) {
			m->tok_flags[ntok] = (uint8_t)k;
			dates = true;
		}
		if (j - a == 2 && (lex_kls[u[a]] & (K_DIGIT | K_HEXL)) && (lex_kls[u[a + 1]] & (K_DIGIT | K_HEXL))) {
			m->tok_flags[ntok] |= TF_HEX2;
			run2++;
			hex2 = run2 > hex2 ? run2 : hex2;
		} else {
			run2 = 0;
		}
		ntok++;
		sep = j < n && u[j] == '|' ? '|' : ' ';
		i = j + (sep == '|');
	}
	m->ntok = ntok;
	if (dates)
		mask_dates(m, out);
	if (hex2 >= 4)
		mask_hexdump(m, out);
	return ntok;
}
