using Basket.Api.Data;

namespace Basket.Api.Pricing;

public interface IBasketPricingService
{
    Task<PricedBasket> PriceAsync(Basket.Api.Data.Basket basket, CancellationToken ct);
}

/// <summary>
/// Prices a basket: list prices, then promotion rules in priority order, then VAT per line,
/// then Nordic cash rounding of the total.
/// </summary>
public sealed class BasketPricingService : IBasketPricingService
{
    private readonly IPromotionRuleRepository _promotions;
    private readonly ITaxRateProvider _taxRates;
    private readonly IRoundingPolicy _rounding;
    private readonly TimeProvider _clock;

    public BasketPricingService(
        IPromotionRuleRepository promotions,
        ITaxRateProvider taxRates,
        IRoundingPolicy rounding,
        TimeProvider clock)
    {
        _promotions = promotions;
        _taxRates = taxRates;
        _rounding = rounding;
        _clock = clock;
    }

    public async Task<PricedBasket> PriceAsync(Basket.Api.Data.Basket basket, CancellationToken ct)
    {
        var lines = basket.Lines
            .Select(l => new PricedLine(l.Sku, l.Quantity, l.UnitPriceMinor, l.UnitPriceMinor * l.Quantity))
            .ToList();

        var rules = await _promotions.ListActiveAsync(basket.Market, _clock.GetUtcNow(), ct);
        foreach (var rule in rules)
        {
            lines = rule.Apply(lines);
        }

        var vat = await _taxRates.GetRatesAsync(basket.Market, ct);
        var taxed = lines.Select(l => l with { VatMinor = vat.VatFor(l.Category, l.TotalMinor) }).ToList();

        var total = _rounding.Round(basket.Market, taxed.Sum(l => l.TotalMinor));
        return new PricedBasket(basket.Id, basket.Market, basket.Currency, taxed, total, rules.Select(r => r.Code).ToList());
    }
}
