/*
 * depline.h - which package a line of a dependency manifest names, and whether a stack
 * frame runs inside that package's code. Text only: no manifest is parsed whole.
 */
#ifndef AIOPS_UTIL_DEPLINE_H
#define AIOPS_UTIL_DEPLINE_H

#include "common.h"

/*
 * The package a manifest line names, lower case, into `out` (`size` bytes); false when
 * the line names none:
 *   requirements   pyjwt[crypto]==2.10.1, requests>=2.31        -> pyjwt, requests
 *   package.json   "undici": "^6.19.2"                          -> undici
 *   TOML, Cargo    tokio = "1.38", serde = { version = "1" }    -> tokio, serde
 *   go.mod         github.com/jackc/pgx/v5 v5.6.0               -> github.com/jackc/pgx/v5
 *   Gemfile        gem 'faraday', '~> 2.9'                      -> faraday
 *   Gradle         implementation("com.acme:ledger-client:2.1") -> ledger-client
 *   Maven, .NET    <artifactId>jackson-databind</artifactId>,
 *                  <PackageReference Include="Polly" .../>      -> jackson-databind, polly
 */
bool depline_package(const char *line, size_t len, char *out, size_t size);

/*
 * Whether the stack frame line `frame` runs inside package `name` (as depline_package
 * gives it): its file is under the package's folder ("site-packages/jwt/api_jwt.py" for
 * pyjwt: a leading "py" or "python-" goes, '-' reads as '_'; "node_modules/undici/",
 * "pkg/mod/github.com/jackc/pgx/v5@v5.6.0/"), or its qualified name holds each part of
 * the name as a segment ("com.fasterxml.jackson.databind.ObjectMapper" for
 * jackson-databind). Names of fewer than 3 letters never match.
 */
bool depline_in_frame(const char *name, const char *frame);

#endif
