'use strict';
/*
 * Workflow runs, jobs and their logs, for `aiops-agent repair`: the operations
 * actions/get-workflow-run, actions/list-workflow-runs-for-repo,
 * actions/list-jobs-for-workflow-run, actions/download-job-logs-for-workflow-run (302 to
 * a storage host) and actions/re-run-workflow-failed-jobs, and the control endpoints
 * that set a test's scene (a fix pull request on a branch, a failed run with its logs).
 *
 * The storage host is a second loopback listener (another port: another origin, as
 * GitHub's blob storage is another host than api.github.com). It records every request
 * with its headers, so a test can assert that the token never reached it, and streams
 * logs: a job log may be generated on the fly ({bytes, line, tail}), so a 300 MB log is
 * never a file nor a string.
 */
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const crypto = require('node:crypto');

function now() {
	return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

class Actions {
	constructor(st) {
		this.st = st;
		this.runs = new Map();
		this.jobs = new Map();
		this.reruns = [];
		this.storageRequests = [];
		this.storage = null;
		this.storageUrl = null;
	}

	/* Start the storage host; resolves with its base URL. */
	start() {
		this.storage = http.createServer((req, res) => this.serveLog(req, res));
		return new Promise((resolve) => {
			this.storage.listen(0, '127.0.0.1', () => {
				this.storageUrl = `http://127.0.0.1:${this.storage.address().port}`;
				resolve(this.storageUrl);
			});
		});
	}

	close() {
		if (this.storage) this.storage.close();
	}

	serveLog(req, res) {
		const url = new URL(req.url, 'http://storage.invalid');
		this.storageRequests.push({ time: new Date().toISOString(), method: req.method, path: url.pathname + url.search, headers: req.headers });
		const m = /^\/logs\/(\d+)$/.exec(url.pathname);
		const job = m && this.jobs.get(Number(m[1]));
		if (!job || url.searchParams.get('sig') !== job.sig) {
			res.writeHead(403, { 'Content-Type': 'application/xml' });
			return res.end('<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code></Error>');
		}
		const log = job.log;
		if (log.bytes) return streamLog(res, log);
		const body = Buffer.from(log.file ? fs.readFileSync(log.file) : String(log.text || ''));
		res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length });
		return res.end(body);
	}

	/* A failed run with its jobs (control endpoint). */
	addRun(input) {
		const st = this.st;
		const id = st.id();
		const branch = String(input.head_branch || st.repo.defaultBranch);
		const sha = input.head_sha || st.repo.resolve(`refs/heads/${branch}`) || '0'.repeat(40);
		const prs = input.pull_request ? [Number(input.pull_request)] : [];
		const run = { id, branch, sha, conclusion: input.conclusion ?? 'failure', name: input.name || 'ci', path: input.path || '.github/workflows/ci.yml', event: input.event || 'pull_request', attempt: 1, prs, jobs: [], created_at: now() };
		for (const j of input.jobs || [{ name: 'build', conclusion: run.conclusion, log: { text: '' } }]) {
			const jid = st.id();
			this.jobs.set(jid, { id: jid, run: id, name: String(j.name || 'build'), conclusion: j.conclusion ?? 'failure', log: j.log || { text: '' }, sig: crypto.randomBytes(8).toString('hex') });
			run.jobs.push(jid);
		}
		this.runs.set(id, run);
		return { id, jobs: run.jobs };
	}

	runView(run, api) {
		const st = this.st;
		const repo = st.repository(api);
		const minimal = { id: repo.id, url: repo.url, name: repo.name };
		return {
			id: run.id, node_id: `WFR_${run.id}`, name: run.name, head_branch: run.branch, head_sha: run.sha,
			path: run.path, display_title: run.name, run_number: run.id % 1000, run_attempt: run.attempt,
			event: run.event, status: 'completed', conclusion: run.conclusion, workflow_id: 1,
			url: `${api}/repos/${st.full}/actions/runs/${run.id}`, html_url: `${st.html}/actions/runs/${run.id}`,
			created_at: run.created_at, updated_at: run.created_at,
			jobs_url: `${api}/repos/${st.full}/actions/runs/${run.id}/jobs`, logs_url: `${api}/repos/${st.full}/actions/runs/${run.id}/logs`,
			check_suite_url: `${api}/repos/${st.full}/check-suites/1`, cancel_url: `${api}/repos/${st.full}/actions/runs/${run.id}/cancel`,
			rerun_url: `${api}/repos/${st.full}/actions/runs/${run.id}/rerun`, artifacts_url: `${api}/repos/${st.full}/actions/runs/${run.id}/artifacts`,
			workflow_url: `${api}/repos/${st.full}/actions/workflows/1`,
			head_commit: { id: run.sha, tree_id: run.sha, message: 'fix', timestamp: run.created_at, author: null, committer: null },
			head_repository: repo, repository: repo,
			pull_requests: run.prs.map((n) => ({ id: n, number: n, url: `${api}/repos/${st.full}/pulls/${n}`,
				head: { ref: run.branch, sha: run.sha, repo: minimal }, base: { ref: st.repo.defaultBranch, sha: run.sha, repo: minimal } })),
		};
	}

	jobView(job, api) {
		const st = this.st;
		const run = this.runs.get(job.run);
		return {
			id: job.id, node_id: `J_${job.id}`, run_id: run.id, run_url: `${api}/repos/${st.full}/actions/runs/${run.id}`,
			run_attempt: run.attempt, head_sha: run.sha, head_branch: run.branch, workflow_name: run.name, name: job.name,
			url: `${api}/repos/${st.full}/actions/jobs/${job.id}`, html_url: `${st.html}/actions/runs/${run.id}/job/${job.id}`,
			status: 'completed', conclusion: job.conclusion, started_at: run.created_at, completed_at: run.created_at,
			created_at: run.created_at, check_run_url: `${api}/repos/${st.full}/check-runs/${job.id}`, labels: ['ubuntu-latest'],
			runner_id: 1, runner_name: 'GitHub Actions 1', runner_group_id: 1, runner_group_name: 'GitHub Actions',
			steps: [{ name: 'Set up job', status: 'completed', conclusion: 'success', number: 1 },
				{ name: 'Build', status: 'completed', conclusion: job.conclusion, number: 2 }],
		};
	}

	/*
	 * A branch made of `files` (path -> text; null deletes) on top of `from`, and an open
	 * pull request for it: the agent's own unless `user` says otherwise.
	 */
	addPull(input) {
		const st = this.st;
		const repo = st.repo;
		const head = String(input.head);
		const base = String(input.base || repo.defaultBranch);
		const work = fs.mkdtempSync(path.join(os.tmpdir(), 'double-pull-'));
		const env = { GIT_INDEX_FILE: path.join(work, 'index'), GIT_WORK_TREE: work };
		try {
			repo.git(['read-tree', `refs/heads/${base}`], { env });
			for (const [p, text] of Object.entries(input.files || {})) {
				if (text === null) {
					repo.git(['rm', '--cached', '-q', p], { env, cwd: work });
					continue;
				}
				const sha = repo.git(['hash-object', '-w', '--stdin'], { input: String(text) }).out.toString().trim();
				repo.git(['update-index', '--add', '--cacheinfo', `100644,${sha},${p}`], { env });
			}
			const tree = repo.git(['write-tree'], { env }).out.toString().trim();
			const parent = repo.resolve(`refs/heads/${base}`);
			const commit = repo.git(['commit-tree', tree, '-p', parent, '-m', input.message || 'The fix'], { env }).out.toString().trim();
			repo.git(['update-ref', `refs/heads/${head}`, commit]);
		} finally {
			fs.rmSync(work, { recursive: true, force: true });
		}
		const number = st.nextNumber++;
		const t = now();
		const labels = (input.labels || []).map(String);
		for (const l of labels) st.label(l);
		const user = input.user ? { login: String(input.user), id: 7, node_id: 'MDQ6VXNlcjc=', type: 'User', site_admin: false } : undefined;
		st.issues.set(number, { number, id: st.id(), pull: true, state: 'open', title: String(input.title || 'A fix'), body: input.body ?? null, labels, created_at: t, updated_at: t, user });
		st.pulls.set(number, { number, head, base, head_sha: repo.resolve(`refs/heads/${head}`) });
		return { number, head_sha: repo.resolve(`refs/heads/${head}`) };
	}

	snapshot() {
		return { runs: [...this.runs.values()].map((r) => ({ id: r.id, branch: r.branch, conclusion: r.conclusion, attempt: r.attempt, jobs: r.jobs })), reruns: this.reruns };
	}
}

