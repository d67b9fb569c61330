using Azure.Identity;
using Halvorsen.Claims.Documents.Storage;
using Halvorsen.Claims.Documents.Thumbnails;
using Microsoft.Extensions.Azure;
using Serilog;
using Serilog.Formatting.Compact;

Log.Logger = new LoggerConfiguration()
    .Enrich.FromLogContext()
    .WriteTo.Console(new CompactJsonFormatter())
    .CreateBootstrapLogger();

var builder = WebApplication.CreateBuilder(args);

builder.Host.UseSerilog((ctx, services, cfg) => cfg
    .ReadFrom.Configuration(ctx.Configuration)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext()
    .Enrich.WithProperty("Service", "claims-docs-api")
    .WriteTo.Console(new CompactJsonFormatter()));

builder.Services.Configure<StorageOptions>(builder.Configuration.GetSection("Storage"));
builder.Services.AddAzureClients(clients =>
{
    var storage = builder.Configuration.GetSection("Storage");
    clients.AddBlobServiceClient(new Uri(storage["BlobEndpoint"]!))
        .ConfigureOptions(o =>
        {
            o.Retry.MaxRetries = storage.GetValue("MaxRetries", 5);
            o.Retry.Mode = Azure.Core.RetryMode.Exponential;
            o.Retry.NetworkTimeout = TimeSpan.FromSeconds(storage.GetValue("NetworkTimeoutSeconds", 100));
        });
    clients.UseCredential(new DefaultAzureCredential());
});
builder.Services.AddSingleton<IBlobStorageClient, BlobStorageClient>();
builder.Services.AddSingleton<ThumbnailService>();
builder.Services.AddControllers();
builder.Services.AddEndpointsApiExplorer();
builder.Services.AddSwaggerGen();
builder.Services.AddHealthChecks();

var app = builder.Build();

app.UseSerilogRequestLogging();
if (app.Environment.IsDevelopment())
{
    app.UseSwagger();
    app.UseSwaggerUI();
}
app.MapControllers();
app.MapHealthChecks("/healthz");

app.Run();
