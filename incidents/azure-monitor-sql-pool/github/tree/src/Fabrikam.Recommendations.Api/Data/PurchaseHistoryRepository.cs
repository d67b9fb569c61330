using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fabrikam.Recommendations.Api.Data;

/// <summary>
/// Reads a customer's past orders and stores the category affinities derived from them.
/// </summary>
public sealed class PurchaseHistoryRepository
{
    private readonly ShopDbContext _db;

    public PurchaseHistoryRepository(ShopDbContext db)
    {
        _db = db;
    }

    /// <summary>
    /// The customer's most recent orders within <paramref name="days"/>, newest first,
    /// with lines and products, capped at <paramref name="maxOrders"/>.
    /// </summary>
    public Task<List<Order>> GetRecentPurchasesAsync(Guid customerId, int days, int maxOrders, CancellationToken ct)
    {
        var since = DateTimeOffset.UtcNow.AddDays(-days);
        return _db.Orders
            .AsNoTracking()
            .Where(o => o.CustomerId == customerId && o.PlacedAt >= since)
            .OrderByDescending(o => o.PlacedAt)
            .Take(maxOrders)
            .Include(o => o.Lines)
                .ThenInclude(l => l.Product)
            .AsSplitQuery()
            .ToListAsync(ct);
    }

    /// <summary>
    /// Every order the customer ever placed, with lines, products and their categories.
    /// </summary>
    public async Task<List<Order>> GetFullPurchaseHistoryAsync(Guid customerId, CancellationToken ct)
    {
        return await _db.Orders
            .Where(o => o.CustomerId == customerId)
            .Include(o => o.Lines)
                .ThenInclude(l => l.Product)
                    .ThenInclude(p => p.Category)
            .OrderByDescending(o => o.PlacedAt)
            .ToListAsync(ct);
    }

    /// <summary>
    /// Starts a transaction so that the history read and the affinity write see the same data.
    /// </summary>
    public Task<IDbContextTransaction> BeginTransactionAsync(IsolationLevel isolation, CancellationToken ct)
    {
        return _db.Database.BeginTransactionAsync(isolation, ct);
    }

    public async Task SaveAffinityScoresAsync(Guid customerId, IReadOnlyDictionary<int, double> scores, CancellationToken ct)
    {
        var existing = await _db.AffinityScores
            .Where(s => s.CustomerId == customerId)
            .ToDictionaryAsync(s => s.CategoryId, ct);

        var now = DateTimeOffset.UtcNow;
        foreach (var (categoryId, score) in scores)
        {
            if (existing.TryGetValue(categoryId, out var row))
            {
                row.Score = score;
                row.UpdatedAt = now;
            }
            else
            {
                _db.AffinityScores.Add(new CustomerAffinityScore
                {
                    CustomerId = customerId,
                    CategoryId = categoryId,
                    Score = score,
                    UpdatedAt = now,
                });
            }
        }

        await _db.SaveChangesAsync(ct);
    }
}
