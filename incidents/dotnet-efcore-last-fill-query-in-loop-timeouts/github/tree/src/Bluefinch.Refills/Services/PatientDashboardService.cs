using Bluefinch.Refills.Data;
using Bluefinch.Refills.Models;
using Microsoft.EntityFrameworkCore;

namespace Bluefinch.Refills.Services;

public sealed class PatientDashboardService
{
    private readonly RefillsDbContext _db;
    private readonly ILogger<PatientDashboardService> _logger;

    public PatientDashboardService(RefillsDbContext db, ILogger<PatientDashboardService> logger)
    {
        _db = db;
        _logger = logger;
    }

    /// <summary>
    /// Active prescriptions of a patient with the date of their last fill and the
    /// date from which the next refill may be requested.
    /// </summary>
    public async Task<DashboardDto> GetDashboardAsync(Guid patientId, CancellationToken ct)
    {
        var prescriptions = await _db.Prescriptions
            .AsNoTracking()
            .Where(p => p.PatientId == patientId && p.Status == PrescriptionStatus.Active)
            .OrderBy(p => p.DrugName)
            .ToListAsync(ct);

        var items = new List<PrescriptionSummaryDto>(prescriptions.Count);
        foreach (var prescription in prescriptions)
        {
            var lastFill = await _db.FillEvents
                .AsNoTracking()
                .Where(f => f.PrescriptionId == prescription.Id)
                .OrderByDescending(f => f.FilledAt)
                .Select(f => new { f.FilledAt, f.Quantity, f.PharmacyName })
                .FirstOrDefaultAsync(ct);
            DateTimeOffset? lastFilledAt = lastFill?.FilledAt;
            var nextEligibleAt = lastFilledAt is null
                ? DateTimeOffset.UtcNow
                : lastFilledAt.Value.AddDays(prescription.DaysSupply * 0.75);
            items.Add(new PrescriptionSummaryDto(prescription.Id, prescription.DrugName, prescription.Strength,
                prescription.RefillsRemaining, lastFilledAt, nextEligibleAt,
                lastFill?.Quantity, lastFill?.PharmacyName));
        }

        _logger.LogDebug("Dashboard for {PatientId}: {Count} active prescriptions", patientId, items.Count);
        return new DashboardDto(patientId, items);
    }
}
