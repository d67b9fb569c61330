#!/usr/bin/env node
/*
 * relay.js - forwards Azure Monitor, Alertmanager and Grafana alert webhooks to GitHub as
 * repository_dispatch events, which start .github/workflows/alert-intake.yml. None of the
 * three can send GitHub's dispatch body ({event_type, client_payload}) or its
 * Authorization header themselves. Node.js >= 18, no dependencies (node:http, fetch), so
 * it runs as is in a container, on a VM or behind an Azure Functions custom handler.
 *
 *   POST /azure-monitor   Azure Monitor common alert schema  -> azure-monitor-alert
 *   POST /alertmanager    Alertmanager webhook (version 4)   -> alertmanager-alert
 *   POST /grafana         Grafana webhook contact point      -> grafana-alert
 *   POST /incident        a native alert.json                -> incident
 *   GET  /healthz         200 "ok"
 *
 * Environment:
 *   RELAY_TOKEN         the Bearer token senders must present (required). Azure action
 *                       groups cannot set headers: they may pass it as ?code=TOKEN instead
 *                       (as Azure Functions keys are passed); prefer the Logic App there.
 *   GITHUB_TOKEN        a token that may create repository dispatches (fine-grained:
 *                       Contents read and write on the one repository; classic: repo)
 *   GITHUB_REPOSITORY   owner/name
 *   GITHUB_API_URL      default https://api.github.com (GHES: https://HOST/api/v3)
 *   PORT, HOST          where to listen (default 8080 on 0.0.0.0)
 *   RELAY_ATTEMPTS      attempts per dispatch on 5xx or network errors (default 4)
 *   RELAY_BACKOFF_MS    the first retry's wait, doubled each time (default 1000)
 *
 * The dispatch: event_type by route; client_payload {fingerprint, alert} and, when the
 * alert had to be cut to fit GitHub's limits (10 top-level keys, under 64 KB in all),
 * `truncated`: what was dropped. The inbound token is never copied into it.
 */
'use strict';

const http = require('node:http');
const crypto = require('node:crypto');

const ROUTES = {
	'/azure-monitor': { eventType: 'azure-monitor-alert', key: azureKey },
	'/alertmanager': { eventType: 'alertmanager-alert', key: groupKey },
	'/grafana': { eventType: 'grafana-alert', key: groupKey },
	'/incident': { eventType: 'incident', key: nativeKey },
};
const PAYLOAD_MAX = 64 * 1024;  /* GitHub: "must be less than 64KB" */
const BODY_MAX = 4 << 20;       /* what a sender may post to the relay */
const HEADROOM = 1024;          /* for the `truncated` notes themselves */

/*
 * The incident an alert belongs to, stable across its notifications (firing, repeats,
 * resolved), so that alert-intake.yml's concurrency group queues them one after another.
 * Azure Monitor: the alert rule and the resources it fired on; alertId names one firing,
 * and a new one comes with the next, so it would not group repeats. Budget and cost
 * alerts have no rule and no target: the budget's id (alertContext.AlertData.BudgetId)
 * is used, whose alerts they are. Alertmanager and
 * Grafana: groupKey, the notification group (route and group_by labels), which is what
 * they send one notification for, and what the agent answers with one issue; per-alert
 * fingerprints would split one group's notification into several runs.
 */
function azureKey(body) {
	const e = (body && body.data && body.data.essentials) || {};
	const budget = (((body && body.data && body.data.alertContext) || {}).AlertData) || {};
	const cost = e.monitoringService === 'CostAlerts' && (budget.BudgetId || budget.BudgetName || e.alertId);
	const rule = e.alertRule || cost || e.originAlertId || '';
	const targets = (Array.isArray(e.alertTargetIDs) ? e.alertTargetIDs : []).map((t) => String(t).toLowerCase()).sort();
	if (!rule) return null;
	return `azure-monitor\n${String(rule).toLowerCase()}\n${targets.join('\n')}`;
}

function groupKey(body) {
	return body && typeof body.groupKey === 'string' && body.groupKey ? `group\n${body.groupKey}` : null;
}

/* A native alert: its own id, else its title, service and environment. */
function nativeKey(body) {
	if (!body || typeof body !== 'object') return null;
	if (body.incident_id) return `native\n${body.incident_id}`;
	if (!body.title || !body.service) return null;
	return `native\n${body.title}\n${body.service}\n${body.environment || ''}`;
}

