using Amazon.CloudWatch;
using Amazon.CloudWatch.Model;
using Kestrel.Ledger.Data;

namespace Kestrel.Ledger.Reconciliation;

public sealed class NightlyReconciliation
{
    private readonly LedgerDbContext _db;
    private readonly ILogger<NightlyReconciliation> _log;
    private readonly IAmazonCloudWatch _cloudWatch;

    public NightlyReconciliation(LedgerDbContext db, ILogger<NightlyReconciliation> log, IAmazonCloudWatch cloudWatch)
    {
        _db = db;
        _log = log;
        _cloudWatch = cloudWatch;
    }

    public async Task<int> RunAsync(DateOnly day, CancellationToken ct)
    {
        var unmatched = await PspStatementMatcher.CountUnmatchedAsync(_db, day, ct);
        _log.LogInformation("Reconciliation for {Day}: {Unmatched} unmatched entries", day, unmatched);
        await _cloudWatch.PutMetricDataAsync(new PutMetricDataRequest
        {
            Namespace = "Ledger/Reconciliation",
            MetricData = [new MetricDatum { MetricName = "UnmatchedEntries", Value = unmatched, Unit = StandardUnit.Count }],
        }, ct);
        return unmatched;
    }
}
