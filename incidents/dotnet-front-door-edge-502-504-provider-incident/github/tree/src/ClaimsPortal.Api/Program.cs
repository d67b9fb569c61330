using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Quillmoor.ClaimsPortal.Api.Data;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

builder.Host.UseSerilog((ctx, cfg) => cfg
    .ReadFrom.Configuration(ctx.Configuration)
    .WriteTo.Console(outputTemplate: "[{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"));

// Kestrel limits come from the "Kestrel" section of appsettings.*.json.
builder.WebHost.ConfigureKestrel((ctx, options) => options.Configure(ctx.Configuration.GetSection("Kestrel")));

builder.Services.Configure<ForwardedHeadersOptions>(o =>
{
    o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
    o.KnownNetworks.Clear();
    o.KnownProxies.Clear();
});
builder.Services.AddControllers();
builder.Services.AddSqlServer<ClaimsDbContext>(builder.Configuration.GetConnectionString("Claims"));
builder.Services.AddHealthChecks().AddDbContextCheck<ClaimsDbContext>();

var app = builder.Build();

var limits = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KestrelServerOptions>>().Value.Limits;
app.Logger.LogInformation("Kestrel limits: KeepAliveTimeout={KeepAlive} RequestHeadersTimeout={HeadersTimeout} MaxRequestBodySize={MaxBody}",
    limits.KeepAliveTimeout, limits.RequestHeadersTimeout, limits.MaxRequestBodySize);

app.UseForwardedHeaders();

// Only Front Door may call us: it adds X-Azure-FDID with our profile id.
var frontDoorId = app.Configuration["FrontDoor:ProfileId"];
app.Use(async (ctx, next) =>
{
    if (!string.IsNullOrEmpty(frontDoorId) && ctx.Request.Path != "/healthz" &&
        ctx.Request.Headers["X-Azure-FDID"] != frontDoorId)
    {
        ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
        return;
    }
    await next();
});

app.UseSerilogRequestLogging();
app.MapHealthChecks("/healthz");
app.MapControllers();

app.Run();
