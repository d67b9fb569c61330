'use strict'
const cds = require('@sap/cds')

const LOG = cds.log('maintenance')
const SLOW_MS = 2000

// Server-side deep read for the work-order object page, behind the feature
// flag cds.features.deep_read_compositions. With the flag on, a READ of
// WorkOrders that carries no explicit $expand gets every composition
// expanded, recursively, down to cds.features.deep_read_max_depth levels,
// plus the to-one associations shown in the object page header. The page
// then renders items, operations, confirmations and history in one call.

const HEADER_ASSOCIATIONS = ['equipment', 'plant', 'part']

function expandColumns(entity, depth, maxDepth) {
  const columns = ['*']
  for (const name of HEADER_ASSOCIATIONS) {
    const assoc = entity.associations?.[name]
    if (assoc && !assoc.is2many) columns.push({ ref: [name], expand: ['*'] })
  }
  if (depth >= maxDepth) return columns
  for (const comp of Object.values(entity.compositions || {})) {
    columns.push({ ref: [comp.name], expand: expandColumns(comp._target, depth + 1, maxDepth) })
  }
  return columns
}

function compositionPaths(entity, maxDepth, prefix = '', depth = 0) {
  if (depth >= maxDepth) return []
  const paths = []
  for (const comp of Object.values(entity.compositions || {})) {
    const path = prefix + comp.name
    paths.push(path, ...compositionPaths(comp._target, maxDepth, path + '.', depth + 1))
  }
  return paths
}

function hasExplicitExpand(columns) {
  return Array.isArray(columns) && columns.some(c => c.expand)
}

/**
 * on('READ', WorkOrders) handler. Falls through to the generic handler when
 * the feature is off or when the client already asked for an $expand.
 */
async function readDeep(req, next) {
  const { deep_read_compositions, deep_read_max_depth = 2 } = cds.env.features
  const { SELECT } = req.query
  if (!deep_read_compositions || hasExplicitExpand(SELECT.columns)) return next()

  const entity = req.target
  const paths = compositionPaths(entity, deep_read_max_depth)
  LOG.info(`deep_read_compositions: expanding ${entity.name} -> ${paths.join(', ')} (depth ${deep_read_max_depth})`)

  SELECT.columns = expandColumns(entity, 0, deep_read_max_depth)
  const started = Date.now()
  const result = await next()
  const ms = Date.now() - started
  if (ms > SLOW_MS) {
    const roots = Array.isArray(result) ? result.length : 1
    LOG.warn(`deep read of ${entity.name} took ${ms} ms (${roots} root rows, depth ${deep_read_max_depth})`)
  }
  return result
}

module.exports = { readDeep, expandColumns, compositionPaths }
