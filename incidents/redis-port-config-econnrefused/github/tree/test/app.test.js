'use strict';

const test = require('node:test');
const assert = require('node:assert');
const { SessionStoreError } = require('../src/lib/redisClient');

test('healthz answers 204', async () => {
  assert.ok(true);
});

test('SessionStoreError keeps the cause', () => {
  const cause = new Error('connect ECONNREFUSED 127.0.0.1:6379');
  const err = new SessionStoreError('session read failed', { cause });
  assert.strictEqual(err.cause, cause);
  assert.strictEqual(err.name, 'SessionStoreError');
});
