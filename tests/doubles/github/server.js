#!/usr/bin/env node
'use strict';
/*
 * A GitHub double on loopback for aiops-agent's tests. See README.md for the options,
 * the control endpoints under /__double/ and what is checked.
 *
 *   node server.js --scenario incidents/scenario-1-oom-cache --token T [--protect main]
 *
 * prints one JSON line on stdout: {"port":..., "url":..., "api":..., "ghes_api":..., "git":...}
 */
const http = require('node:http');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { description } = require('./lib/openapi');
const { Repo, httpBackend } = require('./lib/git');
const { State, handlers, readJson } = require('./lib/state');
const { Actions, actionsHandlers, actionsControl } = require('./lib/actions');

const USAGE = `usage: server.js [--scenario DIR] [--repo OWNER/NAME] [--token TOKEN]...
       [--app-id ID --app-key PUBLIC.pem --installation ID] [--protect BRANCH]...
       [--workflow FILE]... [--deny PERMISSION]... [--workdir DIR] [--port N] [--watch-stdin]`;

function parseArgs(argv) {
	const o = { tokens: [], protect: [], workflows: [], deny: [], app: {}, port: 0 };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const val = () => {
			if (i + 1 >= argv.length) throw new Error(`${a} needs a value\n${USAGE}`);
			return argv[++i];
		};
		switch (a) {
		case '--scenario': o.scenario = val(); break;
		case '--repo': o.repo = val(); break;
		case '--token': o.tokens.push(val()); break;
		case '--app-id': o.app.id = val(); break;
		case '--app-key': o.app.key = fs.readFileSync(val(), 'utf8'); break;
		case '--installation': o.app.installation = val(); break;
		case '--protect': o.protect.push(val()); break;
		case '--workflow': o.workflows.push(val()); break;
		case '--deny': o.deny.push(val().replace('pull-requests', 'pull_requests')); break;
		case '--workdir': o.workdir = val(); break;
		case '--port': o.port = Number(val()); break;
		case '--watch-stdin': o.watchStdin = true; break;
		case '-h': case '--help': process.stdout.write(`${USAGE}\n`); process.exit(0); break;
		default: throw new Error(`unknown option '${a}'\n${USAGE}`);
		}
	}
	return o;
}

/* The permission an operation needs, for --deny and the x-accepted-github-permissions header. */
function permissionOf(opId, method) {
	const write = method !== 'GET' && method !== 'HEAD';
	if (opId.startsWith('issues/')) return write ? 'issues:write' : 'issues:read';
	if (opId.startsWith('pulls/')) return write ? 'pull_requests:write' : 'pull_requests:read';
	if (opId.startsWith('actions/')) return write ? 'actions:write' : 'actions:read';
	if (opId.startsWith('repos/get-content') || opId.startsWith('git/')) return write ? 'contents:write' : 'contents:read';
	if (opId === 'repos/create-dispatch-event') return 'contents:write';
	if (opId.startsWith('search/')) return 'issues:read';
	return 'metadata:read';
}

