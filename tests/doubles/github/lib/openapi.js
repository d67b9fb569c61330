'use strict';
/*
 * GitHub's OpenAPI description as a contract: find the documented operation of a
 * request, check its parameters, headers and JSON body, and check (and shape) the
 * answers the double gives.
 */
const fs = require('node:fs');
const path = require('node:path');
const { Schemas } = require('./schema');

const GENERATED = path.join(__dirname, '..', 'node_modules', '@octokit', 'openapi', 'generated');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/* Media types GitHub documents for Accept (https://docs.github.com/rest/using-the-rest-api/getting-started-with-the-rest-api#media-types). */
const MEDIA = /^(\*\/\*|application\/json|application\/vnd\.github(\.v3)?(\.(raw|html|text|full|diff|patch|sha|object|base64))?(\+json)?|application\/vnd\.github\.[a-z0-9-]+-preview(\+json)?|text\/plain|application\/octet-stream)$/;
const API_VERSIONS = new Set(['2022-11-28']);

class Description {
	constructor(file) {
		this.file = file;
		this.spec = JSON.parse(fs.readFileSync(path.join(GENERATED, file), 'utf8'));
		this.schemas = new Schemas(this.spec);
		this.routes = [];
		for (const [template, item] of Object.entries(this.spec.paths)) {
			for (const method of METHODS) {
				const op = item[method];
				if (!op) continue;
				const params = [...(item.parameters || []), ...(op.parameters || [])].map((p) => this.schemas.resolve(p));
				const names = [];
				let literal = 0;
				let multi = false;
				const re = template.split('/').map((seg) => {
					const m = /^\{(.+)\}$/.exec(seg);
					if (!m) {
						literal += seg.length + 1;
						return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
					}
					names.push(m[1]);
					const p = params.find((x) => x.in === 'path' && x.name === m[1]);
					if (p && p['x-multi-segment']) {
						multi = true;
						return '(.+)';
					}
					return '([^/]+)';
				}).join('/');
				this.routes.push({ method: method.toUpperCase(), template, op, params, names, regex: new RegExp(`^${re}$`), literal, multi });
			}
		}
		this.routes.sort((a, b) => b.literal - a.literal || Number(a.multi) - Number(b.multi));
	}

	/* The operation for METHOD and a raw path (no query), with decoded path parameters. */
	match(method, rawPath) {
		let pathOnly = false;
		for (const r of this.routes) {
			const m = r.regex.exec(rawPath);
			if (!m) continue;
			if (r.method !== method) {
				pathOnly = true;
				continue;
			}
			const params = {};
			r.names.forEach((n, i) => {
				try { params[n] = decodeURIComponent(m[i + 1]); } catch (e) { params[n] = m[i + 1]; }
			});
			return { route: r, params };
		}
		return { route: null, pathOnly };
	}

	/* Coerce a query or path string to what the parameter's schema wants, for checking. */
	coerce(schema, raw) {
		const s = this.schemas.resolve(schema || {});
		const t = s.type || (s.oneOf && this.schemas.resolve(s.oneOf[0]).type);
		if (t === 'integer' && /^-?\d+$/.test(raw)) return Number(raw);
		if (t === 'number' && raw !== '' && !Number.isNaN(Number(raw))) return Number(raw);
		if (t === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
		if (t === 'array') return raw.split(',');
		return raw;
	}

	/*
	 * Check a request against its operation. Returns a list of violations (strings) and
	 * the parsed JSON body (or undefined).
	 */
	checkRequest(match, req, query, bodyBuf) {
		const v = [];
		const { route, params } = match;
		for (const p of route.params) {
			if (p.in === 'path') {
				for (const e of this.schemas.validate(p.schema, this.coerce(p.schema, params[p.name] ?? ''), `path parameter '${p.name}'`)) v.push(e);
			}
		}
		const declared = new Map(route.params.filter((p) => p.in === 'query').map((p) => [p.name, p]));
		for (const [name, values] of Object.entries(query)) {
			const p = declared.get(name);
			if (!p) {
				v.push(`query parameter '${name}' is not documented for ${route.op.operationId}`);
				continue;
			}
			if (values.length > 1) v.push(`query parameter '${name}' given ${values.length} times`);
			for (const e of this.schemas.validate(p.schema, this.coerce(p.schema, values[0]), `query parameter '${name}'`)) v.push(e);
		}
		for (const p of declared.values()) {
			if (p.required && !(p.name in query)) v.push(`required query parameter '${p.name}' is missing`);
		}
		const accept = req.headers.accept;
		if (accept) {
			for (const m of accept.split(',').map((x) => x.split(';')[0].trim()).filter(Boolean)) {
				if (!MEDIA.test(m)) v.push(`Accept '${m}' is not a GitHub media type`);
			}
		}
		const version = req.headers['x-github-api-version'];
		if (!version) v.push('header X-GitHub-Api-Version is missing');
		else if (!API_VERSIONS.has(version)) v.push(`X-GitHub-Api-Version '${version}' is not supported`);
		let body;
		const rb = route.op.requestBody ? this.schemas.resolve(route.op.requestBody) : null;
		if (bodyBuf.length) {
			const ct = (req.headers['content-type'] || '').split(';')[0].trim();
			if (!rb) v.push(`${route.op.operationId} takes no request body`);
			if (ct !== 'application/json') v.push(`Content-Type '${ct}' is not application/json`);
			try {
				body = JSON.parse(bodyBuf.toString('utf8'));
			} catch (e) {
				v.push(`the body is not JSON: ${e.message}`);
				return { violations: v, body: undefined, badJson: true };
			}
			if (rb) {
				const content = rb.content && (rb.content['application/json'] || Object.values(rb.content)[0]);
				if (content && content.schema) {
					for (const e of this.schemas.validate(content.schema, body, 'body', true)) v.push(e);
				}
			}
		} else if (rb && rb.required) {
			v.push(`${route.op.operationId} requires a request body`);
		}
		return { violations: v, body };
	}

	/* The documented JSON schema of an answer, or null (and whether the status is documented). */
	responseSchema(route, status) {
		const r = route.op.responses[String(status)] || route.op.responses.default;
		if (!r) return { documented: false, schema: null };
		const res = this.schemas.resolve(r);
		const content = res.content && (res.content['application/json'] || null);
		return { documented: true, schema: content ? content.schema : null };
	}
}

const loaded = new Map();
function description(file) {
	if (!loaded.has(file)) loaded.set(file, new Description(file));
	return loaded.get(file);
}

module.exports = { description };
