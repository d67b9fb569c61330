'use strict';
/*
 * What the double remembers (issues, comments, labels, pull requests, dispatches) and
 * the handlers of the operations it implements, keyed by operationId. A handler gets
 * {params, query, body, req, accept, api, ghes} and returns {status, body} (JSON),
 * {status, raw, type} (other media types) or {status} (no content).
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const BOT = {
	login: 'aiops-agent[bot]',
	id: 41898282,
	node_id: 'MDM6Qm90NDE4OTgyODI=',
	avatar_url: 'https://avatars.githubusercontent.com/in/15368?v=4',
	gravatar_id: '',
	url: 'https://api.github.com/users/aiops-agent%5Bbot%5D',
	html_url: 'https://github.com/apps/aiops-agent',
	type: 'Bot',
	site_admin: false,
};

/* A workflow's GITHUB_TOKEN writes as this bot; a personal token as its user. */
const ACTIONS = { ...BOT, login: 'github-actions[bot]', id: 41898283, node_id: 'MDM6Qm90NDE4OTgyODM=',
	url: 'https://api.github.com/users/github-actions%5Bbot%5D', html_url: 'https://github.com/apps/github-actions' };
const USER = { ...BOT, login: 'double-user', id: 1001, node_id: 'MDQ6VXNlcjEwMDE=', type: 'User',
	url: 'https://api.github.com/users/double-user', html_url: 'https://github.com/double-user' };

function now() {
	return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

function readJson(file, dflt) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		if (e.code === 'ENOENT') return dflt;
		throw new Error(`cannot parse '${file}': ${e.message}`);
	}
}

function validationFailed(errors, message = 'Validation Failed') {
	return { status: 422, body: { message, errors, documentation_url: 'https://docs.github.com/rest', status: '422' } };
}

function notFound() {
	return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' } };
}

class State {
	/*
	 * `githubDir`: a scenario's github/ folder (repo.json, pulls.json, pulls/N.diff,
	 * pulls/N/files.json) or null. `repo`: the git side (lib/git.js Repo), built by the caller.
	 */
	constructor(githubDir, full, repoJson, repo, opts) {
		this.full = full;
		[this.owner, this.name] = full.split('/');
		this.repo = repo;
		this.opts = opts;
		this.repoJson = repoJson;
		this.html = repoJson.html_url || `https://github.com/${full}`;
		this.nextId = 5000000000;
		this.pulls = new Map();
		this.diffs = new Map();
		this.pullFiles = new Map();
		this.issues = new Map();
		this.comments = [];
		this.labels = new Map();
		this.dispatches = [];
		this.tokens = new Set(opts.tokens);
		this.appTokens = new Set(); /* issued to the App: it writes as BOT */
		this.workflows = new Set(opts.workflows);
		let max = 0;
		/* Recorded deployments (github/deployments.json), served by repos/list-deployments. */
		this.deployments = githubDir ? readJson(path.join(githubDir, 'deployments.json'), []) : [];
		if (githubDir) {
			for (const pr of readJson(path.join(githubDir, 'pulls.json'), [])) {
				this.pulls.set(pr.number, { ...pr, recorded: true });
				max = Math.max(max, pr.number);
				const diff = path.join(githubDir, 'pulls', `${pr.number}.diff`);
				if (fs.existsSync(diff)) this.diffs.set(pr.number, fs.readFileSync(diff, 'utf8'));
				const files = readJson(path.join(githubDir, 'pulls', String(pr.number), 'files.json'), null);
				if (files) this.pullFiles.set(pr.number, files);
				for (const l of pr.labels || []) this.label(l.name, l);
			}
		}
		this.nextNumber = max + 1;
	}

	id() {
		return this.nextId++;
	}

	label(name, seed) {
		if (!this.labels.has(name)) {
			const id = (seed && seed.id) || this.id();
			this.labels.set(name, {
				id,
				node_id: `LA_${id}`,
				url: `https://api.github.com/repos/${this.full}/labels/${encodeURIComponent(name)}`,
				name,
				description: (seed && seed.description) || '',
				color: (seed && seed.color) || 'ededed',
				default: false,
			});
		}
		return this.labels.get(name);
	}

