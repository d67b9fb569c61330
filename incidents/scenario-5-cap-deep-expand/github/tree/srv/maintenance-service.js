'use strict'
const cds = require('@sap/cds')
const { readDeep } = require('./lib/deep-read')
const equipmentCache = require('./lib/equipment-cache')

const LOG = cds.log('maintenance')

module.exports = class MaintenanceService extends cds.ApplicationService {
  async init() {
    const { WorkOrders, Equipment, StatusHistory } = this.entities

    this.on('READ', WorkOrders, readDeep)

    this.before('CREATE', WorkOrders, async req => {
      const { equipment_ID } = req.data
      if (!equipment_ID) return req.error(400, 'EQUIPMENT_REQUIRED', ['equipment_ID'])
      const eq = await equipmentCache.get(equipment_ID, () =>
        SELECT.one.from(Equipment, equipment_ID).columns('ID', 'status', 'plant_code')
      )
      if (!eq) return req.error(404, 'EQUIPMENT_NOT_FOUND', [equipment_ID])
      if (eq.status === 'SCRAPPED') return req.reject(409, 'EQUIPMENT_SCRAPPED', [equipment_ID])
      req.data.plant_code ??= eq.plant_code
    })

    this.on('release', WorkOrders, async req => {
      const [{ ID }] = req.params
      const wo = await SELECT.one.from(WorkOrders, ID).columns('status')
      if (!wo) return req.reject(404)
      if (wo.status !== 'CREATED') return req.reject(409, 'ORDER_NOT_RELEASABLE', [ID, wo.status])
      await UPDATE(WorkOrders, ID).with({ status: 'RELEASED' })
      await INSERT.into(StatusHistory).entries({ workOrder_ID: ID, status: 'RELEASED' })
      LOG.info('work order released', { ID, user: req.user.id })
      return SELECT.one.from(WorkOrders, ID)
    })

    this.on('complete', WorkOrders, async req => {
      const [{ ID }] = req.params
      const { note } = req.data
      await UPDATE(WorkOrders, ID).with({ status: 'DONE' })
      await INSERT.into(StatusHistory).entries({ workOrder_ID: ID, status: 'DONE', note })
      return SELECT.one.from(WorkOrders, ID)
    })

    this.on('openOrdersByPlant', async req => {
      const { plant } = req.data
      const rows = await SELECT.from(WorkOrders)
        .columns('plant_code as plant', 'count(1) as open')
        .where({ status: { in: ['CREATED', 'RELEASED', 'IN_WORK'] } })
        .and(plant ? { plant_code: plant } : {})
        .groupBy('plant_code')
      return rows
    })

    return super.init()
  }
}
