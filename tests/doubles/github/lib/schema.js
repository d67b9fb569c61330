'use strict';
/*
 * A JSON Schema validator for the subset of OpenAPI 3.0 that GitHub's description uses:
 * $ref (local), allOf, oneOf/anyOf (with discriminator), nullable, type, enum,
 * properties, required, additionalProperties, items, min/maxItems, uniqueItems,
 * min/maxLength, pattern, minimum/maximum, min/maxProperties, format (date-time, date,
 * int32, int64). And the inverse: a minimal instance of a schema, to give answers the
 * shape the description promises.
 *
 * Strict mode (requests): an object property the schema does not list is an error,
 * unless the schema allows additionalProperties. GitHub silently ignores unknown fields,
 * which is exactly how typos ship; the double does not.
 *
 * oneOf is checked as anyOf: GitHub's alternatives sometimes overlap, and "more than
 * one matches" would be a false alarm about our client.
 */

class Schemas {
	constructor(spec) {
		this.spec = spec;
		this.cache = new Map();
	}

	resolve(schema) {
		let s = schema;
		for (let i = 0; s && s.$ref && i < 32; i++) {
			const ref = s.$ref;
			if (!ref.startsWith('#/')) throw new Error(`non-local $ref ${ref}`);
			let t = this.cache.get(ref);
			if (t === undefined) {
				t = ref.slice(2).split('/').reduce((o, k) => (o ? o[k.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), this.spec);
				this.cache.set(ref, t);
			}
			s = t;
		}
		return s || {};
	}

	/* Every property name an object schema (with its allOf parts) declares, or null when open. */
	declared(schema, seen = 0) {
		const s = this.resolve(schema);
		if (seen > 16) return null;
		if (s.additionalProperties === true || (s.additionalProperties && typeof s.additionalProperties === 'object' && Object.keys(s.additionalProperties).length === 0)) return null;
		if (s.additionalProperties && typeof s.additionalProperties === 'object') return null;
		let names = new Set(Object.keys(s.properties || {}));
		for (const part of s.allOf || []) {
			const sub = this.declared(part, seen + 1);
			if (sub === null) return null;
			for (const n of sub) names.add(n);
		}
		for (const alt of [...(s.oneOf || []), ...(s.anyOf || [])]) {
			const sub = this.declared(alt, seen + 1);
			if (sub === null) return null;
			for (const n of sub) names.add(n);
		}
		if (!s.properties && !s.allOf && !s.oneOf && !s.anyOf) return null;
		return names;
	}

	/*
	 * Errors of `value` against `schema`, as strings "<where>: <what>". `where` is a JSON
	 * pointer-ish path ("body.labels[0]").
	 */
	validate(schema, value, where = 'body', strict = false) {
		const errors = [];
		this._v(schema, value, where, strict, errors, 0);
		return errors;
	}

	_v(schema, value, where, strict, errors, depth) {
		if (depth > 64) return;
		const s = this.resolve(schema);
		if (value === null) {
			if (s.nullable || s.type === 'null') return;
			if ((s.oneOf || s.anyOf || []).some((alt) => this.validate(alt, null, where, strict).length === 0)) return;
			if (s.allOf && !s.type) {
				if (s.allOf.every((p) => this.validate(p, null, where, strict).length === 0)) return;
			}
			if (!s.type && !s.allOf && !s.oneOf && !s.anyOf && !s.enum) return; // any
			errors.push(`${where}: null is not allowed`);
			return;
		}
		if (s.allOf) {
			for (const part of s.allOf) this._v(part, value, where, false, errors, depth + 1);
		}
		const alts = s.oneOf || s.anyOf;
		if (alts) {
			let chosen = alts;
			if (s.discriminator && value && typeof value === 'object') {
				const key = value[s.discriminator.propertyName];
				const mapped = s.discriminator.mapping && s.discriminator.mapping[key];
				if (mapped) chosen = [{ $ref: mapped }];
			}
			const results = chosen.map((alt) => this.validate(alt, value, where, strict));
			if (!results.some((r) => r.length === 0)) {
				const best = results.reduce((a, b) => (b.length < a.length ? b : a));
				errors.push(`${where}: matches none of the ${chosen.length} alternatives (closest: ${best.slice(0, 3).join('; ')})`);
			}
		}
		if (s.enum && !s.enum.some((e) => e === value)) {
			errors.push(`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
			return;
		}
		const type = s.type;
		if (type && !this._type(type, value)) {
			errors.push(`${where}: expected ${type}, got ${kind(value)}`);
			return;
		}
		if (typeof value === 'string') {
			if (s.minLength !== undefined && value.length < s.minLength) errors.push(`${where}: shorter than ${s.minLength}`);
			if (s.maxLength !== undefined && value.length > s.maxLength) errors.push(`${where}: longer than ${s.maxLength}`);
			if (s.pattern) {
				let re = null;
				try { re = new RegExp(s.pattern, 'u'); } catch (e) { re = null; }
				if (re && !re.test(value)) errors.push(`${where}: does not match /${s.pattern}/`);
			}
			if (s.format === 'date-time' && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)$/.test(value)) errors.push(`${where}: not an RFC 3339 date-time`);
			if (s.format === 'date' && !/^\d{4}-\d\d-\d\d$/.test(value)) errors.push(`${where}: not a date`);
		}
		if (typeof value === 'number') {
			if (s.minimum !== undefined && value < s.minimum) errors.push(`${where}: below ${s.minimum}`);
			if (s.maximum !== undefined && value > s.maximum) errors.push(`${where}: above ${s.maximum}`);
			if (s.format === 'int32' && (value < -2147483648 || value > 2147483647)) errors.push(`${where}: out of int32 range`);
		}
		if (Array.isArray(value)) {
			if (s.minItems !== undefined && value.length < s.minItems) errors.push(`${where}: fewer than ${s.minItems} items`);
			if (s.maxItems !== undefined && value.length > s.maxItems) errors.push(`${where}: more than ${s.maxItems} items`);
			if (s.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) errors.push(`${where}: items are not unique`);
			if (s.items) value.forEach((v, i) => this._v(s.items, v, `${where}[${i}]`, strict, errors, depth + 1));
		} else if (value && typeof value === 'object') {
			const props = s.properties || {};
			for (const r of s.required || []) {
				if (!(r in value)) errors.push(`${where}: missing required property '${r}'`);
			}
			const n = Object.keys(value).length;
			if (s.maxProperties !== undefined && n > s.maxProperties) errors.push(`${where}: more than ${s.maxProperties} properties`);
			if (s.minProperties !== undefined && n < s.minProperties) errors.push(`${where}: fewer than ${s.minProperties} properties`);
			const known = strict ? this.declared(s) : null;
			for (const [k, v] of Object.entries(value)) {
				if (props[k]) {
					this._v(props[k], v, `${where}.${k}`, strict, errors, depth + 1);
				} else if (s.additionalProperties && typeof s.additionalProperties === 'object') {
					this._v(s.additionalProperties, v, `${where}.${k}`, strict, errors, depth + 1);
				} else if (s.additionalProperties === false || (known && !known.has(k))) {
					errors.push(`${where}: unknown property '${k}'`);
				}
			}
		}
	}

	_type(type, value) {
		switch (type) {
		case 'string': return typeof value === 'string';
		case 'integer': return typeof value === 'number' && Number.isInteger(value);
		case 'number': return typeof value === 'number';
		case 'boolean': return typeof value === 'boolean';
		case 'array': return Array.isArray(value);
		case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value);
		case 'null': return value === null;
		default: return true;
		}
	}

	/*
	 * A minimal instance: required properties only, nullable ones null (which also ends
	 * recursion), the first enum value, formats honoured.
	 */
	skeleton(schema, depth = 0) {
		const s = this.resolve(schema);
		if (depth > 24) return null;
		if (s.allOf) {
			let out = {};
			for (const part of s.allOf) {
				const v = this.skeleton(part, depth + 1);
				if (v && typeof v === 'object' && !Array.isArray(v)) out = { ...out, ...v };
				else if (v !== undefined && v !== null) return v;
			}
			return out;
		}
		if (s.oneOf || s.anyOf) {
			const alts = s.oneOf || s.anyOf;
			const pick = alts.find((a) => !this.resolve(a).nullable) || alts[0];
			return this.skeleton(pick, depth + 1);
		}
		if (s.nullable && depth > 0) return null;
		if (s.enum) return s.enum.find((e) => e !== null) ?? null;
		if (s.example !== undefined && s.type !== 'object' && s.type !== 'array') return s.example;
		switch (s.type) {
		case 'object': {
			const out = {};
			for (const r of s.required || []) {
				const p = (s.properties || {})[r];
				out[r] = p ? this.skeleton(p, depth + 1) : null;
			}
			return out;
		}
		case 'array': return [];
		case 'integer': return s.minimum !== undefined ? s.minimum : 1;
		case 'number': return 0;
		case 'boolean': return false;
		case 'string':
			if (s.format === 'date-time') return '2026-01-01T00:00:00Z';
			if (s.format === 'date') return '2026-01-01';
			if (s.format === 'uri' || s.format === 'uri-template') return 'https://example.invalid/';
			if (s.format === 'email') return 'noreply@example.invalid';
			return s.minLength ? 'x'.repeat(s.minLength) : '';
		default:
			return null;
		}
	}

	/*
	 * `data` in the shape of `schema`: the skeleton with data laid over it, recursively,
	 * so partial recordings (a user with only "login") still answer with every required
	 * field. For alternatives, the first that validates wins.
	 */
	shape(schema, data, depth = 0) {
		const s = this.resolve(schema);
		if (depth > 24 || data === undefined) return data === undefined ? this.skeleton(s, depth) : data;
		if (data === null) return null;
		if (s.oneOf || s.anyOf) {
			const alts = s.oneOf || s.anyOf;
			let first;
			for (const alt of alts) {
				const v = this.shape(alt, data, depth + 1);
				if (first === undefined) first = v;
				if (this.validate(alt, v).length === 0) return v;
			}
			return first;
		}
		if (s.allOf) {
			let out = data;
			for (const part of s.allOf) out = this.shape(part, out, depth + 1);
			return out;
		}
		if (Array.isArray(data)) return s.items ? data.map((v) => this.shape(s.items, v, depth + 1)) : data;
		if (typeof data !== 'object') return data;
		const out = {};
		const props = s.properties || {};
		for (const r of s.required || []) {
			if (!(r in data)) out[r] = props[r] ? this.skeleton(props[r], depth + 1) : null;
		}
		for (const [k, v] of Object.entries(data)) out[k] = props[k] ? this.shape(props[k], v, depth + 1) : v;
		return out;
	}
}

function kind(v) {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'array';
	if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
	return typeof v;
}

module.exports = { Schemas };
