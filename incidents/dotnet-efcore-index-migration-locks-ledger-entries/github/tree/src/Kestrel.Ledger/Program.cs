using Kestrel.Ledger.Api;
using Kestrel.Ledger.Data;
using Kestrel.Ledger.Outbox;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddDbContextPool<LedgerDbContext>(o =>
    o.UseNpgsql(builder.Configuration.GetConnectionString("Ledger"),
            npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 2))
     .UseSnakeCaseNamingConvention());
builder.Services.AddScoped<ILedgerRepository, LedgerRepository>();
builder.Services.AddHostedService<OutboxPublisher>();
builder.Services.AddControllers();
builder.Services.AddProblemDetails();
builder.Services.AddHealthChecks().AddDbContextCheck<LedgerDbContext>();

var app = builder.Build();

app.UseExceptionHandler();
app.MapHealthChecks("/healthz");
app.MapControllers();

app.Logger.LogInformation("ledger-api {Version} starting (commit {Commit})",
    typeof(Program).Assembly.GetName().Version, Environment.GetEnvironmentVariable("GIT_COMMIT") ?? "dev");
app.Run();
