using Kittiwake.Billing.Api.Data;
using Kittiwake.Billing.Api.Tariffs;

namespace Kittiwake.Billing.Api.Services;

public sealed class InvoiceCalculationService(
    BillingDbContext db,
    TariffEngineSelector engines,
    ILogger<InvoiceCalculationService> logger)
{
    private static readonly EventId CalculationFailed = new(1002, nameof(CalculationFailed));

    public async Task<InvoiceDraft> CalculateAsync(string accountId, DateOnly periodStart, CancellationToken ct = default)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["AccountId"] = accountId });

        var account = await db.LoadAccountAsync(accountId, ct);
        var usage = await db.LoadUsageAsync(accountId, periodStart, ct);
        var engine = await engines.CurrentAsync();
        try
        {
            var lines = await engine.PriceAsync(account, usage, ct);
            logger.LogInformation("Invoice calculated for {AccountId} period {Period} engine {Engine} total {Total}",
                accountId, periodStart.ToString("yyyy-MM"), lines.Engine, lines.EnergyCharge + lines.StandingCharge + lines.Vat);
            return InvoiceDraft.From(account, usage, lines);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(CalculationFailed, ex, "Invoice calculation failed for account {AccountId} (period {Period})",
                accountId, periodStart.ToString("yyyy-MM"));
            throw;
        }
    }
}
