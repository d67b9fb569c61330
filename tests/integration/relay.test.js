/*
 * relays/relay.js against the GitHub double (tests/doubles/github), which checks every
 * POST /repos/{o}/{r}/dispatches against GitHub's OpenAPI description and records it;
 * and relays/azure-logic-app.json, structurally. Run by relay.sh; one line per test,
 * ending with "relay: N passed, N failed". Nothing beyond loopback.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const assert = require('node:assert/strict');
const relay = require('../../relays/relay.js');

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/alerts');
const GH_TOKEN = 'ghs_relayTestGitHubToken0123456789abcdefAB';
const RELAY_TOKEN = 'relay-inbound-secret-7f3a9c1e5b2d4a6f8e0c';
let passed = 0;
let failed = 0;

async function test(name, fn) {
	try {
		await fn();
		console.log(`ok ${name}`);
		passed++;
	} catch (e) {
		console.log(`not ok ${name}`);
		console.log(String(e && e.stack ? e.stack : e).split('\n').slice(0, 8).map((l) => `    ${l}`).join('\n'));
		failed++;
	}
}

function startDouble() {
	return new Promise((resolve, reject) => {
		const child = spawn('node', [path.join(ROOT, 'tests/doubles/github/server.js'), '--scenario',
			path.join(ROOT, 'incidents/scenario-1-oom-cache'), '--token', GH_TOKEN, '--watch-stdin'],
		{ stdio: ['pipe', 'pipe', 'inherit'] });
		let line = '';
		child.stdout.on('data', (c) => {
			line += c;
			if (line.includes('\n')) resolve({ child, info: JSON.parse(line.split('\n')[0]) });
		});
		child.on('error', reject);
		child.on('exit', (code) => reject(new Error(`the double exited (${code})`)));
	});
}

async function ctl(info, method, what, body) {
	const r = await fetch(`${info.url}/__double/${what}`, { method, body: body && JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
	return r.json();
}

function listen(server) {
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

async function post(url, route, body, auth = `Bearer ${RELAY_TOKEN}`) {
	const r = await fetch(`${url}${route}`, {
		method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body),
		headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: auth } : {}) },
	});
	return { status: r.status, body: await r.json() };
}

const routeOf = (f) => (f.startsWith('azure-monitor.') ? '/azure-monitor' : f.startsWith('alertmanager.') ? '/alertmanager'
	: f.startsWith('grafana.') ? '/grafana' : '/incident');
const EVENT = { '/azure-monitor': 'azure-monitor-alert', '/alertmanager': 'alertmanager-alert', '/grafana': 'grafana-alert', '/incident': 'incident' };
const load = (f) => JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8'));
const bytes = (v) => Buffer.byteLength(JSON.stringify(v));

async function main() {
	const { child, info } = await startDouble();
	const cfg = relay.config({ RELAY_TOKEN, GITHUB_TOKEN: GH_TOKEN, GITHUB_REPOSITORY: info.repository, GITHUB_API_URL: info.api, RELAY_BACKOFF_MS: '0', RELAY_ATTEMPTS: '3' });
	cfg.log = () => {}; /* one line per test here */
	const server = relay.createRelay(cfg);
	const url = await listen(server);
	const dispatches = async () => (await ctl(info, 'GET', 'state')).repository_dispatches;
	const fixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();
	const full = fixtures.filter((f) => !f.includes('.alertContext.'));

	/* ---- every full payload of tests/fixtures/alerts reaches GitHub as it came ---- */
	for (const f of full) {
		await test(`${f} is dispatched whole as ${EVENT[routeOf(f)]}`, async () => {
			const before = (await dispatches()).length;
			const r = await post(url, routeOf(f), load(f));
			assert.equal(r.status, 202, JSON.stringify(r.body));
			const list = await dispatches();
			assert.equal(list.length, before + 1);
			const d = list[list.length - 1];
			assert.equal(d.event_type, EVENT[routeOf(f)]);
			assert.deepEqual(Object.keys(d.client_payload).sort(), ['alert', 'fingerprint']);
			assert.match(d.client_payload.fingerprint, /^[0-9a-f]{64}$/);
			assert.equal(d.client_payload.fingerprint, r.body.fingerprint);
			assert.deepEqual(d.client_payload.alert, load(f));
			assert.ok(!JSON.stringify(d).includes(RELAY_TOKEN), 'the inbound token was copied');
		});
	}

	/* an alertContext alone is no common-schema alert: refused, nothing dispatched */
	await test('a bare alertContext (no essentials) is refused with 400', async () => {
		const before = (await dispatches()).length;
		const r = await post(url, '/azure-monitor', load(fixtures.find((f) => f.includes('.alertContext.'))));
		assert.equal(r.status, 400);
		assert.match(r.body.error, /essentials/);
		assert.equal((await dispatches()).length, before);
	});

	/* ---- the fingerprint: one per incident, firing and resolved alike ------------- */
	await test('firing and resolved notifications of one group share the fingerprint (groupKey)', async () => {
		const am1 = relay.fingerprint('/alertmanager', load('alertmanager.01-firing-warning-group-2alerts.body.json'));
		const am4 = relay.fingerprint('/alertmanager', load('alertmanager.04-resolved-warning-group.body.json'));
		const am2 = relay.fingerprint('/alertmanager', load('alertmanager.02-firing-critical-group-3alerts.body.json'));
		assert.equal(am1, am4);
		assert.notEqual(am1, am2);
		assert.equal(relay.fingerprint('/grafana', load('grafana.01-firing-group-2alerts.docs.json')),
			relay.fingerprint('/grafana', load('grafana.02-resolved-group-derived.json')));
	});
	await test('Azure: rule and targets make the fingerprint, not the firing (alertId)', async () => {
		const a = load('azure-monitor.29.test-action.metric-static-threshold.full.json');
		const b = JSON.parse(JSON.stringify(a));
		b.data.essentials.alertId = '/subscriptions/x/providers/Microsoft.AlertsManagement/alerts/another-firing';
		b.data.essentials.monitorCondition = 'Resolved';
		assert.equal(relay.fingerprint('/azure-monitor', a), relay.fingerprint('/azure-monitor', b));
		b.data.essentials.alertTargetIDs = ['/subscriptions/x/resourcegroups/rg/providers/microsoft.web/sites/other'];
		assert.notEqual(relay.fingerprint('/azure-monitor', a), relay.fingerprint('/azure-monitor', b));
		const budget = relay.fingerprint('/azure-monitor', load('azure-monitor.32.test-action.budget.full.json'));
		const cost = relay.fingerprint('/azure-monitor', load('azure-monitor.33.test-action.cost-budget.full.json'));
		assert.ok(budget && cost && budget !== cost, 'two budgets, two fingerprints');
	});

	/* ---- the inbound token -------------------------------------------------------- */
	await test('no token, a wrong token: 401 and nothing dispatched; ?code= is accepted', async () => {
		const before = (await dispatches()).length;
		const a = load('alertmanager.01-firing-warning-group-2alerts.body.json');
		assert.equal((await post(url, '/alertmanager', a, null)).status, 401);
		assert.equal((await post(url, '/alertmanager', a, 'Bearer not-the-token')).status, 401);
		assert.equal((await dispatches()).length, before);
		const r = await post(url, `/alertmanager?code=${RELAY_TOKEN}`, a, null);
		assert.equal(r.status, 202);
		assert.equal((await dispatches()).length, before + 1);
	});
	await test('bad bodies and routes: 400, 404, 405', async () => {
		assert.equal((await post(url, '/alertmanager', '{not json')).status, 400);
		assert.equal((await post(url, '/alertmanager', { status: 'firing' })).status, 400);
		assert.equal((await post(url, '/elsewhere', {})).status, 404);
		assert.equal((await fetch(`${url}/grafana`)).status, 405);
		assert.equal((await fetch(`${url}/healthz`)).status, 200);
	});

	/* ---- GitHub's limits ------------------------------------------------------------ */
	await test('the double refuses a client_payload of 64 KB (422), as GitHub does', async () => {
		const r = await fetch(`${info.api}/repos/${info.repository}/dispatches`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${GH_TOKEN}`, Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28', 'Content-Type': 'application/json' },
			body: JSON.stringify({ event_type: 'incident', client_payload: { big: 'x'.repeat(70000) } }),
		});
		assert.equal(r.status, 422);
	});
	await test('a big Alertmanager group sheds alerts into truncatedAlerts and fits', async () => {
		const a = load('alertmanager.02-firing-critical-group-3alerts.body.json');
		const one = a.alerts[0];
		a.alerts = Array.from({ length: 400 }, (_, i) => ({ ...one, labels: { ...one.labels, pod: `checkout-api-${i}` }, fingerprint: `f${i}` }));
		a.truncatedAlerts = 2;
		const r = await post(url, '/alertmanager', a);
		assert.equal(r.status, 202, JSON.stringify(r.body));
		const d = (await dispatches()).pop();
		assert.ok(bytes(d.client_payload) < relay.PAYLOAD_MAX);
		const kept = d.client_payload.alert.alerts.length;
		assert.ok(kept > 10 && kept < 400, `${kept} alerts kept`);
		assert.equal(d.client_payload.alert.truncatedAlerts, 2 + 400 - kept);
		assert.match(d.client_payload.truncated.join('\n'), /alert\.alerts: the last \d+ dropped/);
	});
	await test('a log-search alert with huge results loses them, says so, keeps the rest', async () => {
		const a = load('azure-monitor.41.composed.log-search.platform.json');
		a.data.alertContext.SearchResults = { tables: [{ name: 'PrimaryResult', rows: Array.from({ length: 5000 }, (_, i) => [`row ${i}`, i]) }] };
		const r = await post(url, '/azure-monitor', a);
		assert.equal(r.status, 202, JSON.stringify(r.body));
		const d = (await dispatches()).pop();
		assert.ok(bytes(d.client_payload) < relay.PAYLOAD_MAX);
		assert.match(d.client_payload.alert.data.alertContext.SearchResults.tables[0].rows, /^\[dropped by the relay: \d+ bytes\]$/);
		assert.equal(d.client_payload.alert.data.alertContext.SearchResults.tables[0].name, 'PrimaryResult');
		assert.deepEqual(d.client_payload.alert.data.essentials, a.data.essentials);
		assert.deepEqual(d.client_payload.truncated, [d.client_payload.truncated[0]]);
		assert.match(d.client_payload.truncated[0], /^alert\.data\.alertContext\.SearchResults\.tables\.0\.rows: \d+ bytes dropped$/);
		assert.ok(Object.keys(d.client_payload).length <= 10);
	});
	await test('inline logs are dropped first (logs go by reference)', async () => {
		const p = relay.fitPayload('f'.repeat(64), load('native.checkout-db-pool.json'), { logs: 'line\n'.repeat(20000) });
		assert.equal(p.logs, undefined);
		assert.deepEqual(p.alert, load('native.checkout-db-pool.json'));
		assert.match(p.truncated[0], /^logs: 100000 bytes dropped; send logs_path instead$/);
	});

	/* ---- GitHub failing --------------------------------------------------------------- */
	await test('5xx answers are retried with backoff until one succeeds', async () => {
		await ctl(info, 'POST', 'faults', { kind: '503', match: '/dispatches', method: 'POST', count: 2 });
		const r = await post(url, '/grafana', load('grafana.01-firing-group-2alerts.docs.json'));
		assert.equal(r.status, 202, JSON.stringify(r.body));
		assert.equal(r.body.attempts, 3);
	});
	await test('GitHub down for good: 502 to the sender after RELAY_ATTEMPTS, the token kept out', async () => {
		await ctl(info, 'DELETE', 'faults');
		await ctl(info, 'POST', 'faults', { kind: '502', match: '/dispatches', method: 'POST', count: 3 });
		const r = await post(url, '/grafana', load('grafana.01-firing-group-2alerts.docs.json'));
		assert.equal(r.status, 502);
		assert.match(r.body.error, /after 3 attempts/);
		assert.ok(!JSON.stringify(r.body).includes(GH_TOKEN) && !JSON.stringify(r.body).includes(RELAY_TOKEN));
		await ctl(info, 'DELETE', 'faults');
	});
	await test('every dispatch request matched GitHub\'s OpenAPI description', async () => {
		const v = await ctl(info, 'GET', 'violations');
		/* the 422 above is GitHub's answer, not a violation; the double lists none */
		assert.deepEqual(v, []);
	});

	/* ---- the Logic App -------------------------------------------------------------- */
	await test('azure-logic-app.json: a Request trigger and an HTTP POST to /dispatches within the limits', async () => {
		const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'relays/azure-logic-app.json'), 'utf8'));
		const def = app.definition || app.properties.definition;
		assert.equal(Object.values(def.triggers)[0].type, 'Request');
		const https = [];
		const walk = (actions) => {
			for (const a of Object.values(actions || {})) {
				if (a.type === 'Http') https.push(a);
				walk(a.actions);
				walk(a.else && a.else.actions);
			}
		};
		walk(def.actions);
		assert.ok(https.length >= 1, 'no HTTP action');
		for (const h of https) {
			assert.equal(h.inputs.method, 'POST');
			assert.match(h.inputs.uri, /\/repos\/@\{parameters\('githubRepository'\)\}\/dispatches$/);
			assert.equal(h.inputs.body.event_type, 'azure-monitor-alert');
			const keys = Object.keys(h.inputs.body.client_payload);
			assert.ok(keys.length <= 10 && keys.includes('fingerprint') && keys.includes('alert'), keys.join());
			assert.match(h.inputs.headers.Authorization, /^Bearer @\{parameters\('githubToken'\)\}$/);
			assert.equal(h.inputs.headers['X-GitHub-Api-Version'], '2022-11-28');
			assert.ok(h.inputs.retryPolicy && h.inputs.retryPolicy.count >= 1);
		}
		assert.equal(def.parameters.githubToken.type, 'SecureString');
		/* the full alert goes only when it fits; else its essentials, said in `truncated` */
		const cond = Object.values(def.actions).find((a) => a.type === 'If');
		assert.ok(cond, 'no size condition');
		assert.match(JSON.stringify(cond.expression), /length/);
		assert.match(JSON.stringify(cond.expression), /6[0-9]{4}/);
		assert.ok(JSON.stringify(cond.else.actions).includes('truncated'));
	});

	server.close();
	child.stdin.end();
	console.log(`relay: ${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}

main().catch((e) => {
	console.log(`not ok relay suite (${e.message})`);
	console.log(`relay: ${passed} passed, ${failed + 1} failed`);
	process.exit(1);
});