	repository(api) {
		const r = this.repoJson;
		return {
			id: r.id || 1296269,
			node_id: r.node_id || 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
			name: this.name,
			full_name: this.full,
			private: r.private ?? true,
			owner: { login: this.owner, id: 1, node_id: 'MDQ6VXNlcjE=', type: 'Organization', site_admin: false,
				html_url: `https://github.com/${this.owner}`, url: `${api}/users/${this.owner}` },
			html_url: this.html,
			description: r.description ?? null,
			fork: false,
			url: `${api}/repos/${this.full}`,
			default_branch: this.repo.defaultBranch,
			visibility: 'private',
			created_at: '2024-01-01T00:00:00Z',
			updated_at: now(),
			pushed_at: now(),
			permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
		};
	}

	/* Who a request acts as, from its token: the App, a workflow, or a user. */
	actor(req) {
		const t = (req && req.headers.authorization || '').replace(/^(?:Bearer|token)\s+/i, '');
		if (this.appTokens.has(t)) return BOT;
		return t.startsWith('ghs_') ? ACTIONS : USER;
	}

	/* An issue somebody else opened (tests of what the agent may take as its own). */
	seedIssue(input) {
		const number = this.nextNumber++;
		const t = now();
		const labels = (input.labels || []).map(String);
		for (const l of labels) this.label(l);
		const login = String(input.user || 'outsider');
		this.issues.set(number, { number, id: this.id(), state: 'open', title: String(input.title || 'an issue'), body: input.body ?? null, labels, created_at: t, updated_at: t,
			user: { login, id: 7, node_id: 'MDQ6VXNlcjc=', type: 'User', site_admin: false, url: `https://api.github.com/users/${login}`, html_url: `https://github.com/${login}` } });
		return number;
	}

	/* An issue as GitHub answers it (pull requests are issues too). */
	issueView(it, api) {
		const out = {
			id: it.id,
			node_id: `I_${it.id}`,
			url: `${api}/repos/${this.full}/issues/${it.number}`,
			repository_url: `${api}/repos/${this.full}`,
			labels_url: `${api}/repos/${this.full}/issues/${it.number}/labels{/name}`,
			comments_url: `${api}/repos/${this.full}/issues/${it.number}/comments`,
			events_url: `${api}/repos/${this.full}/issues/${it.number}/events`,
			html_url: `${this.html}/${it.pull ? 'pull' : 'issues'}/${it.number}`,
			number: it.number,
			state: it.state,
			state_reason: it.state_reason || null,
			title: it.title,
			body: it.body ?? null,
			user: it.user || BOT,
			labels: it.labels.map((n) => this.label(n)),
			assignee: null,
			assignees: [],
			milestone: null,
			locked: false,
			active_lock_reason: null,
			comments: this.comments.filter((c) => c.issue === it.number).length,
			closed_at: it.closed_at || null,
			created_at: it.created_at,
			updated_at: it.updated_at,
			author_association: 'NONE',
		};
		if (it.pull) {
			out.pull_request = {
				url: `${api}/repos/${this.full}/pulls/${it.number}`,
				html_url: `${this.html}/pull/${it.number}`,
				diff_url: `${this.html}/pull/${it.number}.diff`,
				patch_url: `${this.html}/pull/${it.number}.patch`,
				merged_at: it.merged_at || null,
			};
		}
		return out;
	}

	/* Every issue and pull request, as issue records. */
	allIssues() {
		const list = [...this.issues.values()];
		for (const pr of this.pulls.values()) {
			if (pr.recorded) {
				list.push({
					number: pr.number, id: pr.id || pr.number, pull: true, state: pr.state || 'closed',
					title: pr.title, body: pr.body, labels: (pr.labels || []).map((l) => l.name),
					created_at: pr.created_at || '2026-01-01T00:00:00Z', updated_at: pr.updated_at || pr.created_at || '2026-01-01T00:00:00Z',
					closed_at: pr.closed_at, merged_at: pr.merged_at, user: pr.user,
				});
			}
		}
		return list;
	}

