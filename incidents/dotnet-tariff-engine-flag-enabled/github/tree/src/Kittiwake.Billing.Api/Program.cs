using Azure.Monitor.OpenTelemetry.AspNetCore;
using Kittiwake.Billing.Api.Data;
using Kittiwake.Billing.Api.Services;
using Kittiwake.Billing.Api.Tariffs;
using Microsoft.EntityFrameworkCore;
using Microsoft.FeatureManagement;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOpenTelemetry().UseAzureMonitor();
builder.Services.AddFeatureManagement();
builder.Services.AddDbContext<BillingDbContext>(o => o.UseNpgsql(builder.Configuration.GetConnectionString("Billing")));
builder.Services.AddSingleton<IBandCatalog, JsonBandCatalog>();
builder.Services.AddSingleton<TariffEngineV1>();
builder.Services.AddSingleton<TariffEngineV2>();
builder.Services.AddScoped<TariffEngineSelector>();
builder.Services.AddScoped<InvoiceCalculationService>();
builder.Services.AddControllers();

var app = builder.Build();

var flags = app.Configuration.GetSection("FeatureManagement").GetChildren().Select(c => $"{c.Key}={c.Value}");
app.Logger.LogInformation("Feature flags loaded: {Flags}", string.Join(", ", flags));

app.MapControllers();
app.MapGet("/healthz", () => Results.Ok());
app.Run();
