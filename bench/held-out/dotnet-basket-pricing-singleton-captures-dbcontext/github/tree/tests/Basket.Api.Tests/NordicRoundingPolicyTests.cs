using Basket.Api.Pricing;
using Xunit;

namespace Basket.Api.Tests;

public class NordicRoundingPolicyTests
{
    [Theory]
    [InlineData("se", 12_349, 12_300)]
    [InlineData("se", 12_350, 12_400)]
    [InlineData("dk", 12_324, 12_300)]
    [InlineData("dk", 12_325, 12_350)]
    [InlineData("fi", 1_002, 1_000)]
    public void Rounds_cash_totals(string market, long total, long expected)
    {
        Assert.Equal(expected, new NordicRoundingPolicy().Round(market, total));
    }
}
