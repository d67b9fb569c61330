using Basket.Api.Loyalty;
using Basket.Api.Pricing;

namespace Basket.Api.Composition;

public static class PricingModule
{
    public static IServiceCollection AddPricing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMemoryCache();
        services.AddSingleton(TimeProvider.System);
        services.Configure<TaxOptions>(configuration.GetSection("Tax"));

        services.AddScoped<IPromotionRuleRepository, EfPromotionRuleRepository>();

        // No per-request state in these three: build them once per process instead of once per
        // request (about 9% of Gen0 allocations on GET /api/baskets/{id}, see PR #1209).
        services.AddSingleton<ITaxRateProvider, TaxRateProvider>();
        services.AddSingleton<IRoundingPolicy, NordicRoundingPolicy>();
        services.AddSingleton<IBasketPricingService, BasketPricingService>();

        services.AddHttpClient<ILoyaltyClient, LoyaltyClient>(client =>
            {
                client.BaseAddress = new Uri(configuration["Loyalty:BaseUrl"] ?? "http://loyalty.loyalty.svc.cluster.local/");
                client.Timeout = TimeSpan.FromSeconds(2);
            })
            .AddStandardResilienceHandler();

        return services;
    }
}