	pullView(pr, api) {
		if (pr.recorded) return { ...pr, recorded: undefined };
		const it = this.issues.get(pr.number);
		const repo = this.repository(api);
		const side = (ref, sha) => ({ label: `${this.owner}:${ref}`, ref, sha, user: repo.owner, repo });
		return {
			url: `${api}/repos/${this.full}/pulls/${pr.number}`,
			id: it.id,
			node_id: `PR_${it.id}`,
			html_url: `${this.html}/pull/${pr.number}`,
			diff_url: `${this.html}/pull/${pr.number}.diff`,
			patch_url: `${this.html}/pull/${pr.number}.patch`,
			issue_url: `${api}/repos/${this.full}/issues/${pr.number}`,
			commits_url: `${api}/repos/${this.full}/pulls/${pr.number}/commits`,
			review_comments_url: `${api}/repos/${this.full}/pulls/${pr.number}/comments`,
			review_comment_url: `${api}/repos/${this.full}/pulls/comments{/number}`,
			comments_url: `${api}/repos/${this.full}/issues/${pr.number}/comments`,
			statuses_url: `${api}/repos/${this.full}/statuses/${this.repo.resolve(pr.head) || pr.head_sha}`,
			number: pr.number,
			state: it.state,
			locked: false,
			title: it.title,
			user: BOT,
			body: it.body ?? null,
			labels: it.labels.map((n) => this.label(n)),
			milestone: null,
			active_lock_reason: null,
			created_at: it.created_at,
			updated_at: it.updated_at,
			closed_at: it.closed_at || null,
			merged_at: null,
			merge_commit_sha: null,
			assignee: null,
			assignees: [],
			requested_reviewers: [],
			requested_teams: [],
			head: side(pr.head, this.repo.resolve(pr.head) || pr.head_sha),
			base: side(pr.base, this.repo.resolve(pr.base) || ''),
			_links: {},
			author_association: 'NONE',
			auto_merge: null,
			draft: false,
			merged: false,
			mergeable: null,
			rebaseable: null,
			mergeable_state: 'unknown',
			merged_by: null,
			comments: 0,
			review_comments: 0,
			maintainer_can_modify: false,
			commits: 1,
			additions: 0,
			deletions: 0,
			changed_files: this.repo.files(pr.base, pr.head).length,
		};
	}

	snapshot() {
		return {
			repository: this.full,
			default_branch: this.repo.defaultBranch,
			issues: [...this.issues.values()].filter((i) => !i.pull).map((i) => ({ number: i.number, title: i.title, body: i.body, state: i.state, labels: i.labels, user: (i.user || BOT).login })),
			pulls: [...this.issues.values()].filter((i) => i.pull).map((i) => {
				const pr = this.pulls.get(i.number);
				return { number: i.number, title: i.title, body: i.body, state: i.state, labels: i.labels, head: pr.head, base: pr.base };
			}),
			comments: this.comments.map((c) => ({ id: c.id, issue: c.issue, body: c.body, user: (c.user || BOT).login })),
			labels: [...this.labels.keys()],
			dispatches: this.dispatches,
			repository_dispatches: this.repositoryDispatches || [],
			branches: this.repo.branches(),
			protected: this.repo.protectedBranches(),
			tokens_issued: [...this.tokens].filter((t) => t.startsWith('ghs_')).length,
		};
	}
}

