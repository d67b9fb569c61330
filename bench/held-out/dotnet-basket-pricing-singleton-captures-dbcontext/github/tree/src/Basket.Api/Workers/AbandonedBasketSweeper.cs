using Basket.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Basket.Api.Workers;

/// <summary>Every minute, marks open baskets untouched for 24 hours as abandoned (max 200 per market per run).</summary>
public sealed class AbandonedBasketSweeper : BackgroundService
{
    private static readonly string[] Markets = ["se", "no", "dk", "fi"];

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<AbandonedBasketSweeper> _logger;

    public AbandonedBasketSweeper(IServiceScopeFactory scopes, ILogger<AbandonedBasketSweeper> logger)
    {
        _scopes = scopes;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // A DbContext is not thread-safe: one scope (and context) per market.
                await Parallel.ForEachAsync(Markets, stoppingToken, async (market, ct) =>
                {
                    await using var scope = _scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<BasketDbContext>();
                    var cutoff = DateTimeOffset.UtcNow.AddHours(-24);
                    var stale = await db.Baskets
                        .Where(b => b.Market == market && b.Status == BasketStatus.Open && b.UpdatedAt < cutoff)
                        .Take(200)
                        .ToListAsync(ct);

                    foreach (var basket in stale)
                    {
                        basket.Status = BasketStatus.Abandoned;
                    }

                    await db.SaveChangesAsync(ct);
                    if (stale.Count > 0)
                    {
                        _logger.LogInformation("Marked {Count} baskets abandoned in {Market}", stale.Count, market);
                    }
                });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Abandoned-basket sweep failed; next attempt in {Interval}", TimeSpan.FromMinutes(1));
            }
        }
    }
}
