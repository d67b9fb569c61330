namespace Kittiwake.Billing.Api.Tariffs;

/// <summary>
/// Regional engine: bands per (distribution region, meter profile), as published by the
/// pricing team in bands-v2.json. Rolled out behind the UseTariffEngineV2 flag.
/// </summary>
public sealed class TariffEngineV2 : ITariffEngine
{
    private readonly IReadOnlyDictionary<(string Region, MeterProfile Profile), TariffBand> _bands;
    private readonly ILogger<TariffEngineV2> _logger;

    public TariffEngineV2(IBandCatalog catalog, ILogger<TariffEngineV2> logger)
    {
        _bands = catalog.LoadV2();
        _logger = logger;
    }

    public string Name => "v2";

    public ValueTask<InvoiceLines> PriceAsync(Account account, UsagePeriod usage, CancellationToken ct)
    {
        var band = ResolveBand(account.Region, account.MeterProfile);
        var days = usage.To.DayNumber - usage.From.DayNumber + 1;
        var energy = account.MeterProfile == MeterProfile.Standard
            ? (usage.DayKwh + usage.NightKwh) * band.DayRate
            : usage.DayKwh * band.DayRate + usage.NightKwh * band.NightRate;
        var standing = ProratedStandingCharge(band, usage, days);
        var vat = Math.Round((energy + standing) * 0.05m, 2, MidpointRounding.AwayFromZero);
        return ValueTask.FromResult(new InvoiceLines(Math.Round(energy, 2), Math.Round(standing, 2), vat, Name));
    }

    /// <summary>
    /// Standing charge changes on 1 October each year; split the period at the change date.
    /// </summary>
    private static decimal ProratedStandingCharge(TariffBand band, UsagePeriod usage, int days)
    {
        var change = new DateOnly(usage.From.Year, 10, 1);
        if (usage.From >= change || usage.To < change || band.PreviousStandingChargePerDay is null)
        {
            return days * band.StandingChargePerDay;
        }

        var before = change.DayNumber - usage.From.DayNumber;
        return before * band.PreviousStandingChargePerDay.Value + (days - before) * band.StandingChargePerDay;
    }

    private TariffBand ResolveBand(string region, MeterProfile profile)
    {
        if (_bands.TryGetValue((region, profile), out var band))
        {
            return band;
        }

        throw new InvalidOperationException(
            $"No tariff band configured for region '{region}' and meter profile '{profile}'.");
    }
}
