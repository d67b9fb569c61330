'use strict'

// Tiny in-process TTL cache for equipment master data. Equipment rarely
// changes during a shift, and every work-order create looked it up again.
const TTL_MS = Number(process.env.EQUIPMENT_CACHE_TTL_MS || 10 * 60 * 1000)
const MAX_ENTRIES = 5000

const entries = new Map()
let hits = 0
let misses = 0

async function get(id, load) {
  const now = Date.now()
  const hit = entries.get(id)
  if (hit && hit.expires > now) {
    hits++
    return hit.value
  }
  misses++
  const value = await load()
  if (value) {
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value)
    entries.set(id, { value, expires: now + TTL_MS })
  }
  return value
}

function stats() {
  return { size: entries.size, hits, misses }
}

function clear() {
  entries.clear()
}

module.exports = { get, stats, clear }
