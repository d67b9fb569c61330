'use strict';
/*
 * The double's repository: a real bare git repository built from a scenario's tree/,
 * read with the git CLI and served over smart HTTP by `git http-backend`.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const ENV = {
	...process.env,
	GIT_CONFIG_NOSYSTEM: '1',
	GIT_CONFIG_GLOBAL: '/dev/null',
	GIT_TERMINAL_PROMPT: '0',
	GIT_AUTHOR_NAME: 'octocat',
	GIT_AUTHOR_EMAIL: 'octocat@users.noreply.github.com',
	GIT_COMMITTER_NAME: 'GitHub',
	GIT_COMMITTER_EMAIL: 'noreply@github.com',
	GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
	GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};

/* The pre-receive hook: refuse updates of the branches listed in protected-branches. */
const HOOK = `#!/bin/sh
list="$GIT_DIR/protected-branches"
status=0
while read old new ref; do
	b=\${ref#refs/heads/}
	if [ -f "$list" ] && grep -qxF "$b" "$list"; then
		echo "error: GH006: Protected branch update failed for $ref." >&2
		echo "error: Changes must be made through a pull request." >&2
		status=1
	fi
done
exit $status
`;

class Repo {
	constructor(root, owner, name, defaultBranch) {
		this.root = path.resolve(root);
		this.owner = owner;
		this.name = name;
		this.defaultBranch = defaultBranch;
		this.dir = path.join(this.root, owner, `${name}.git`);
	}

	git(args, opts = {}) {
		const r = spawnSync('git', ['--git-dir', this.dir, ...args], {
			env: { ...ENV, ...(opts.env || {}) },
			cwd: opts.cwd,
			input: opts.input,
			maxBuffer: 256 << 20,
		});
		if (r.error) throw r.error;
		if (r.status !== 0 && !opts.allowFail) {
			throw new Error(`git ${args.join(' ')}: ${r.stderr.toString().trim()}`);
		}
		return { ok: r.status === 0, out: r.stdout, err: r.stderr.toString() };
	}

	/* Create the bare repository with one commit holding `treeDir` (may be missing). */
	init(treeDir) {
		fs.mkdirSync(path.dirname(this.dir), { recursive: true });
		const r = spawnSync('git', ['init', '-q', '--bare', '-b', this.defaultBranch, this.dir], { env: ENV });
		if (r.status !== 0) throw new Error(`git init: ${r.stderr}`);
		this.git(['config', 'http.receivepack', 'true']);
		this.git(['config', 'receive.denyDeleteCurrent', 'true']);
		fs.writeFileSync(path.join(this.dir, 'hooks', 'pre-receive'), HOOK, { mode: 0o755 });
		fs.writeFileSync(path.join(this.dir, 'protected-branches'), '');
		const index = path.join(this.dir, 'double-index');
		const work = path.resolve(treeDir && fs.existsSync(treeDir) ? treeDir : fs.mkdtempSync(path.join(this.root, 'empty-')));
		const env = { GIT_INDEX_FILE: index, GIT_WORK_TREE: work };
		this.git(['add', '-A', '--force', '.'], { env: { ...env }, cwd: work });
		const tree = this.git(['write-tree'], { env }).out.toString().trim();
		const commit = this.git(['commit-tree', tree, '-m', 'Initial state of the scenario'], { env }).out.toString().trim();
		this.git(['update-ref', `refs/heads/${this.defaultBranch}`, commit]);
		fs.rmSync(index, { force: true });
	}

