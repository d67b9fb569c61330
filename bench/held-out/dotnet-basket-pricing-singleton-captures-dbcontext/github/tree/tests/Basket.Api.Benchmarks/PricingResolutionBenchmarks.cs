using BenchmarkDotNet.Attributes;
using Basket.Api.Composition;
using Basket.Api.Pricing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Basket.Api.Benchmarks;

/// <summary>Allocations of resolving the pricing pipeline once per request (one scope per iteration).</summary>
[MemoryDiagnoser]
public class PricingResolutionBenchmarks
{
    private ServiceProvider _root = null!;

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile("appsettings.json").Build();
        var services = new ServiceCollection().AddLogging();
        services.AddPersistence(configuration);
        services.AddPricing(configuration);
        _root = services.BuildServiceProvider();
    }

    [Benchmark]
    public IBasketPricingService ResolvePerRequest()
    {
        using var scope = _root.CreateScope();
        return scope.ServiceProvider.GetRequiredService<IBasketPricingService>();
    }

    [GlobalCleanup]
    public void Cleanup() => _root.Dispose();
}
