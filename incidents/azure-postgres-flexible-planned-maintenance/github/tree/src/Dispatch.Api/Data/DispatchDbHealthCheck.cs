using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tallyfreight.Dispatch.Api.Data;

public sealed class DispatchDbHealthCheck : IHealthCheck
{
    private readonly IDbConnectionFactory _db;

    public DispatchDbHealthCheck(IDbConnectionFactory db) => _db = db;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var conn = await _db.OpenAsync(ct);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT 1";
            await cmd.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message, ex);
        }
    }
}
