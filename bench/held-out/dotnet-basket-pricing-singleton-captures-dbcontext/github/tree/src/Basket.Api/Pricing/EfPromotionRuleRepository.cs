using Basket.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Basket.Api.Pricing;

public interface IPromotionRuleRepository
{
    Task<IReadOnlyList<PromotionRule>> ListActiveAsync(string market, DateTimeOffset at, CancellationToken ct);
}

/// <summary>Reads promotion rules from the basket database (table <c>promotion_rules</c>).</summary>
public sealed class EfPromotionRuleRepository : IPromotionRuleRepository
{
    // Rules are read-only here: no change tracking, and translate the LINQ expression once.
    private static readonly Func<BasketDbContext, string, DateTimeOffset, IAsyncEnumerable<PromotionRule>> ActiveRules =
        EF.CompileAsyncQuery((BasketDbContext db, string market, DateTimeOffset at) =>
            db.PromotionRules
                .AsNoTracking()
                .Where(r => r.Market == market && r.ValidFrom <= at && (r.ValidTo == null || r.ValidTo > at))
                .OrderBy(r => r.Priority)
                .ThenBy(r => r.Id));

    private readonly BasketDbContext _db;

    public EfPromotionRuleRepository(BasketDbContext db) => _db = db;

    public async Task<IReadOnlyList<PromotionRule>> ListActiveAsync(string market, DateTimeOffset at, CancellationToken ct)
    {
        var rules = new List<PromotionRule>();
        await foreach (var rule in ActiveRules(_db, market, at).WithCancellation(ct))
        {
            rules.Add(rule);
        }

        return rules;
    }
}
