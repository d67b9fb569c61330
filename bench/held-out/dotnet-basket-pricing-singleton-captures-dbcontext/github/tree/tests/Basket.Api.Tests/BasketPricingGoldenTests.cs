using Basket.Api.Data;
using Basket.Api.Pricing;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Basket.Api.Tests;

public class BasketPricingGoldenTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("se", "SEK", 129_900, 129_900)]
    [InlineData("no", "NOK", 149_950, 150_000)]
    [InlineData("dk", "DKK", 99_925, 99_950)]
    [InlineData("fi", "EUR", 12_999, 13_000)]
    public async Task Single_line_without_promotions(string market, string currency, long unitPrice, long expectedTotal)
    {
        var basket = Basket.Api.Data.Basket.Open(market, currency);
        basket.AddOrIncrement("SKU-1", 1, unitPrice, "Standard");

        var service = new BasketPricingService(new NoPromotions(), Taxes(), new NordicRoundingPolicy(), Clock);
        var priced = await service.PriceAsync(basket, CancellationToken.None);

        Assert.Equal(expectedTotal, priced.TotalMinor);
        Assert.Empty(priced.AppliedPromotions);
    }

    private static TaxRateProvider Taxes() => new(
        new MemoryCache(new MemoryCacheOptions()),
        new TestOptionsMonitor<TaxOptions>(TaxOptions.NordicDefaults()));

    private sealed class NoPromotions : IPromotionRuleRepository
    {
        public Task<IReadOnlyList<PromotionRule>> ListActiveAsync(string market, DateTimeOffset at, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<PromotionRule>>([]);
    }
}
