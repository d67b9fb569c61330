using Serilog;
using Tallyfreight.Dispatch.Api.Data;

var builder = WebApplication.CreateBuilder(args);

builder.Host.UseSerilog((ctx, cfg) => cfg
    .ReadFrom.Configuration(ctx.Configuration)
    .Enrich.FromLogContext()
    .WriteTo.Console(outputTemplate:
        "[{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"));

builder.Services.AddSingleton<IDbConnectionFactory, DbConnectionFactory>();
builder.Services.AddScoped<RouteRepository>();
builder.Services.AddControllers();
builder.Services.AddApplicationInsightsTelemetry();
builder.Services.AddHealthChecks()
    .AddCheck<DispatchDbHealthCheck>("dispatch-db", tags: new[] { "ready" });

var app = builder.Build();

app.Logger.LogInformation("dispatch-api {Version} ({Commit}) starting",
    typeof(Program).Assembly.GetName().Version?.ToString(3),
    Environment.GetEnvironmentVariable("GIT_COMMIT") ?? "dev");

app.UseSerilogRequestLogging(o => o.GetLevel = (ctx, _, ex) =>
    ex is not null || ctx.Response.StatusCode >= 500
        ? Serilog.Events.LogEventLevel.Error
        : Serilog.Events.LogEventLevel.Information);
app.UseExceptionHandler("/error");
app.MapControllers();
app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });

app.Run();
