using Basket.Api.Composition;
using Basket.Api.Data;
using Basket.Api.Workers;
using Serilog;
using Serilog.Formatting.Compact;

var builder = WebApplication.CreateBuilder(args);

builder.Host.UseSerilog((ctx, services, cfg) => cfg
    .ReadFrom.Configuration(ctx.Configuration)
    .Enrich.FromLogContext()
    .Enrich.WithMachineName()
    .Enrich.WithProperty("Application", "basket-api")
    .Enrich.WithProperty("Version", ThisAssembly.InformationalVersion)
    .WriteTo.Console(new CompactJsonFormatter()));

builder.Services.AddControllers();
builder.Services.AddProblemDetails();
builder.Services.AddPersistence(builder.Configuration);
builder.Services.AddPricing(builder.Configuration);
builder.Services.AddHealthChecks().AddDbContextCheck<BasketDbContext>("basket-db");
builder.Services.AddHostedService<AbandonedBasketSweeper>();

var app = builder.Build();

app.Logger.LogInformation("Starting {Application} {Version} on {Framework}", "basket-api",
    ThisAssembly.InformationalVersion, System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
app.Logger.LogInformation("Persistence configured for {DbContext} ({ConnectionString})", nameof(BasketDbContext),
    builder.Configuration.GetConnectionString("Basket"));

app.UseSerilogRequestLogging();
app.UseExceptionHandler();
app.UseAuthentication();
app.UseAuthorization();

app.MapControllers();
app.MapHealthChecks("/healthz");

app.Run();

public partial class Program;