	protect(branch, on) {
		const file = path.join(this.dir, 'protected-branches');
		const list = new Set(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean));
		if (on) list.add(branch); else list.delete(branch);
		fs.writeFileSync(file, [...list].map((b) => `${b}\n`).join(''));
		return [...list];
	}

	protectedBranches() {
		return fs.readFileSync(path.join(this.dir, 'protected-branches'), 'utf8').split('\n').filter(Boolean);
	}

	branches() {
		const out = this.git(['for-each-ref', '--format=%(refname:short) %(objectname)', 'refs/heads']).out.toString();
		const b = {};
		for (const line of out.split('\n').filter(Boolean)) {
			const [name, sha] = line.split(' ');
			b[name] = sha;
		}
		return b;
	}

	/* The commit a ref names, or null. */
	resolve(ref) {
		const r = this.git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { allowFail: true });
		return r.ok ? r.out.toString().trim() : null;
	}

	/* {type: 'blob'|'tree', sha, size} of ref:path, or null. */
	object(ref, p) {
		const spec = `${ref}:${p}`;
		const t = this.git(['cat-file', '-t', spec], { allowFail: true });
		if (!t.ok) return null;
		const sha = this.git(['rev-parse', spec]).out.toString().trim();
		const type = t.out.toString().trim();
		const size = type === 'blob' ? Number(this.git(['cat-file', '-s', sha]).out.toString().trim()) : 0;
		return { type, sha, size };
	}

	blob(sha) {
		return this.git(['cat-file', 'blob', sha]).out;
	}

	/* Entries of a tree: [{mode, type, sha, path, size}], recursive when asked. */
	tree(ref, recursive) {
		const args = ['ls-tree', '-l', '-z', ...(recursive ? ['-r', '-t'] : []), ref];
		const r = this.git(args, { allowFail: true });
		if (!r.ok) return null;
		return r.out.toString().split('\0').filter(Boolean).map((line) => {
			const tab = line.indexOf('\t');
			const [mode, type, sha, size] = line.slice(0, tab).split(/\s+/);
			return { mode, type, sha, size: size === '-' ? undefined : Number(size), path: line.slice(tab + 1) };
		});
	}

	diff(base, head) {
		const r = this.git(['diff', '--full-index', `${base}...${head}`], { allowFail: true });
		return r.ok ? r.out.toString() : '';
	}

	/* Changed files between base and head, in the shape of pulls/list-files. */
	files(base, head) {
		const r = this.git(['diff', '--numstat', '-z', `${base}...${head}`], { allowFail: true });
		if (!r.ok) return [];
		const names = this.git(['diff', '--name-status', '-z', `${base}...${head}`], { allowFail: true }).out.toString().split('\0').filter(Boolean);
		const status = {};
		for (let i = 0; i + 1 < names.length; i += 2) status[names[i + 1]] = names[i];
		return r.out.toString().split('\0').filter(Boolean).map((line) => {
			const [add, del, file] = line.split('\t');
			const s = status[file] || 'M';
			const a = Number(add) || 0;
			const d = Number(del) || 0;
			return {
				filename: file,
				status: s === 'A' ? 'added' : s === 'D' ? 'removed' : 'modified',
				additions: a,
				deletions: d,
				changes: a + d,
			};
		});
	}
}

/*
 * Serve one smart-HTTP request with `git http-backend` (CGI). `pathInfo` is
 * "/owner/name.git/info/refs" etc.; the request body is streamed to the backend and
 * its answer back to the client.
 */
function httpBackend(repo, req, res, pathInfo, query, user, onDone) {
	const env = {
		...ENV,
		GIT_PROJECT_ROOT: repo.root,
		GIT_HTTP_EXPORT_ALL: '1',
		PATH_INFO: pathInfo,
		REQUEST_METHOD: req.method,
		QUERY_STRING: query,
		CONTENT_TYPE: req.headers['content-type'] || '',
		REMOTE_USER: user,
		REMOTE_ADDR: req.socket.remoteAddress || '127.0.0.1',
		GATEWAY_INTERFACE: 'CGI/1.1',
		SERVER_PROTOCOL: 'HTTP/1.1',
	};
	if (req.headers['content-length']) env.CONTENT_LENGTH = req.headers['content-length'];
	if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = req.headers['content-encoding'];
	if (req.headers['git-protocol']) env.GIT_PROTOCOL = req.headers['git-protocol'];
	const child = spawn('git', ['http-backend'], { env });
	let head = Buffer.alloc(0);
	let headersDone = false;
	let stderr = '';
	child.stderr.on('data', (d) => { stderr += d.toString(); });
	child.stdout.on('data', (chunk) => {
		if (headersDone) {
			res.write(chunk);
			return;
		}
		head = Buffer.concat([head, chunk]);
		let end = head.indexOf('\r\n\r\n');
		let sep = 4;
		if (end < 0) {
			end = head.indexOf('\n\n');
			sep = 2;
		}
		if (end < 0) return;
		headersDone = true;
		let status = 200;
		const headers = {};
		for (const line of head.slice(0, end).toString().split(/\r?\n/)) {
			const i = line.indexOf(':');
			if (i < 0) continue;
			const k = line.slice(0, i).trim();
			const v = line.slice(i + 1).trim();
			if (k.toLowerCase() === 'status') status = parseInt(v, 10);
			else headers[k] = v;
		}
		res.writeHead(status, headers);
		res.write(head.slice(end + sep));
	});
	child.on('close', (code) => {
		if (!headersDone && !res.headersSent) {
			res.writeHead(500, { 'Content-Type': 'text/plain' });
			res.write(stderr);
		}
		res.end();
		onDone(res.statusCode, stderr);
	});
	child.stdin.on('error', () => {});
	req.pipe(child.stdin);
}

module.exports = { Repo, httpBackend };
