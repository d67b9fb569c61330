using Dapper;
using Tallyfreight.Dispatch.Api.Models;

namespace Tallyfreight.Dispatch.Api.Data;

public sealed class RouteRepository
{
    private readonly IDbConnectionFactory _db;

    public RouteRepository(IDbConnectionFactory db) => _db = db;

    public async Task<RouteSummary?> GetRouteAsync(Guid routeId, CancellationToken ct)
    {
        await using var conn = await _db.OpenAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<RouteSummary>(new CommandDefinition(
            """
            SELECT r.id, r.depot_code, r.driver_id, r.planned_start, r.status, count(s.id) AS stop_count
            FROM routes r LEFT JOIN route_stops s ON s.route_id = r.id
            WHERE r.id = @routeId
            GROUP BY r.id
            """,
            new { routeId }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<RouteStop>> GetStopsAsync(Guid routeId, int page, int pageSize, CancellationToken ct)
    {
        await using var conn = await _db.OpenAsync(ct);
        var rows = await conn.QueryAsync<RouteStop>(new CommandDefinition(
            """
            SELECT id, route_id, sequence, address_line, postcode, eta, status
            FROM route_stops
            WHERE route_id = @routeId
            ORDER BY sequence
            LIMIT @pageSize OFFSET @offset
            """,
            new { routeId, pageSize, offset = (page - 1) * pageSize }, cancellationToken: ct));
        return rows.AsList();
    }

    public async Task<int> RecordStopEventAsync(Guid routeId, Guid stopId, StopEvent evt, CancellationToken ct)
    {
        await using var conn = await _db.OpenAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO stop_events (route_id, stop_id, kind, occurred_at, lat, lon)
            SELECT @routeId, @stopId, @Kind, @OccurredAt, @Lat, @Lon
            WHERE EXISTS (SELECT 1 FROM route_stops WHERE id = @stopId AND route_id = @routeId)
            """,
            new { routeId, stopId, evt.Kind, evt.OccurredAt, evt.Lat, evt.Lon }, cancellationToken: ct));
    }
}