/* Link header and the page of `items` that per_page/page select. */
function paginate(items, query, link) {
	const perPage = Math.min(100, Math.max(1, Number((query.per_page || [])[0] || 30)));
	const page = Math.max(1, Number((query.page || [])[0] || 1));
	const last = Math.max(1, Math.ceil(items.length / perPage));
	const rels = [];
	if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
	if (page > 1) rels.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`);
	return { items: items.slice((page - 1) * perPage, page * perPage), link: rels.join(', ') };
}

function q(query, name) {
	return query[name] ? query[name][0] : undefined;
}

function byField(field, dir) {
	return (a, b) => (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : a.number - b.number) * (dir === 'asc' ? 1 : -1);
}

/* Query terms of the search syntax: qualifiers and (quoted) words. */
function parseSearch(text) {
	const out = { quals: [], words: [] };
	const re = /(-?)([a-z_]+):("([^"]*)"|\S+)|"([^"]*)"|(\S+)/gi;
	let m;
	while ((m = re.exec(text))) {
		if (m[2]) out.quals.push({ neg: m[1] === '-', key: m[2].toLowerCase(), value: m[4] !== undefined ? m[4] : m[3] });
		else out.words.push((m[5] !== undefined ? m[5] : m[6]).toLowerCase());
	}
	return out;
}

function handlers(st) {
	const H = {};
	const repoOk = (p) => `${p.owner}/${p.repo}`.toLowerCase() === st.full.toLowerCase();
	const issueOf = (n) => st.issues.get(Number(n));

	H['repos/get'] = ({ params, api }) => (repoOk(params) ? { status: 200, body: st.repository(api) } : notFound());

	H['rate-limit/get'] = () => {
		const r = { limit: 5000, used: 1, remaining: 4999, reset: Math.floor(Date.now() / 1000) + 3600 };
		return { status: 200, body: { resources: { core: r, search: r }, rate: r } };
	};

	H['pulls/list'] = ({ params, query, api, link }) => {
		if (!repoOk(params)) return notFound();
		const state = q(query, 'state') || 'open';
		const sort = q(query, 'sort') || 'created';
		const dir = q(query, 'direction') || (sort === 'created' ? 'desc' : 'asc');
		const head = q(query, 'head');
		const base = q(query, 'base');
		let list = [...st.pulls.values()].map((pr) => st.pullView(pr, api));
		list = list.filter((pr) => state === 'all' || pr.state === state);
		if (head) list = list.filter((pr) => `${st.owner}:${pr.head.ref}` === head || (!head.includes(':') && pr.head.ref === head));
		if (base) list = list.filter((pr) => pr.base.ref === base);
		list.sort(byField(sort === 'updated' ? 'updated_at' : 'created_at', dir));
		const page = paginate(list, query, link);
		return { status: 200, body: page.items, link: page.link };
	};

	H['pulls/get'] = ({ params, accept, api }) => {
		const pr = st.pulls.get(Number(params.pull_number));
		if (!repoOk(params) || !pr) return notFound();
		if (/vnd\.github(\.v3)?\.(diff|patch)/.test(accept)) {
			const text = pr.recorded ? st.diffs.get(pr.number) : st.repo.diff(pr.base, pr.head);
			if (text === undefined) return notFound();
			return { status: 200, raw: text, type: `application/vnd.github.${/patch/.test(accept) ? 'patch' : 'diff'}; charset=utf-8` };
		}
		return { status: 200, body: st.pullView(pr, api) };
	};

	H['repos/list-deployments'] = ({ params, query, link }) => {
		if (!repoOk(params)) return notFound();
		const page = paginate(st.deployments, query, link);
		return { status: 200, body: page.items, link: page.link };
	};

	H['pulls/list-files'] = ({ params, query, link }) => {
		const pr = st.pulls.get(Number(params.pull_number));
		if (!repoOk(params) || !pr) return notFound();
		const files = pr.recorded ? st.pullFiles.get(pr.number) || [] : st.repo.files(pr.base, pr.head);
		const shaped = files.map((f) => ({ sha: f.sha || '0'.repeat(40), blob_url: '', raw_url: '', contents_url: '', ...f }));
		const page = paginate(shaped, query, link);
		return { status: 200, body: page.items, link: page.link };
	};

	H['pulls/create'] = ({ params, body, api }) => {
		if (!repoOk(params)) return notFound();
		const head = String(body.head || '').replace(new RegExp(`^${st.owner}:`), '');
		const base = String(body.base || '');
		if (!body.title && !body.issue) return validationFailed([{ resource: 'PullRequest', field: 'title', code: 'missing_field' }]);
		if (!st.repo.resolve(`refs/heads/${head}`)) return validationFailed([{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
		if (!st.repo.resolve(`refs/heads/${base}`)) return validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
		for (const pr of st.pulls.values()) {
			if (!pr.recorded && pr.head === head && pr.base === base && st.issues.get(pr.number).state === 'open') {
				return validationFailed([{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${st.owner}:${head}.` }]);
			}
		}
		const ahead = st.repo.git(['rev-list', '--count', `refs/heads/${base}..refs/heads/${head}`]).out.toString().trim();
		if (ahead === '0') return validationFailed([{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${head}` }]);
		const number = st.nextNumber++;
		const t = now();
		st.issues.set(number, { number, id: st.id(), pull: true, state: 'open', title: body.title, body: body.body ?? null, labels: [], created_at: t, updated_at: t });
		st.pulls.set(number, { number, head, base, head_sha: st.repo.resolve(`refs/heads/${head}`) });
		return { status: 201, body: st.pullView(st.pulls.get(number), api), headers: { Location: `${api}/repos/${st.full}/pulls/${number}` } };
	};

	H['pulls/update'] = ({ params, body, api }) => {
		const pr = st.pulls.get(Number(params.pull_number));
		if (!repoOk(params) || !pr || pr.recorded) return notFound();
		const it = st.issues.get(pr.number);
		if (body.title !== undefined) it.title = body.title;
		if (body.body !== undefined) it.body = body.body;
		if (body.state) {
			it.state = body.state;
			it.closed_at = body.state === 'closed' ? now() : null;
		}
		if (body.base) pr.base = body.base;
		it.updated_at = now();
		return { status: 200, body: st.pullView(pr, api) };
	};

	H['issues/list-for-repo'] = ({ params, query, api, link }) => {
		if (!repoOk(params)) return notFound();
		const state = q(query, 'state') || 'open';
		const labels = (q(query, 'labels') || '').split(',').map((s) => s.trim()).filter(Boolean);
		const sort = q(query, 'sort') || 'created';
		const dir = q(query, 'direction') || 'desc';
		const creator = (q(query, 'creator') || '').toLowerCase();
		let list = st.allIssues().filter((i) => state === 'all' || i.state === state);
		list = list.filter((i) => labels.every((l) => i.labels.includes(l)));
		if (creator) list = list.filter((i) => (i.user || BOT).login.toLowerCase() === creator);
		list.sort(byField(sort === 'updated' ? 'updated_at' : 'created_at', dir));
		const page = paginate(list, query, link);
		return { status: 200, body: page.items.map((i) => st.issueView(i, api)), link: page.link };
	};

	H['issues/create'] = ({ params, body, api, req }) => {
		if (!repoOk(params)) return notFound();
		if (body.title === undefined || body.title === '') return validationFailed([{ resource: 'Issue', field: 'title', code: 'missing_field' }]);
		const number = st.nextNumber++;
		const t = now();
		const labels = (body.labels || []).map((l) => (typeof l === 'string' ? l : l.name));
		for (const l of labels) st.label(l);
		st.issues.set(number, { number, id: st.id(), state: 'open', title: String(body.title), body: body.body ?? null, labels: [...new Set(labels)], created_at: t, updated_at: t, user: st.actor(req) });
		return { status: 201, body: st.issueView(st.issues.get(number), api), headers: { Location: `${api}/repos/${st.full}/issues/${number}` } };
	};

	H['issues/get'] = ({ params, api }) => {
		const it = issueOf(params.issue_number) || st.allIssues().find((i) => i.number === Number(params.issue_number));
		return repoOk(params) && it ? { status: 200, body: st.issueView(it, api) } : notFound();
	};

	H['issues/update'] = ({ params, body, api }) => {
		const it = issueOf(params.issue_number);
		if (!repoOk(params) || !it) return notFound();
		if (body.title !== undefined) it.title = String(body.title);
		if (body.body !== undefined) it.body = body.body;
		if (body.state) {
			it.state = body.state;
			it.state_reason = body.state_reason || (body.state === 'closed' ? 'completed' : null);
			it.closed_at = body.state === 'closed' ? now() : null;
		}
		if (body.labels) it.labels = body.labels.map((l) => (typeof l === 'string' ? l : l.name));
		it.updated_at = now();
		return { status: 200, body: st.issueView(it, api) };
	};

	H['issues/create-comment'] = ({ params, body, api, req }) => {
		const it = issueOf(params.issue_number);
		if (!repoOk(params) || !it) return notFound();
		const id = st.id();
		const t = now();
		const c = { id, issue: it.number, body: body.body, created_at: t, user: st.actor(req) };
		st.comments.push(c);
		it.updated_at = t;
		return {
			status: 201,
			body: {
				id, node_id: `IC_${id}`, url: `${api}/repos/${st.full}/issues/comments/${id}`,
				html_url: `${st.html}/${it.pull ? 'pull' : 'issues'}/${it.number}#issuecomment-${id}`,
				issue_url: `${api}/repos/${st.full}/issues/${it.number}`, body: body.body, user: c.user,
				created_at: t, updated_at: t, author_association: 'NONE',
			},
		};
	};

	H['issues/list-comments'] = ({ params, query, api, link }) => {
		const it = issueOf(params.issue_number);
		if (!repoOk(params) || !it) return notFound();
		const list = st.comments.filter((c) => c.issue === it.number).map((c) => ({
			id: c.id, node_id: `IC_${c.id}`, url: `${api}/repos/${st.full}/issues/comments/${c.id}`,
			html_url: `${st.html}/issues/${it.number}#issuecomment-${c.id}`, issue_url: `${api}/repos/${st.full}/issues/${it.number}`,
			body: c.body, user: c.user || BOT, created_at: c.created_at, updated_at: c.created_at, author_association: 'NONE',
		}));
		const page = paginate(list, query, link);
		return { status: 200, body: page.items, link: page.link };
	};

	H['issues/add-labels'] = ({ params, body }) => {
		const it = issueOf(params.issue_number);
		if (!repoOk(params) || !it) return notFound();
		const given = Array.isArray(body) ? body : body.labels || [];
		if (!given.length) return validationFailed([{ resource: 'Label', field: 'labels', code: 'missing_field' }]);
		for (const l of given) {
			const name = typeof l === 'string' ? l : l.name;
			st.label(name);
			if (!it.labels.includes(name)) it.labels.push(name);
		}
		it.updated_at = now();
		return { status: 200, body: it.labels.map((n) => st.label(n)) };
	};

	H['search/issues-and-pull-requests'] = ({ query, api }) => {
		const s = parseSearch(q(query, 'q') || '');
		let list = st.allIssues();
		for (const { neg, key, value } of s.quals) {
			const v = value.toLowerCase();
			let keep;
			if (key === 'repo') keep = (i) => st.full.toLowerCase() === v;
			else if (key === 'is' || key === 'type') keep = (i) => (v === 'issue' ? !i.pull : v === 'pr' || v === 'pull-request' ? i.pull : v === 'open' || v === 'closed' ? i.state === v : true);
			else if (key === 'state') keep = (i) => i.state === v;
			else if (key === 'label') keep = (i) => i.labels.map((l) => l.toLowerCase()).includes(v);
			else if (key === 'author') keep = (i) => (i.user || BOT).login.toLowerCase() === v;
			else keep = () => true; // in:, sort:, author: ... not modelled
			list = list.filter((i) => keep(i) !== neg);
		}
		list = list.filter((i) => s.words.every((w) => `${i.title}\n${i.body || ''}`.toLowerCase().includes(w)));
		list.sort(byField('number', 'desc'));
		return {
			status: 200,
			body: { total_count: list.length, incomplete_results: false, items: list.map((i) => ({ ...st.issueView(i, api), score: 1 })) },
		};
	};

	H['repos/get-content'] = ({ params, query, accept, api }) => {
		if (!repoOk(params)) return notFound();
		const ref = q(query, 'ref') || st.repo.defaultBranch;
		const p = params.path.replace(/^\/+|\/+$/g, '');
		if (!st.repo.resolve(ref)) return notFound();
		const obj = st.repo.object(ref, p);
		if (!obj) return notFound();
		const entry = (name, fp, o) => ({
			type: o.type === 'tree' ? 'dir' : 'file', size: o.size || 0, name, path: fp, sha: o.sha,
			url: `${api}/repos/${st.full}/contents/${fp}?ref=${encodeURIComponent(ref)}`,
			git_url: `${api}/repos/${st.full}/git/${o.type === 'tree' ? 'trees' : 'blobs'}/${o.sha}`,
			html_url: `${st.html}/${o.type === 'tree' ? 'tree' : 'blob'}/${ref}/${fp}`,
			download_url: o.type === 'tree' ? null : `https://raw.githubusercontent.com/${st.full}/${ref}/${fp}`,
			_links: { self: `${api}/repos/${st.full}/contents/${fp}`, git: `${api}/repos/${st.full}/git/blobs/${o.sha}`, html: `${st.html}/blob/${ref}/${fp}` },
		});
		if (obj.type === 'tree') {
			const list = st.repo.tree(`${ref}:${p}`, false) || [];
			return { status: 200, body: list.map((e) => entry(e.path, `${p}/${e.path}`, { type: e.type, sha: e.sha, size: e.size })) };
		}
		const bytes = st.repo.blob(obj.sha);
		if (/vnd\.github(\.v3)?\.raw/.test(accept)) return { status: 200, raw: bytes, type: 'application/vnd.github.raw' };
		const e = entry(path.basename(p), p, obj);
		if (obj.size > 1024 * 1024) return { status: 200, body: { ...e, encoding: 'none', content: '' } };
		const b64 = bytes.toString('base64').replace(/.{1,60}/g, '$&\n');
		return { status: 200, body: { ...e, encoding: 'base64', content: b64 } };
	};

	H['git/get-tree'] = ({ params, query, api }) => {
		if (!repoOk(params)) return notFound();
		const recursive = query.recursive !== undefined;
		const sha = st.repo.git(['rev-parse', '--verify', '--quiet', `${params.tree_sha}^{tree}`], { allowFail: true });
		if (!sha.ok) return notFound();
		const tsha = sha.out.toString().trim();
		const list = st.repo.tree(tsha, recursive) || [];
		return {
			status: 200,
			body: {
				sha: tsha, url: `${api}/repos/${st.full}/git/trees/${tsha}`, truncated: false,
				tree: list.map((e) => ({ path: e.path, mode: e.mode, type: e.type, sha: e.sha, ...(e.type === 'blob' ? { size: e.size } : {}), url: `${api}/repos/${st.full}/git/${e.type}s/${e.sha}` })),
			},
		};
	};

	H['git/get-ref'] = ({ params, api }) => {
		if (!repoOk(params)) return notFound();
		const ref = `refs/${params.ref}`;
		const sha = st.repo.resolve(ref);
		if (!sha) return notFound();
		return { status: 200, body: { ref, node_id: `REF_${sha.slice(0, 12)}`, url: `${api}/repos/${st.full}/git/${ref}`, object: { sha, type: 'commit', url: `${api}/repos/${st.full}/git/commits/${sha}` } } };
	};

	H['actions/create-workflow-dispatch'] = ({ params, body, api }) => {
		if (!repoOk(params)) return notFound();
		const wf = String(params.workflow_id);
		const inTree = st.repo.object(st.repo.defaultBranch, `.github/workflows/${wf}`);
		if (!st.workflows.has(wf) && !inTree) return notFound();
		const ref = String(body.ref || '');
		if (!st.repo.resolve(ref.replace(/^refs\/heads\//, 'refs/heads/')) && !st.repo.resolve(`refs/heads/${ref}`)) {
			return { status: 422, body: { message: `No ref found for: ${ref}`, documentation_url: 'https://docs.github.com/rest', status: '422' } };
		}
		const runId = st.id();
		st.dispatches.push({ workflow: wf, ref, inputs: body.inputs || {}, run_id: runId, at: now() });
		if (body.return_run_details) {
			return { status: 200, body: { workflow_run_id: runId, run_url: `${api}/repos/${st.full}/actions/runs/${runId}`, html_url: `${st.html}/actions/runs/${runId}` } };
		}
		return { status: 204 };
	};

	/* A personal token is a user; a workflow's or an App's installation token may not ask. */
	H['users/get-authenticated'] = ({ req }) => {
		const auth = (req.headers.authorization || '').replace(/^(?:Bearer|token)\s+/i, '');
		if (auth.startsWith('ghs_')) return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user', status: '403' } };
		return { status: 200, body: { ...USER, name: null, company: null, blog: '', location: null, email: null, hireable: null, bio: null, public_repos: 0, public_gists: 0, followers: 0, following: 0, created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z' } };
	};

	/* The App behind a JWT: its slug makes the login of what it writes ("<slug>[bot]"). */
	H['apps/get-authenticated'] = ({ req }) => {
		const jwt = (req.headers.authorization || '').replace(/^Bearer\s+/i, '');
		const why = verifyJwt(jwt, st.opts.app);
		if (why) return { status: 401, body: { message: why, documentation_url: 'https://docs.github.com/rest', status: '401' } };
		const slug = BOT.login.replace(/\[bot\]$/, '');
		return { status: 200, body: { id: Number(st.opts.app.id) || 1, slug, node_id: 'A_1', name: slug, description: '', external_url: 'https://example.invalid', html_url: `https://github.com/apps/${slug}`, created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z', owner: { login: st.owner, id: 1, node_id: 'MDQ6VXNlcjE=', type: 'Organization', site_admin: false }, permissions: { issues: 'write' }, events: [] } };
	};

	H['apps/create-installation-access-token'] = ({ params, req }) => {
		const auth = req.headers.authorization || '';
		const jwt = auth.replace(/^Bearer\s+/i, '');
		const why = verifyJwt(jwt, st.opts.app);
		if (why) return { status: 401, body: { message: why, documentation_url: 'https://docs.github.com/rest', status: '401' } };
		if (String(params.installation_id) !== String(st.opts.app.installation)) return notFound();
		const token = `ghs_${crypto.randomBytes(27).toString('base64').replace(/[^A-Za-z0-9]/g, 'x').slice(0, 36)}`;
		st.tokens.add(token);
		st.appTokens.add(token);
		return {
			status: 201,
			body: {
				token, expires_at: new Date(Date.now() + 3600e3).toISOString().replace(/\.\d+Z$/, 'Z'),
				permissions: { contents: 'write', issues: 'write', pull_requests: 'write', actions: 'write', metadata: 'read' },
				repository_selection: 'selected',
			},
		};
	};

	repositoryDispatch(st, H, repoOk);
	return H;
}

/*
 * POST /repos/{o}/{r}/dispatches (repos/create-dispatch-event), what the alert relays
 * send: recorded like the workflow dispatches. The schema (checked before this runs)
 * knows event_type's length and client_payload's 10 properties; its 64 KB total is
 * GitHub's documented limit too, and over it GitHub refuses the request.
 */
const CLIENT_PAYLOAD_MAX = 64 * 1024;

function repositoryDispatch(st, H, repoOk) {
	st.repositoryDispatches = st.repositoryDispatches || [];
	H['repos/create-dispatch-event'] = ({ params, body }) => {
		if (!repoOk(params)) return notFound();
		const size = Buffer.byteLength(JSON.stringify(body.client_payload || {}));
		if (size >= CLIENT_PAYLOAD_MAX) {
			return validationFailed([{ resource: 'Repository', field: 'client_payload', code: 'invalid' }],
				`client_payload is ${size} bytes: the total size must be less than 64KB`);
		}
		st.repositoryDispatches.push({ event_type: body.event_type, client_payload: body.client_payload || {}, at: now() });
		return { status: 204 };
	};
}

/* Why a GitHub App JWT is refused (GitHub's wording), or null when it is good. */
function verifyJwt(jwt, app) {
	if (!app || !app.key) return 'A JSON web token could not be decoded';
	const parts = jwt.split('.');
	if (parts.length !== 3) return 'A JSON web token could not be decoded';
	let header;
	let claims;
	try {
		header = JSON.parse(Buffer.from(parts[0], 'base64url').toString());
		claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString());
	} catch (e) {
		return 'A JSON web token could not be decoded';
	}
	if (header.alg !== 'RS256') return `'Expiration time' claim ('exp') is invalid: alg ${header.alg}`;
	const ok = crypto.verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), app.key, Buffer.from(parts[2], 'base64url'));
	if (!ok) return 'A JSON web token could not be decoded';
	const t = Math.floor(Date.now() / 1000);
	if (String(claims.iss) !== String(app.id)) return `Integration not found: iss ${claims.iss}`;
	if (typeof claims.exp !== 'number' || claims.exp <= t) return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
	if (typeof claims.iat !== 'number' || claims.iat > t + 60) return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
	if (claims.exp - claims.iat > 600) return "'Expiration time' claim ('exp') is too far in the future";
	return null;
}

module.exports = { State, handlers, readJson };
