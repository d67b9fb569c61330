using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Basket.Api.Pricing;

public interface ITaxRateProvider
{
    ValueTask<VatTable> GetRatesAsync(string market, CancellationToken ct);
}

/// <summary>VAT tables per market from configuration, cached for an hour.</summary>
public sealed class TaxRateProvider : ITaxRateProvider
{
    private readonly IMemoryCache _cache;
    private readonly IOptionsMonitor<TaxOptions> _options;

    public TaxRateProvider(IMemoryCache cache, IOptionsMonitor<TaxOptions> options)
    {
        _cache = cache;
        _options = options;
    }

    public ValueTask<VatTable> GetRatesAsync(string market, CancellationToken ct)
    {
        var table = _cache.GetOrCreate($"vat:{market}", entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1);
            return VatTable.From(_options.CurrentValue.Markets[market]);
        });
        return ValueTask.FromResult(table!);
    }
}