function fingerprint(route, body) {
	const key = ROUTES[route] && ROUTES[route].key(body);
	return key ? crypto.createHash('sha256').update(key).digest('hex') : null;
}

const size = (v) => Buffer.byteLength(JSON.stringify(v));

/*
 * Where to cut: the largest value under `node`, followed down while one child holds at
 * least half of it (so a log search's result rows go, not the whole alertContext).
 */
function cutPoint(node, where) {
	let best = null;
	for (const [k, v] of Object.entries(node)) {
		if (v === null || (typeof v !== 'object' && typeof v !== 'string')) continue;
		const n = size(v);
		if (!best || n > best.size) best = { parent: node, key: k, path: `${where}.${k}`, size: n };
	}
	if (best && typeof best.parent[best.key] === 'object') {
		const inner = cutPoint(best.parent[best.key], best.path);
		if (inner && inner.size * 2 >= best.size) return inner;
	}
	return best;
}

/*
 * client_payload within GitHub's limits. In order: inline logs go (the workflow reads
 * logs by reference: client_payload.logs_path, a path in the repository); an
 * Alertmanager or Grafana group sheds alerts from its end, counted in truncatedAlerts as
 * Alertmanager itself counts those it could not send; then the largest value left is
 * replaced by a note, until the payload fits. Each cut is said in `truncated`.
 */
function fitPayload(fp, alert, extra = {}) {
	const payload = { fingerprint: fp, alert, ...extra };
	const notes = [];
	const limit = PAYLOAD_MAX - HEADROOM;
	if (size(payload) >= limit && typeof payload.logs === 'string') {
		notes.push(`logs: ${Buffer.byteLength(payload.logs)} bytes dropped; send logs_path instead`);
		delete payload.logs;
	}
	if (size(payload) >= limit && Array.isArray(alert.alerts) && alert.alerts.length > 1) {
		let cut = 0;
		while (size(payload) >= limit && alert.alerts.length > 1) {
			alert.alerts.pop();
			cut++;
		}
		alert.truncatedAlerts = (Number(alert.truncatedAlerts) || 0) + cut;
		notes.push(`alert.alerts: the last ${cut} dropped (counted in alert.truncatedAlerts)`);
	}
	while (size(payload) >= limit) {
		const big = cutPoint(payload.alert, 'alert');
		if (!big || big.size < 64) break;
		big.parent[big.key] = `[dropped by the relay: ${big.size} bytes]`;
		notes.push(`${big.path}: ${big.size} bytes dropped`);
	}
	if (notes.length) payload.truncated = notes;
	return payload;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/* POST /repos/{o}/{r}/dispatches; retried on 5xx and network errors with backoff. */
async function dispatch(cfg, eventType, clientPayload) {
	const url = `${cfg.api.replace(/\/+$/, '')}/repos/${cfg.repository}/dispatches`;
	const body = JSON.stringify({ event_type: eventType, client_payload: clientPayload });
	let last = '';
	for (let attempt = 1; attempt <= cfg.attempts; attempt++) {
		if (attempt > 1) await sleep(cfg.backoffMs * 2 ** (attempt - 2));
		let res;
		try {
			res = await fetch(url, {
				method: 'POST',
				headers: {
					Accept: 'application/vnd.github+json',
					Authorization: `Bearer ${cfg.githubToken}`,
					'Content-Type': 'application/json',
					'User-Agent': 'aiops-agent-relay',
					'X-GitHub-Api-Version': '2022-11-28',
				},
				body,
			});
		} catch (e) {
			last = `cannot reach ${url}: ${e.cause ? e.cause.code || e.cause.message : e.message}`;
			continue;
		}
		const text = await res.text();
		if (res.status === 204 || res.ok) return { ok: true, attempts: attempt };
		last = `GitHub answered ${res.status}: ${text.slice(0, 300)}`;
		if (res.status < 500) return { ok: false, status: res.status, message: last, attempts: attempt };
	}
	return { ok: false, status: 502, message: `${last} (after ${cfg.attempts} attempts)`, attempts: cfg.attempts };
}

/* The inbound token, in constant time: a Bearer header, or ?code= for Azure action groups. */
function authorized(req, url, token) {
	const h = req.headers.authorization || '';
	const given = h.startsWith('Bearer ') ? h.slice(7) : url.searchParams.get('code') || '';
	const a = crypto.createHash('sha256').update(given).digest();
	const b = crypto.createHash('sha256').update(token).digest();
	return given.length > 0 && crypto.timingSafeEqual(a, b);
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let n = 0;
		req.on('data', (c) => {
			n += c.length;
			if (n <= BODY_MAX) chunks.push(c);
		});
		req.on('end', () => (n > BODY_MAX ? reject(new Error('too large')) : resolve(Buffer.concat(chunks))));
		req.on('error', reject);
	});
}

