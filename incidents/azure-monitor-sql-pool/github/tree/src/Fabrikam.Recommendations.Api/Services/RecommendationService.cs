using System.Data;
using Fabrikam.Recommendations.Api.Clients;
using Fabrikam.Recommendations.Api.Data;

namespace Fabrikam.Recommendations.Api.Services;

public sealed record RecommendedProduct(int ProductId, string Name, int CategoryId, double Score);

/// <summary>
/// Ranks catalog top sellers by how well their categories match what the customer buys.
/// </summary>
public sealed class RecommendationService
{
    private const int CandidateMultiplier = 4;

    private readonly PurchaseHistoryRepository _history;
    private readonly ICatalogClient _catalog;
    private readonly ILogger<RecommendationService> _logger;

    public RecommendationService(PurchaseHistoryRepository history, ICatalogClient catalog,
        ILogger<RecommendationService> logger)
    {
        _history = history;
        _catalog = catalog;
        _logger = logger;
    }

    public async Task<IReadOnlyList<RecommendedProduct>> GetRecommendationsAsync(Guid customerId, int count,
        CancellationToken ct)
    {
        // Use the whole purchase history: seasonal and long-tail purchases
        // (garden in spring, baking in December) vanished from the 90-day window.
        await using var tx = await _history.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var orders = await _history.GetFullPurchaseHistoryAsync(customerId, ct);
        if (orders.Count == 0)
        {
            return await _catalog.GetTopSellersAsync(Array.Empty<int>(), count, ct);
        }

        var affinities = ScoreCategories(orders);
        await _history.SaveAffinityScoresAsync(customerId, affinities, ct);
        await tx.CommitAsync(ct);

        var topCategories = affinities.OrderByDescending(a => a.Value).Take(5).Select(a => a.Key).ToArray();
        var candidates = await _catalog.GetTopSellersAsync(topCategories, count * CandidateMultiplier, ct);

        _logger.LogDebug("Scored {Orders} orders into {Categories} categories for {CustomerId}",
            orders.Count, affinities.Count, customerId);

        return candidates
            .Select(c => c with { Score = c.Score * (1 + affinities.GetValueOrDefault(c.CategoryId)) })
            .OrderByDescending(c => c.Score)
            .Take(count)
            .ToList();
    }

    /// <summary>
    /// Category weight = quantity bought, decayed by the age of the order (half-life 180 days).
    /// </summary>
    internal static Dictionary<int, double> ScoreCategories(IEnumerable<Order> orders)
    {
        var now = DateTimeOffset.UtcNow;
        var scores = new Dictionary<int, double>();
        foreach (var order in orders)
        {
            var ageDays = (now - order.PlacedAt).TotalDays;
            var decay = Math.Pow(0.5, ageDays / 180.0);
            foreach (var line in order.Lines)
            {
                var id = line.Product.CategoryId;
                scores[id] = scores.GetValueOrDefault(id) + line.Quantity * decay;
            }
        }

        var max = scores.Count == 0 ? 1.0 : scores.Values.Max();
        return scores.ToDictionary(kv => kv.Key, kv => kv.Value / max);
    }
}
