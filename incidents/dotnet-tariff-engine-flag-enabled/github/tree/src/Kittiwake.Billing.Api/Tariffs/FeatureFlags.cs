namespace Kittiwake.Billing.Api.Tariffs;

public static class FeatureFlags
{
    public const string UseTariffEngineV2 = nameof(UseTariffEngineV2);
    public const string SmartMeterHalfHourly = nameof(SmartMeterHalfHourly);
    public const string PaperlessByDefault = nameof(PaperlessByDefault);
}