function main() {
	let o;
	try {
		o = parseArgs(process.argv.slice(2));
	} catch (e) {
		process.stderr.write(`server.js: ${e.message}\n`);
		process.exit(2);
	}
	if (!o.tokens.length && !o.app.id) o.tokens.push('ghs_doubleTokenForTests0123456789abcdef');
	let githubDir = null;
	if (o.scenario) {
		githubDir = fs.existsSync(path.join(o.scenario, 'github')) ? path.join(o.scenario, 'github') : o.scenario;
		if (!fs.existsSync(githubDir)) {
			process.stderr.write(`server.js: no such scenario folder '${o.scenario}'\n`);
			process.exit(2);
		}
	}
	const repoJson = githubDir ? readJson(path.join(githubDir, 'repo.json'), {}) : {};
	const full = o.repo || repoJson.full_name || 'octo-org/octo-repo';
	const ownWorkdir = !o.workdir;
	const workdir = o.workdir || fs.mkdtempSync(path.join(os.tmpdir(), 'github-double-'));
	const repo = new Repo(path.join(workdir, 'repos'), full.split('/')[0], full.split('/')[1], repoJson.default_branch || 'main');
	repo.init(githubDir ? path.join(githubDir, 'tree') : null);
	for (const b of o.protect) repo.protect(b, true);
	const st = new State(githubDir, full, repoJson, repo, o);
	const H = handlers(st);
	const ax = new Actions(st); /* workflow runs, jobs, logs behind a storage host (repair) */
	Object.assign(H, actionsHandlers(st, ax));
	const requests = [];
	const violations = [];
	let faults = [];
	let seq = 0;

	const cleanup = () => {
		ax.close();
		if (ownWorkdir) fs.rmSync(workdir, { recursive: true, force: true });
	};

	const server = http.createServer((req, res) => {
		handle(req, res).catch((e) => {
			violations.push({ kind: 'double', method: req.method, path: req.url, message: `the double failed: ${e.stack}` });
			if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ message: `double error: ${e.message}` }));
		});
	});

	function readBody(req, cap = 32 << 20) {
		return new Promise((resolve, reject) => {
			const chunks = [];
			let n = 0;
			req.on('data', (c) => {
				n += c.length;
				if (n <= cap) chunks.push(c);
			});
			req.on('end', () => resolve(Buffer.concat(chunks)));
			req.on('error', reject);
		});
	}

	function violation(rec, kind, message) {
		const v = { seq: rec.seq, kind, method: rec.method, path: rec.path, operation: rec.operation || null, message };
		violations.push(v);
		rec.violations.push(message);
	}

	/* The next fault for this request (and one use of it), if any. */
	function takeFault(method, url) {
		for (const f of faults) {
			if (f.remaining <= 0) continue;
			if (f.method && f.method !== method) continue;
			if (f.regex ? !new RegExp(f.regex).test(url) : !url.includes(f.match || '')) continue;
			f.remaining--;
			f.hits++;
			return f;
		}
		return null;
	}

	function sendJson(res, rec, status, body, headers = {}, truncate = false) {
		const text = body === undefined ? '' : JSON.stringify(body);
		rec.status = status;
		const h = {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Length': Buffer.byteLength(text),
			'X-GitHub-Api-Version-Selected': '2022-11-28',
			'X-GitHub-Request-Id': `DOUBLE:${rec.seq}`,
			'X-RateLimit-Limit': '5000',
			'X-RateLimit-Remaining': '4999',
			'X-RateLimit-Reset': String(Math.floor(Date.now() / 1000) + 3600),
			...headers,
		};
		if (status === 204 || body === undefined) {
			delete h['Content-Type'];
			h['Content-Length'] = 0;
		}
		res.writeHead(status, h);
		if (truncate && text.length > 1) {
			res.write(text.slice(0, Math.floor(text.length / 2)));
			setTimeout(() => res.socket && res.socket.destroy(), 10);
			return;
		}
		res.end(text);
	}

	async function applyFault(f, req, res, rec) {
		rec.fault = f.kind;
		switch (f.kind) {
		case '500':
		case '502':
		case '503':
		case '504':
			await readBody(req);
			sendJson(res, rec, Number(f.kind), { message: f.kind === '502' ? 'Bad Gateway' : 'Server Error' });
			return true;
		case '429':
			await readBody(req);
			sendJson(res, rec, 429, { message: 'API rate limit exceeded', documentation_url: 'https://docs.github.com/rest/rate-limit' },
				{ 'Retry-After': String(f.retry_after ?? 1), 'X-RateLimit-Remaining': '0' });
			return true;
		case '403-secondary':
			await readBody(req);
			sendJson(res, rec, 403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits' },
				{ 'Retry-After': String(f.retry_after ?? 1) });
			return true;
		case '403-ratelimit':
			await readBody(req);
			sendJson(res, rec, 403, { message: 'API rate limit exceeded for installation.' },
				{ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(Math.floor(Date.now() / 1000) + (f.retry_after ?? 1)) });
			return true;
		case 'reset':
			rec.status = 0;
			req.socket.destroy();
			return true;
		case 'slow':
			await new Promise((r) => setTimeout(r, f.delay_ms ?? 5000));
			return false; /* then answer normally, if anybody is still listening */
		case 'truncated':
			rec.truncate = true;
			return false;
		default:
			return false;
		}
	}

	function tokenOf(req) {
		const m = /^(?:Bearer|token)\s+(\S+)$/i.exec(req.headers.authorization || '');
		return m ? m[1] : null;
	}

	async function handle(req, res) {
		const url = new URL(req.url, 'http://double.invalid');
		if (url.pathname.startsWith('/__double/')) return control(req, res, url);
		const rec = {
			seq: ++seq, time: new Date().toISOString(), method: req.method, path: url.pathname + url.search,
			headers: req.headers, body: null, status: null, operation: null, kind: 'api', violations: [],
		};
		requests.push(rec);
		const f = takeFault(req.method, rec.path);
		if (f && await applyFault(f, req, res, rec)) return undefined;
		const git = /^\/([^/]+)\/([^/]+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/.exec(url.pathname);
		if (git) return gitRequest(req, res, url, rec, git);
		return apiRequest(req, res, url, rec);
	}

	async function apiRequest(req, res, url, rec) {
		const ghes = url.pathname === '/api/v3' || url.pathname.startsWith('/api/v3/');
		const desc = description(ghes ? 'ghes-3.19.json' : 'api.github.com.json');
		const p = ghes ? url.pathname.slice(7) || '/' : url.pathname;
		const bodyBuf = await readBody(req);
		if (bodyBuf.length) {
			const text = bodyBuf.slice(0, 65536).toString('utf8');
			try { rec.body = JSON.parse(text); } catch (e) { rec.body = text; }
		}
		const m = desc.match(req.method, p);
		if (!m.route) {
			violation(rec, 'unknown-operation', `${req.method} ${p} is not an operation of ${desc.file}${m.pathOnly ? ' (the path exists with another method)' : ''}`);
			return sendJson(res, rec, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
		}
		const op = m.route.op.operationId;
		rec.operation = op;
		const query = {};
		for (const [k, v] of url.searchParams) (query[k] = query[k] || []).push(v);
		const chk = desc.checkRequest(m, req, query, bodyBuf);
		for (const v of chk.violations) violation(rec, 'request', v);
		if (chk.badJson) return sendJson(res, rec, 400, { message: 'Problems parsing JSON' });
		if (op !== 'apps/create-installation-access-token' && op !== 'apps/get-authenticated') { /* JWT, checked by the handler */
			const token = tokenOf(req);
			if (!token || !st.tokens.has(token)) {
				rec.auth = token ? 'rejected' : 'missing';
				return sendJson(res, rec, 401, { message: token ? 'Bad credentials' : 'Requires authentication', documentation_url: 'https://docs.github.com/rest', status: '401' });
			}
			rec.auth = 'ok';
			const perm = permissionOf(op, req.method);
			if (o.deny.includes(perm)) {
				return sendJson(res, rec, 403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' },
					{ 'X-Accepted-GitHub-Permissions': perm.replace(':', '=') });
			}
		}
		const handler = H[op];
		if (!handler) {
			violation(rec, 'unimplemented', `${op} is documented but the double does not implement it`);
			return sendJson(res, rec, 501, { message: `not implemented by the GitHub double: ${op}` });
		}
		const host = `http://${req.headers.host}`;
		const api = ghes ? `${host}/api/v3` : host;
		const link = (page) => {
			const u = new URL(url.pathname + url.search, host);
			u.searchParams.set('page', String(page));
			return u.toString();
		};
		const out = handler({ params: m.params, query, body: chk.body || {}, req, accept: req.headers.accept || '', api, ghes, link });
		const headers = { ...(out.headers || {}) };
		if (out.link) headers.Link = out.link;
		if (out.raw !== undefined) {
			const bytes = Buffer.isBuffer(out.raw) ? out.raw : Buffer.from(out.raw);
			rec.status = out.status;
			res.writeHead(out.status, { 'Content-Type': out.type, 'Content-Length': bytes.length, ...headers });
			if (rec.truncate && bytes.length > 1) {
				res.write(bytes.slice(0, bytes.length >> 1));
				setTimeout(() => res.socket && res.socket.destroy(), 10);
				return undefined;
			}
			return res.end(bytes);
		}
		let body = out.body;
		const { documented, schema } = desc.responseSchema(m.route, out.status);
		if (!documented && out.status < 300) violation(rec, 'response', `status ${out.status} is not documented for ${op}`);
		if (schema && body !== undefined) {
			body = desc.schemas.shape(schema, body);
			for (const e of desc.schemas.validate(schema, body, 'response')) violation(rec, 'response', e);
		}
		return sendJson(res, rec, out.status, body, headers, rec.truncate);
	}

	function gitRequest(req, res, url, rec, m) {
		rec.kind = 'git';
		const [, owner, name, what] = m;
		if (`${owner}/${name}`.toLowerCase() !== full.toLowerCase()) {
			rec.status = 404;
			res.writeHead(404, { 'Content-Type': 'text/plain' });
			return res.end('Repository not found.\n');
		}
		const auth = /^Basic\s+(\S+)$/i.exec(req.headers.authorization || '');
		let user = null;
		let pass = null;
		if (auth) {
			const text = Buffer.from(auth[1], 'base64').toString();
			user = text.slice(0, text.indexOf(':'));
			pass = text.slice(text.indexOf(':') + 1);
		}
		if (!pass || !st.tokens.has(pass)) {
			rec.auth = pass ? 'rejected' : 'missing';
			rec.status = 401;
			res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="GitHub"', 'Content-Type': 'text/plain' });
			return res.end(pass ? 'Invalid username or token.\n' : 'Authentication required.\n');
		}
		rec.auth = 'ok';
		const push = what === 'git-receive-pack' || url.searchParams.get('service') === 'git-receive-pack';
		if (push && o.deny.includes('contents:write')) {
			rec.status = 403;
			res.writeHead(403, { 'Content-Type': 'text/plain' });
			return res.end(`Permission to ${full}.git denied to ${user}.\n`);
		}
		const info = `/${repo.owner}/${repo.name}.git/${what}`;
		return httpBackend(repo, req, res, info, url.search.slice(1), user || 'x-access-token', (status, stderr) => {
			rec.status = status;
			if (stderr.trim()) rec.stderr = stderr.trim();
		});
	}

	async function control(req, res, url) {
		const body = await readBody(req);
		let input = {};
		if (body.length) {
			try { input = JSON.parse(body.toString()); } catch (e) {
				res.writeHead(400, { 'Content-Type': 'application/json' });
				return res.end(JSON.stringify({ message: 'control body is not JSON' }));
			}
		}
		const reply = (status, value) => {
			res.writeHead(status, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(value, null, 1));
		};
		const what = url.pathname.slice('/__double/'.length);
		switch (`${req.method} ${what}`) {
		case 'GET requests': return reply(200, requests);
		case 'DELETE requests': requests.length = 0; return reply(200, { cleared: true });
		case 'GET violations': return reply(200, violations);
		case 'DELETE violations': violations.length = 0; return reply(200, { cleared: true });
		case 'GET state': return reply(200, st.snapshot());
		case 'GET faults': return reply(200, faults);
		case 'POST faults': {
			const kinds = ['500', '502', '503', '504', '429', '403-secondary', '403-ratelimit', 'slow', 'truncated', 'reset'];
			const f = { id: crypto.randomUUID(), kind: String(input.kind), match: input.match, regex: input.regex, method: input.method, remaining: input.count ?? 1, hits: 0, retry_after: input.retry_after, delay_ms: input.delay_ms };
			if (!kinds.includes(f.kind)) return reply(400, { message: `kind must be one of ${kinds.join(', ')}` });
			faults.push(f);
			return reply(201, f);
		}
		case 'DELETE faults': faults = []; return reply(200, { cleared: true });
		case 'POST protect': return reply(200, { protected: repo.protect(String(input.branch || repo.defaultBranch), input.on !== false) });
		case 'POST tokens': st.tokens.add(String(input.token)); return reply(200, { ok: true });
		case 'POST issues': return reply(201, { number: st.seedIssue(input) });
		case 'POST workflows': st.workflows.add(String(input.workflow)); return reply(200, { ok: true });
		case 'POST shutdown':
			reply(200, { bye: true });
			server.close();
			cleanup();
			return setTimeout(() => process.exit(0), 10);
		default: {
			const done = actionsControl(ax, `${req.method} ${what}`, input);
			if (done) return reply(done[0], done[1]);
			return reply(404, { message: `no control endpoint ${req.method} /__double/${what}` });
		}
		}
	}

	process.on('SIGTERM', () => { cleanup(); process.exit(0); });
	process.on('SIGINT', () => { cleanup(); process.exit(0); });
	if (o.watchStdin) {
		process.stdin.on('end', () => { cleanup(); process.exit(0); });
		process.stdin.on('error', () => { cleanup(); process.exit(0); });
		process.stdin.resume();
	}
	description('api.github.com.json'); /* load before answering, so the first request is not slow */
	ax.start().then((storage) => server.listen(o.port, '127.0.0.1', () => {
		const port = server.address().port;
		const base = `http://127.0.0.1:${port}`;
		process.stdout.write(`${JSON.stringify({ port, url: base, api: base, ghes_api: `${base}/api/v3`, git: `${base}/${full}.git`, repository: full, default_branch: repo.defaultBranch, tokens: o.tokens, workdir, storage })}\n`);
	}));
}

main();
