namespace Kittiwake.Billing.Api.Tariffs;

public interface ITariffEngine
{
    string Name { get; }

    ValueTask<InvoiceLines> PriceAsync(Account account, UsagePeriod usage, CancellationToken ct);
}

public enum MeterProfile { Standard, Economy7, Economy10, HalfHourly }

public sealed record Account(string Id, string Region, MeterProfile MeterProfile, string TariffCode);

public sealed record UsagePeriod(DateOnly From, DateOnly To, decimal DayKwh, decimal NightKwh);

public sealed record TariffBand(decimal DayRate, decimal NightRate, decimal StandingChargePerDay,
    decimal? PreviousStandingChargePerDay = null);

public sealed record InvoiceLines(decimal EnergyCharge, decimal StandingCharge, decimal Vat, string Engine);
