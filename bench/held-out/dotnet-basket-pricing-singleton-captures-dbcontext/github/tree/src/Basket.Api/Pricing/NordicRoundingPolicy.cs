namespace Basket.Api.Pricing;

public interface IRoundingPolicy
{
    long Round(string market, long totalMinor);
}

/// <summary>Cash rounding: SE and NO round totals to whole kronor, DK to 50 øre, FI to 5 cents.</summary>
public sealed class NordicRoundingPolicy : IRoundingPolicy
{
    public long Round(string market, long totalMinor) => market switch
    {
        "se" or "no" => RoundTo(totalMinor, 100),
        "dk" => RoundTo(totalMinor, 50),
        "fi" => RoundTo(totalMinor, 5),
        _ => totalMinor,
    };

    private static long RoundTo(long value, long step) =>
        (long)Math.Round(value / (decimal)step, MidpointRounding.AwayFromZero) * step;
}