/* A generated log: `line` repeated up to `bytes`, then `tail`, written as the socket drains. */
function streamLog(res, log) {
	const line = Buffer.from(String(log.line || 'noise\n'));
	const block = Buffer.concat(Array(Math.max(1, Math.floor((1 << 20) / line.length))).fill(line));
	const tail = Buffer.from(String(log.tail || ''));
	let left = Math.max(0, Number(log.bytes) - tail.length);
	res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': left + tail.length });
	const pump = () => {
		while (left > 0) {
			const chunk = left >= block.length ? block : block.subarray(0, left);
			left -= chunk.length;
			if (!res.write(chunk)) return res.once('drain', pump);
		}
		return res.end(tail);
	};
	res.on('error', () => {});
	pump();
}

/* The operations, keyed by operationId (merged into lib/state.js's handlers). */
function actionsHandlers(st, ax) {
	const H = {};
	const repoOk = (p) => `${p.owner}/${p.repo}`.toLowerCase() === st.full.toLowerCase();
	const notFound = () => ({ status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' } });
	const q = (query, name) => (query[name] ? query[name][0] : undefined);

	H['actions/get-workflow-run'] = ({ params, api }) => {
		const run = ax.runs.get(Number(params.run_id));
		return repoOk(params) && run ? { status: 200, body: ax.runView(run, api) } : notFound();
	};

	H['actions/list-workflow-runs-for-repo'] = ({ params, query, api }) => {
		if (!repoOk(params)) return notFound();
		const branch = q(query, 'branch');
		const list = [...ax.runs.values()].filter((r) => !branch || r.branch === branch).reverse();
		return { status: 200, body: { total_count: list.length, workflow_runs: list.map((r) => ax.runView(r, api)) } };
	};

	H['actions/list-jobs-for-workflow-run'] = ({ params, api }) => {
		const run = ax.runs.get(Number(params.run_id));
		if (!repoOk(params) || !run) return notFound();
		const jobs = run.jobs.map((id) => ax.jobView(ax.jobs.get(id), api));
		return { status: 200, body: { total_count: jobs.length, jobs } };
	};

	/* GitHub answers 302 to a signed storage URL on another host. */
	H['actions/download-job-logs-for-workflow-run'] = ({ params }) => {
		const job = ax.jobs.get(Number(params.job_id));
		if (!repoOk(params) || !job) return notFound();
		return { status: 302, headers: { Location: `${ax.storageUrl}/logs/${job.id}?sig=${job.sig}` } };
	};

	H['actions/re-run-workflow-failed-jobs'] = ({ params }) => {
		const run = ax.runs.get(Number(params.run_id));
		if (!repoOk(params) || !run) return notFound();
		ax.reruns.push({ run_id: run.id, at: now() });
		run.attempt++;
		return { status: 201, body: {} };
	};

	return H;
}

/* The control endpoints (`/__double/...`); null when `key` ("METHOD what") is not one of them. */
function actionsControl(ax, key, input) {
	switch (key) {
	case 'POST runs': return [201, ax.addRun(input)];
	case 'POST pulls': return [201, ax.addPull(input)];
	case 'GET storage': return [200, ax.storageRequests];
	case 'GET actions': return [200, ax.snapshot()];
	default: return null;
	}
}

module.exports = { Actions, actionsHandlers, actionsControl };
