using Fabrikam.Recommendations.Api.Data;
using Fabrikam.Recommendations.Api.Services;
using Xunit;

namespace Fabrikam.Recommendations.Api.Tests;

public class RecommendationServiceTests
{
    private static Order OrderAt(int daysAgo, params (int categoryId, int qty)[] lines) => new()
    {
        Id = Guid.NewGuid(),
        PlacedAt = DateTimeOffset.UtcNow.AddDays(-daysAgo),
        Lines = lines.Select(l => new OrderLine
        {
            Quantity = l.qty,
            Product = new Product { CategoryId = l.categoryId },
        }).ToList(),
    };

    [Fact]
    public void ScoreCategories_NormalisesToOne()
    {
        var scores = RecommendationService.ScoreCategories(new[] { OrderAt(1, (7, 2), (9, 1)) });

        Assert.Equal(1.0, scores[7], 3);
        Assert.True(scores[9] < 1.0);
    }

    [Fact]
    public void ScoreCategories_DecaysOldOrders()
    {
        var scores = RecommendationService.ScoreCategories(new[]
        {
            OrderAt(2, (3, 1)),
            OrderAt(60, (4, 1)),
        });

        Assert.True(scores[3] > scores[4]);
    }

    [Fact]
    public void ScoreCategories_KeepsSeasonalPurchasesFromLastYear()
    {
        var scores = RecommendationService.ScoreCategories(new[]
        {
            OrderAt(5, (3, 1)),
            OrderAt(350, (12, 6)),
        });

        Assert.True(scores[12] > 0.1);
    }
}
