using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SeatReservation.Api.Manifests;

namespace SeatReservation.Api.Health;

/// <summary>
/// Reports the free space of the shared data volume (manifests and log files).
/// Degraded below 10 % free; never Unhealthy, so a full volume does not take the pods out of
/// the load balancer: crews still need the manifests that are already written.
/// </summary>
public sealed class DiskSpaceHealthCheck(IOptions<ManifestOptions> options) : IHealthCheck
{
    private const double DegradedBelowPercent = 10.0;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var root = Path.GetDirectoryName(options.Value.Root.TrimEnd('/')) ?? "/";
        var drive = new DriveInfo(root);
        var freePercent = 100.0 * drive.AvailableFreeSpace / drive.TotalSize;
        var message = $"{freePercent:0.0}% free ({drive.AvailableFreeSpace / (1024 * 1024)} MiB of {drive.TotalSize / (1024.0 * 1024 * 1024):0.0} GiB) on {root}";
        return Task.FromResult(freePercent < DegradedBelowPercent
            ? HealthCheckResult.Degraded(message)
            : HealthCheckResult.Healthy(message));
    }
}

/// <summary>The report itself is logged by DefaultHealthCheckService; nothing else to publish yet.</summary>
public sealed class LoggingHealthCheckPublisher : IHealthCheckPublisher
{
    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken) => Task.CompletedTask;
}
