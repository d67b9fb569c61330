using Dapper;
using Npgsql;

namespace Fulfillment.Api.Data;

public sealed class OutboxRepository
{
    private readonly NpgsqlDataSource _db;

    public OutboxRepository(NpgsqlDataSource db) => _db = db;

    public async Task<IReadOnlyList<OutboxMessage>> ClaimBatchAsync(int batchSize, CancellationToken ct)
    {
        await using var conn = await _db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<OutboxMessage>(new CommandDefinition(
            """
            UPDATE outbox
               SET claimed_at = now()
             WHERE id IN (SELECT id FROM outbox
                           WHERE dispatched_at IS NULL
                             AND (claimed_at IS NULL OR claimed_at < now() - interval '1 minute')
                           ORDER BY id
                           LIMIT @batchSize
                           FOR UPDATE SKIP LOCKED)
            RETURNING id, type, payload::text AS Payload, created_at AS CreatedAt
            """, new { batchSize }, cancellationToken: ct));
        return rows.AsList();
    }

    public async Task MarkDispatchedAsync(IEnumerable<long> ids, CancellationToken ct)
    {
        await using var conn = await _db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET dispatched_at = now() WHERE id = ANY(@ids)",
            new { ids = ids.ToArray() }, cancellationToken: ct));
    }
}
