namespace Kittiwake.Billing.Api.Tariffs;

/// <summary>Legacy engine: one band per tariff code, regions ignored.</summary>
public sealed class TariffEngineV1(IBandCatalog catalog) : ITariffEngine
{
    private readonly IReadOnlyDictionary<string, TariffBand> _bands = catalog.LoadV1();

    public string Name => "v1";

    public ValueTask<InvoiceLines> PriceAsync(Account account, UsagePeriod usage, CancellationToken ct)
    {
        var band = _bands.TryGetValue(account.TariffCode, out var b) ? b : _bands["STANDARD"];
        var days = usage.To.DayNumber - usage.From.DayNumber + 1;
        var energy = usage.DayKwh * band.DayRate + usage.NightKwh * band.NightRate;
        var standing = days * band.StandingChargePerDay;
        return ValueTask.FromResult(new InvoiceLines(energy, standing, Math.Round((energy + standing) * 0.05m, 2), Name));
    }
}
