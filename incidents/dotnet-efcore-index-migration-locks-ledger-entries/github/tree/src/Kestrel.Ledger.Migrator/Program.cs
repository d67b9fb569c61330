using Kestrel.Ledger.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Runs as a one-off ECS task before the ledger-api service is updated (see .github/workflows/deploy.yml).
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ");
builder.Services.AddDbContext<LedgerDbContext>(o =>
    o.UseNpgsql(builder.Configuration.GetConnectionString("LedgerMigrations"),
        npgsql => npgsql.CommandTimeout(0)));

using var host = builder.Build();
var log = host.Services.GetRequiredService<ILogger<Program>>();
await using var scope = host.Services.CreateAsyncScope();
var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();

var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
log.LogInformation("Migrator starting: {Count} pending migration(s): {Pending}", pending.Count, string.Join(", ", pending));
await db.Database.MigrateAsync();
log.LogInformation("Migrator finished");
