using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quayside.ShipmentEvents.Services;

var host = new HostBuilder()
    .ConfigureFunctionsWorkerDefaults()
    .ConfigureServices((ctx, services) =>
    {
        services.AddApplicationInsightsTelemetryWorkerService();
        services.ConfigureFunctionsApplicationInsights();

        services.AddSingleton(sp =>
        {
            var ns = ctx.Configuration["ServiceBusConnection:fullyQualifiedNamespace"];
            var options = new ServiceBusClientOptions
            {
                TransportType = ServiceBusTransportType.AmqpTcp,
                RetryOptions = new ServiceBusRetryOptions
                {
                    Mode = ServiceBusRetryMode.Exponential,
                    MaxRetries = 3,
                    Delay = TimeSpan.FromSeconds(0.8),
                    MaxDelay = TimeSpan.FromSeconds(60),
                    TryTimeout = TimeSpan.FromSeconds(60),
                },
            };
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("ServiceBusSetup").LogInformation(
                "ServiceBus client for {Namespace}: transport {Transport}, retry {Mode} x{MaxRetries}, try timeout {TryTimeout}",
                ns, options.TransportType, options.RetryOptions.Mode, options.RetryOptions.MaxRetries, options.RetryOptions.TryTimeout);
            return new ServiceBusClient(ns, new DefaultAzureCredential(), options);
        });
        services.AddSingleton(sp => sp.GetRequiredService<ServiceBusClient>().CreateSender("tracking-updates"));
        services.AddSingleton<ITrackingPublisher, TrackingPublisher>();
        services.AddSingleton<IShipmentStore, CosmosShipmentStore>();
    })
    .Build();

host.Run();
