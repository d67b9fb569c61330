#include "common.h"
#include "harness.h"
#include "util/depline.h"

static const char *package(const char *line)
{
	static char out[128];

	return depline_package(line, strlen(line), out, sizeof(out)) ? out : NULL;
}

TEST(depline, the_package_each_manifest_line_names)
{
	ASSERT_STR_EQ(package("tokenlib[crypto]==3.2.0"), "tokenlib");
	ASSERT_STR_EQ(package("Requests>=2.31"), "requests");
	ASSERT_STR_EQ(package("    \"undici\": \"^6.19.2\","), "undici");
	ASSERT_STR_EQ(package("tokio = \"1.38\""), "tokio");
	ASSERT_STR_EQ(package("serde = { version = \"1.0.203\", features = [\"derive\"] }"), "serde");
	ASSERT_STR_EQ(package("\tgithub.com/acme/kit/v2 v2.5.0"), "github.com/acme/kit/v2");
	ASSERT_STR_EQ(package("require github.com/acme/kit v1.0.0"), "github.com/acme/kit");
	ASSERT_STR_EQ(package("gem 'faraday', '~> 2.9'"), "faraday");
	ASSERT_STR_EQ(package("    implementation(\"com.acme:ledger-client:2.1.0\")"), "ledger-client");
	ASSERT_STR_EQ(package("  <artifactId>jackson-databind</artifactId>"), "jackson-databind");
	ASSERT_STR_EQ(package("<PackageReference Include=\"Polly\" Version=\"8.4.0\" />"), "polly");
	/* comments, directives and prose name no package */
	ASSERT(!package("    #   via boto3"));
	ASSERT(!package("go 1.22"));
	ASSERT(!package("FROM python:3.12-slim"));
	ASSERT(!package(""));
}

TEST(depline, a_frame_inside_a_package)
{
	/* the import name without "py", '-' as '_', a Go module's folder with its version */
	ASSERT(depline_in_frame("pytokenlib", "File \"/venv/lib/python3.12/site-packages/tokenlib/claims.py\", line 8"));
	ASSERT(depline_in_frame("date-kit", "File \"/usr/lib/python3/dist-packages/date_kit/parse.py\", line 3"));
	ASSERT(depline_in_frame("undici", "at Pool.request (/app/node_modules/undici/lib/pool.js:88:11)"));
	ASSERT(depline_in_frame("github.com/acme/kit/v2",
				"/root/go/pkg/mod/github.com/acme/kit/v2@v2.5.0/conn.go:120 +0x1f"));
	ASSERT(depline_in_frame("jackson-databind",
				"at com.fasterxml.jackson.databind.ObjectMapper.readValue(ObjectMapper.java:3)"));
	/* the application's own folder of a similar name, or a name too short to tell */
	ASSERT(!depline_in_frame("tokenlib", "File \"/srv/app/tokenlib_helpers.py\", line 3"));
	ASSERT(!depline_in_frame("undici", "at handler (/app/src/undici-client.ts:12:3)"));
	ASSERT(!depline_in_frame("jackson-databind", "at com.acme.jackson.Mapper.read(Mapper.java:9)"));
	ASSERT(!depline_in_frame("pg", "at Client.query (/app/node_modules/pg/lib/client.js:5:1)"));
}
