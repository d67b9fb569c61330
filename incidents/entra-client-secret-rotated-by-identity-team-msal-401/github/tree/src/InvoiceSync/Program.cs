using InvoiceSync.Erp;
using InvoiceSync.Invoices;
using InvoiceSync.Worker;

var builder = Host.CreateApplicationBuilder(args);

builder.Logging.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.UseUtcTimestamp = true;
    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
});

builder.Services.Configure<ErpOptions>(builder.Configuration.GetSection(ErpOptions.Section));
builder.Services.AddOptions<ErpAuthOptions>()
    .Bind(builder.Configuration.GetSection(ErpAuthOptions.Section))
    .Validate(o => o.ClientSecret.Length > 0, "ErpAuth:ClientSecret is empty")
    .ValidateOnStart();
builder.Services.AddSingleton<ErpTokenProvider>();
builder.Services.AddHttpClient<ErpClient>((sp, http) =>
{
    var erp = builder.Configuration.GetSection(ErpOptions.Section).Get<ErpOptions>()!;
    http.BaseAddress = new Uri(erp.BaseUrl.TrimEnd('/') + "/");
    http.Timeout = TimeSpan.FromSeconds(60);
});
builder.Services.AddSingleton<InvoiceMapper>();
builder.Services.AddHostedService<InvoiceQueueWorker>();

builder.Build().Run();
