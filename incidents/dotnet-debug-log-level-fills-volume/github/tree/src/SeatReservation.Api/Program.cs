using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SeatReservation.Api.Data;
using SeatReservation.Api.Health;
using SeatReservation.Api.Holds;
using SeatReservation.Api.Manifests;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

builder.Host.UseSerilog((ctx, services, cfg) => cfg
    .ReadFrom.Configuration(ctx.Configuration)
    .ReadFrom.Services(services));

builder.Services.AddDbContextPool<ReservationsDbContext>(o =>
    o.UseNpgsql(builder.Configuration.GetConnectionString("Reservations")));

builder.Services.Configure<HoldOptions>(builder.Configuration.GetSection("Holds"));
builder.Services.Configure<ManifestOptions>(builder.Configuration.GetSection("Manifests"));
builder.Services.AddScoped<SeatHoldService>();
builder.Services.AddSingleton<ManifestExportService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ManifestExportService>());

builder.Services.AddHealthChecks()
    .AddDbContextCheck<ReservationsDbContext>("postgres", tags: new[] { "ready" })
    .AddCheck<DiskSpaceHealthCheck>("disk-space", tags: new[] { "disk" });
// The disk check is not part of readiness: it runs once a minute through the publisher below.
builder.Services.Configure<HealthCheckPublisherOptions>(o =>
{
    o.Period = TimeSpan.FromMinutes(1);
    o.Predicate = c => c.Tags.Contains("disk");
});
builder.Services.AddSingleton<IHealthCheckPublisher, LoggingHealthCheckPublisher>();

builder.Services.AddControllers();

var app = builder.Build();

app.UseSerilogRequestLogging();
app.MapControllers();
app.MapHealthChecks("/healthz/ready", new() { Predicate = c => c.Tags.Contains("ready") });
app.MapHealthChecks("/healthz/live", new() { Predicate = _ => false });

var log = app.Services.GetRequiredService<ILogger<Program>>();
log.LogInformation("seat-reservation-api {Version} starting in {Environment}",
    typeof(Program).Assembly.GetName().Version, app.Environment.EnvironmentName);
log.LogInformation("Serilog minimum level {MinimumLevel}, overrides {@Overrides}",
    app.Configuration["Serilog:MinimumLevel:Default"],
    app.Configuration.GetSection("Serilog:MinimumLevel:Override").Get<Dictionary<string, string>>());

app.Run();

public partial class Program { }
