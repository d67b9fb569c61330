namespace Fulfillment.Api;

public sealed record ScanRequest(int LineNo, string Sku, int Qty, string ScannedBy);

public sealed record ScanResult(Guid PickListId, int PickedQty);

public sealed record PickList(Guid Id, string WarehouseCode, string Status, int TotalQty, int PickedQty, DateTime UpdatedAt);

public sealed record LabelRequest(string Carrier, string ServiceLevel, decimal WeightKg);

public sealed record Label(Guid ShipmentId, string Carrier, string TrackingNumber, string LabelUrl);

public sealed record OutboxMessage(long Id, string Type, string Payload, DateTime CreatedAt);
