using Azure.Messaging.ServiceBus;
using Fulfillment.Api.Data;
using Fulfillment.Api.Workers;
using Npgsql;
using Serilog;
using Serilog.Formatting.Compact;

var builder = WebApplication.CreateBuilder(args);

builder.Host.UseSerilog((ctx, cfg) => cfg
    .ReadFrom.Configuration(ctx.Configuration)
    .Enrich.FromLogContext()
    .Enrich.WithProperty("Revision", Environment.GetEnvironmentVariable("CONTAINER_APP_REVISION") ?? "local")
    .WriteTo.Console(new CompactJsonFormatter()));

var connectionString = builder.Configuration.GetConnectionString("Fulfillment")
    ?? throw new InvalidOperationException("ConnectionStrings:Fulfillment is not set");
var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();

builder.Services.AddSingleton(dataSource);
builder.Services.AddSingleton<PickListRepository>();
builder.Services.AddSingleton<ShipmentRepository>();
builder.Services.AddSingleton<OutboxRepository>();
builder.Services.AddSingleton(_ => new ServiceBusClient(builder.Configuration["ServiceBus:ConnectionString"]));
builder.Services.AddHttpClient("carrier", c =>
{
    c.BaseAddress = new Uri(builder.Configuration["Carrier:BaseUrl"]!);
    c.DefaultRequestHeaders.Add("X-Api-Key", builder.Configuration["Carrier:ApiKey"]);
    c.Timeout = TimeSpan.FromSeconds(10);
});
builder.Services.AddHostedService<OutboxDispatcher>();
builder.Services.AddControllers();

var app = builder.Build();

app.Logger.LogInformation("Starting fulfillment-api, database {ConnectionString}", connectionString);

app.UseSerilogRequestLogging();
app.MapControllers();
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));

app.Run();
