using Fabrikam.Recommendations.Api.Clients;
using Fabrikam.Recommendations.Api.Data;
using Fabrikam.Recommendations.Api.Middleware;
using Fabrikam.Recommendations.Api.Services;
using Microsoft.EntityFrameworkCore;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

builder.Host.UseSerilog((ctx, cfg) => cfg
    .ReadFrom.Configuration(ctx.Configuration)
    .WriteTo.File("/home/LogFiles/Application/reco-.log",
        rollingInterval: RollingInterval.Day,
        outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"));

builder.Services.AddDbContext<ShopDbContext>(options =>
    options.UseSqlServer(
        builder.Configuration.GetConnectionString("ShopDb"),
        sql => sql
            .CommandTimeout(builder.Configuration.GetValue("ShopDb:CommandTimeoutSeconds", 30))
            .EnableRetryOnFailure(
                maxRetryCount: 3,
                maxRetryDelay: TimeSpan.FromSeconds(2),
                errorNumbersToAdd: new[] { 1205 })));

builder.Services.AddScoped<PurchaseHistoryRepository>();
builder.Services.AddScoped<RecommendationService>();
builder.Services.AddHttpClient<ICatalogClient, CatalogClient>(client =>
{
    client.BaseAddress = new Uri(builder.Configuration["Catalog:BaseUrl"]!);
    client.Timeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Catalog:TimeoutSeconds", 5));
}).AddStandardResilienceHandler();

builder.Services.AddControllers();
builder.Services.AddResponseCaching();
builder.Services.AddHealthChecks().AddDbContextCheck<ShopDbContext>();
builder.Services.AddApplicationInsightsTelemetry();

var app = builder.Build();

app.UseMiddleware<ErrorHandlingMiddleware>();
app.UseResponseCaching();
app.MapControllers();
app.MapHealthChecks("/healthz");

app.Run();
