using Basket.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Basket.Api.Composition;

public static class PersistenceModule
{
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        // BasketDbContext is scoped: one instance per HTTP request (or per explicit scope in workers).
        services.AddDbContext<BasketDbContext>(options => options
            .UseNpgsql(configuration.GetConnectionString("Basket"), npgsql => npgsql.EnableRetryOnFailure(3))
            .UseSnakeCaseNamingConvention());

        services.AddScoped<IBasketRepository, EfBasketRepository>();
        return services;
    }
}
