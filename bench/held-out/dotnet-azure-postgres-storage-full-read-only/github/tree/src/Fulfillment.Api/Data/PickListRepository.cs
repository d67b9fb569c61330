using Dapper;
using Npgsql;

namespace Fulfillment.Api.Data;

public sealed class PickListRepository
{
    private readonly NpgsqlDataSource _db;

    public PickListRepository(NpgsqlDataSource db) => _db = db;

    public async Task<PickList?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await _db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<PickList>(new CommandDefinition(
            """
            SELECT id, warehouse_code AS WarehouseCode, status, total_qty AS TotalQty,
                   picked_qty AS PickedQty, updated_at AS UpdatedAt
              FROM pick_lists
             WHERE id = @id
            """, new { id }, cancellationToken: ct));
    }

    // Called by the handheld scanners for every scanned item. One statement: the event
    // insert and the counter update commit together without a client-side transaction.
    public async Task<ScanResult> RecordScanAsync(Guid pickListId, ScanRequest scan, CancellationToken ct)
    {
        await using var conn = await _db.OpenConnectionAsync(ct);

        var picked = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            WITH ev AS (
                INSERT INTO pick_events (pick_list_id, line_no, sku, qty, scanned_by, scanned_at)
                VALUES (@PickListId, @LineNo, @Sku, @Qty, @ScannedBy, now())
                RETURNING pick_list_id, qty
            )
            UPDATE pick_lists p
               SET picked_qty = p.picked_qty + ev.qty,
                   updated_at = now()
              FROM ev
             WHERE p.id = ev.pick_list_id
            RETURNING p.picked_qty
            """,
            new { PickListId = pickListId, scan.LineNo, scan.Sku, scan.Qty, scan.ScannedBy },
            cancellationToken: ct));

        return new ScanResult(pickListId, picked);
    }

    public async Task<bool> CompleteAsync(Guid pickListId, CancellationToken ct)
    {
        await using var conn = await _db.OpenConnectionAsync(ct);
        var rows = await conn.ExecuteAsync(new CommandDefinition(
            """
            UPDATE pick_lists
               SET status = 'completed', completed_at = now(), updated_at = now()
             WHERE id = @pickListId AND status = 'open'
            """, new { pickListId }, cancellationToken: ct));
        return rows == 1;
    }
}
