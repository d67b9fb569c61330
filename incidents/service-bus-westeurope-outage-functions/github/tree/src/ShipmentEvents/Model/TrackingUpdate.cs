namespace Quayside.ShipmentEvents.Model;

public sealed record TrackingUpdate(string ShipmentId, long Sequence, string Status, string Carrier, DateTimeOffset At, string? Location);

public sealed record ShipmentEvent(string ShipmentId, string Type, string Carrier, DateTimeOffset At, string? Location, string? Raw);
