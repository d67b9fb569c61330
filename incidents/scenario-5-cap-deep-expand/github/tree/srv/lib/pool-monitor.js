'use strict'
const cds = require('@sap/cds')

const LOG = cds.log('db-pool')
const INTERVAL_MS = 60000

// Periodic snapshot of the generic-pool instances behind cds.db, so that pool
// pressure shows up in the logs before requests start to time out.
function snapshot(db) {
  const { max, acquireTimeoutMillis } = db.options.pool || {}
  for (const [tenant, pool] of Object.entries(db.pools)) {
    if (tenant === '_factory' || !pool) continue
    const stats = {
      size: pool.size,
      available: pool.available,
      borrowed: pool.borrowed,
      pending: pool.pending
    }
    if (pool.borrowed >= pool.max && pool.pending > 0) {
      LOG.error(`Pool is exhausted: size=${stats.size} available=${stats.available} borrowed=${stats.borrowed} pending=${stats.pending} (max ${max}, acquireTimeoutMillis ${acquireTimeoutMillis})`)
    } else if (pool.pending > 0) {
      LOG.warn('pool under pressure', stats)
    } else {
      LOG.debug('pool stats', stats)
    }
  }
}

function start(db) {
  const timer = setInterval(() => snapshot(db), INTERVAL_MS)
  timer.unref()
  LOG.info(`pool monitor started (every ${INTERVAL_MS / 1000}s)`)
}

module.exports = { start, snapshot }
