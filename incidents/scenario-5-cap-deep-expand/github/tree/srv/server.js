'use strict'
const cds = require('@sap/cds')
const poolMonitor = require('./lib/pool-monitor')

const LOG = cds.log('maintenance')

cds.on('served', async () => {
  const f = cds.env.features
  LOG.info('effective cds.features:', {
    lean_draft: f.lean_draft,
    deep_read_compositions: f.deep_read_compositions,
    deep_read_max_depth: f.deep_read_max_depth
  })
  poolMonitor.start(await cds.connect.to('db'))
})

module.exports = cds.server
