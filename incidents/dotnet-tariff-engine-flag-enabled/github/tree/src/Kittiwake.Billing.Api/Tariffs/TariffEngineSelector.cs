using Microsoft.FeatureManagement;

namespace Kittiwake.Billing.Api.Tariffs;

public sealed class TariffEngineSelector(IFeatureManager features, TariffEngineV1 v1, TariffEngineV2 v2)
{
    public async Task<ITariffEngine> CurrentAsync() =>
        await features.IsEnabledAsync(FeatureFlags.UseTariffEngineV2) ? v2 : v1;
}
