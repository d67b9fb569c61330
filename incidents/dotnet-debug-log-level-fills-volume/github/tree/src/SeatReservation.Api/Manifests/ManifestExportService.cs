using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.Extensions.Options;
using SeatReservation.Api.Data;

namespace SeatReservation.Api.Manifests;

/// <summary>
/// Writes the seat manifest (coach, seat, passenger initials, alighting station) of every
/// train service that departs within <see cref="ManifestOptions.ExportLeadMinutes"/> to the
/// shared data volume, where the crew tablets fetch it from.
/// </summary>
public sealed class ManifestExportService(
    IServiceScopeFactory scopes,
    IOptions<ManifestOptions> options,
    ILogger<ManifestExportService> log) : BackgroundService
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly ManifestOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await ExportDueAsync(stoppingToken);
            await Task.Delay(TimeSpan.FromSeconds(_options.PollSeconds), stoppingToken);
        }
    }

    public async Task ExportDueAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReservationsDbContext>();
        var due = await db.DueForManifest(DateTimeOffset.UtcNow.AddMinutes(_options.ExportLeadMinutes), ct);
        foreach (var service in due)
        {
            try
            {
                var path = await WriteManifestAsync(db, service, ct);
                log.LogInformation("Manifest for {ServiceCode} written to {Path} ({Seats} seats)", service.Code, path, service.Seats.Count);
            }
            catch (IOException ex)
            {
                log.LogError(ex, "Manifest export failed for {ServiceCode}", service.Code);
            }
        }
    }

    private async Task<string> WriteManifestAsync(ReservationsDbContext db, TrainService service, CancellationToken ct)
    {
        var dir = Path.Combine(_options.Root, service.DepartureDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{service.Code}.csv");
        var rows = await db.ManifestRows(service.Id, ct);
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
        await using var writer = new StreamWriter(stream, Utf8NoBom);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        await csv.WriteRecordsAsync(rows, ct);
        await writer.FlushAsync(ct);
        return path;
    }
}

public sealed class ManifestOptions
{
    public string Root { get; set; } = "/var/lib/seatres/manifests";
    public int ExportLeadMinutes { get; set; } = 90;
    public int PollSeconds { get; set; } = 60;
}
