using Dapper;
using Npgsql;

namespace Fulfillment.Api.Data;

public sealed class ShipmentRepository
{
    private readonly NpgsqlDataSource _db;

    public ShipmentRepository(NpgsqlDataSource db) => _db = db;

    public async Task<Label?> GetLabelAsync(Guid shipmentId, CancellationToken ct)
    {
        await using var conn = await _db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<Label>(new CommandDefinition(
            """
            SELECT shipment_id AS ShipmentId, carrier, tracking_number AS TrackingNumber, label_url AS LabelUrl
              FROM shipment_labels
             WHERE shipment_id = @shipmentId
             ORDER BY created_at DESC
             LIMIT 1
            """, new { shipmentId }, cancellationToken: ct));
    }

    public async Task InsertLabelAsync(Label label, string carrierPayload, CancellationToken ct)
    {
        await using var conn = await _db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO shipment_labels (shipment_id, carrier, tracking_number, label_url, label_payload, created_at)
            VALUES (@ShipmentId, @Carrier, @TrackingNumber, @LabelUrl, @Payload::jsonb, now())
            """,
            new { label.ShipmentId, label.Carrier, label.TrackingNumber, label.LabelUrl, Payload = carrierPayload },
            cancellationToken: ct));
    }
}
