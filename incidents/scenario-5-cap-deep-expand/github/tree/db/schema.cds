namespace alpenlog.fleet;

using {
  cuid,
  managed,
  Currency
} from '@sap/cds/common';

type OrderStatus : String(12) enum {
  Created   = 'CREATED';
  Released  = 'RELEASED';
  InWork    = 'IN_WORK';
  Done      = 'DONE';
  Cancelled = 'CANCELLED';
}

entity Plants {
  key code : String(4);
      name : String(60);
      city : String(60);
}

entity Equipment : cuid, managed {
  equipmentNo : String(18) @mandatory;
  description : String(120);
  plant       : Association to Plants;
  vin         : String(17);
  status      : String(12) default 'ACTIVE';
  mileageKm   : Integer;
}

entity SpareParts : cuid {
  partNo      : String(40) @mandatory;
  description : String(120);
  unit        : String(3);
  price       : Decimal(13, 2);
  currency    : Currency;
}

entity WorkOrders : cuid, managed {
  orderNo    : String(12);
  title      : String(120);
  status     : OrderStatus default 'CREATED';
  priority   : Integer default 3;
  plant      : Association to Plants;
  equipment  : Association to Equipment;
  dueDate    : Date;
  items      : Composition of many WorkOrderItems on items.workOrder = $self;
  operations : Composition of many WorkOrderOperations on operations.workOrder = $self;
  history    : Composition of many StatusHistory on history.workOrder = $self;
}

entity WorkOrderItems : cuid {
  workOrder : Association to WorkOrders;
  pos       : Integer;
  part      : Association to SpareParts;
  quantity  : Decimal(13, 3);
  unit      : String(3);
}

entity WorkOrderOperations : cuid {
  workOrder     : Association to WorkOrders;
  step          : Integer;
  description   : String(200);
  workCenter    : String(8);
  plannedHours  : Decimal(6, 2);
  confirmations : Composition of many OperationConfirmations on confirmations.operation = $self;
}

entity OperationConfirmations : cuid, managed {
  operation   : Association to WorkOrderOperations;
  technician  : String(60);
  actualHours : Decimal(6, 2);
  final       : Boolean default false;
  remark      : String(500);
}

entity StatusHistory : cuid, managed {
  workOrder : Association to WorkOrders;
  status    : OrderStatus;
  note      : String(500);
}

entity Notifications : cuid, managed {
  notificationNo : String(12);
  equipment      : Association to Equipment;
  description    : String(200);
  s4Status       : String(20);
  workOrder      : Association to WorkOrders;
}
