using {alpenlog.fleet as db} from '../db/schema';

/**
 * Maintenance planners and workshop staff: work orders with their items and
 * operations, plus the equipment and spare-part master data they refer to.
 */
service MaintenanceService @(requires: 'authenticated-user') {

  @odata.draft.enabled
  @cds.query.limit: {
    default: 50,
    max    : 500
  }
  entity WorkOrders          as projection on db.WorkOrders
    actions {
      action release()               returns WorkOrders;
      action complete(note : String) returns WorkOrders;
    };

  entity WorkOrderItems      as projection on db.WorkOrderItems;
  entity WorkOrderOperations as projection on db.WorkOrderOperations;
  entity OperationConfirmations as projection on db.OperationConfirmations;

  @readonly
  entity StatusHistory       as projection on db.StatusHistory;

  @readonly
  entity Equipment           as projection on db.Equipment;

  @readonly
  entity SpareParts          as projection on db.SpareParts;

  @readonly
  entity Plants              as projection on db.Plants;

  @readonly
  entity Notifications       as projection on db.Notifications;

  function openOrdersByPlant(plant : String) returns array of {
    plant : String;
    open  : Integer;
  };
}

annotate MaintenanceService.WorkOrders with @(restrict: [
  {
    grant: 'READ',
    to   : 'MaintenanceViewer'
  },
  {
    grant: '*',
    to   : 'MaintenancePlanner'
  }
]);
