'use strict';

const Redis = require('ioredis');
const config = require('config');
const logger = require('./logger');

/** Raised when the session store (Redis) cannot be read or written; `cause` holds the ioredis error. */
class SessionStoreError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'SessionStoreError';
  }
}

const redis = new Redis({
  host: config.get('redis.host'),
  port: config.get('redis.port'),
  db: config.get('redis.db'),
  tls: config.get('redis.tls') ? {} : undefined,
  maxRetriesPerRequest: 3,
  connectTimeout: 2000,
});

// ECONNREFUSED / ETIMEDOUT while (re)connecting end up here; commands wait in the offline
// queue and fail with MaxRetriesPerRequestError after 3 attempts.
redis.on('error', (err) => logger.error({ err }, 'redis connection error'));

/**
 * @param {string} sid session id from the wc_sid cookie
 * @returns {Promise<object|null>} the session, or null when it expired
 */
async function readSession(sid) {
  let raw;
  try {
    raw = await redis.get(`sess:${sid}`);
  } catch (err) {
    throw new SessionStoreError('session read failed', { cause: err });
  }
  return raw ? JSON.parse(raw) : null;
}

/**
 * @param {string} sid
 * @param {object} data
 * @param {number} ttlSeconds
 */
async function writeSession(sid, data, ttlSeconds) {
  try {
    await redis.set(`sess:${sid}`, JSON.stringify(data), 'EX', ttlSeconds);
  } catch (err) {
    throw new SessionStoreError('session write failed', { cause: err });
  }
}

module.exports = { redis, readSession, writeSession, SessionStoreError };