function reply(res, status, body) {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
	res.end(text);
}

async function handle(cfg, req, res) {
	const url = new URL(req.url, 'http://relay');
	if (req.method === 'GET' && url.pathname === '/healthz') return reply(res, 200, { ok: true });
	const route = ROUTES[url.pathname];
	if (!route) return reply(res, 404, { error: `no route ${url.pathname}: POST /azure-monitor, /alertmanager, /grafana or /incident` });
	if (req.method !== 'POST') return reply(res, 405, { error: 'POST only' });
	if (!authorized(req, url, cfg.relayToken)) return reply(res, 401, { error: 'a Bearer token (or ?code=) is required and must match RELAY_TOKEN' });
	let alert;
	try {
		alert = JSON.parse((await readBody(req)).toString('utf8'));
	} catch (e) {
		return reply(res, e.message === 'too large' ? 413 : 400, { error: e.message === 'too large' ? `the body is over ${BODY_MAX} bytes` : `the body is not JSON: ${e.message}` });
	}
	if (!alert || typeof alert !== 'object' || Array.isArray(alert)) return reply(res, 400, { error: 'the body is not a JSON object' });
	const fp = fingerprint(url.pathname, alert);
	if (!fp) return reply(res, 400, { error: `not ${route.eventType === 'azure-monitor-alert' ? 'an Azure Monitor common-schema alert (data.essentials with its alertRule)' : route.eventType === 'incident' ? 'a native alert (title and service)' : 'a webhook with a groupKey'}` });
	const payload = fitPayload(fp, alert);
	const r = await dispatch(cfg, route.eventType, payload);
	if (!r.ok) {
		cfg.log(`relay: ${route.eventType} ${fp}: ${r.message}`);
		return reply(res, 502, { error: r.message, fingerprint: fp });
	}
	cfg.log(`relay: ${route.eventType} ${fp} dispatched${payload.truncated ? ' (truncated)' : ''}`);
	return reply(res, 202, { event_type: route.eventType, fingerprint: fp, truncated: payload.truncated || [], attempts: r.attempts });
}

function config(env) {
	const cfg = {
		relayToken: env.RELAY_TOKEN || '',
		githubToken: env.GITHUB_TOKEN || '',
		repository: env.GITHUB_REPOSITORY || '',
		api: env.GITHUB_API_URL || 'https://api.github.com',
		attempts: Math.max(1, Number(env.RELAY_ATTEMPTS || 4)),
		backoffMs: Math.max(0, Number(env.RELAY_BACKOFF_MS === undefined ? 1000 : env.RELAY_BACKOFF_MS)),
		log: (line) => console.error(line),
	};
	const missing = ['RELAY_TOKEN', 'GITHUB_TOKEN', 'GITHUB_REPOSITORY'].filter((k) => !env[k]);
	if (missing.length) throw new Error(`set ${missing.join(', ')}`);
	if (!/^[^/\s]+\/[^/\s]+$/.test(cfg.repository)) throw new Error(`GITHUB_REPOSITORY '${cfg.repository}': expected owner/name`);
	return cfg;
}

function createRelay(cfg) {
	return http.createServer((req, res) => {
		handle(cfg, req, res).catch((e) => {
			console.error(`relay: ${e.stack}`);
			if (!res.headersSent) reply(res, 500, { error: 'relay error' });
		});
	});
}

if (require.main === module) {
	let cfg;
	try {
		cfg = config(process.env);
	} catch (e) {
		console.error(`relay: ${e.message}`);
		process.exit(2);
	}
	const server = createRelay(cfg);
	server.listen(Number(process.env.PORT || 8080), process.env.HOST || '0.0.0.0', () => {
		const a = server.address();
		console.log(JSON.stringify({ url: `http://${a.address === '0.0.0.0' ? '127.0.0.1' : a.address}:${a.port}` }));
	});
	process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

module.exports = { createRelay, config, fingerprint, fitPayload, PAYLOAD_MAX };
