namespace Bluefinch.Refills.Models;

public enum PrescriptionStatus { Active, Expired, Cancelled }

public sealed class Prescription
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public string DrugName { get; set; } = "";
    public string Strength { get; set; } = "";
    public int DaysSupply { get; set; }
    public int RefillsRemaining { get; set; }
    public PrescriptionStatus Status { get; set; }
}

public sealed class FillEvent
{
    public Guid Id { get; set; }
    public Guid PrescriptionId { get; set; }
    public DateTimeOffset FilledAt { get; set; }
    public int Quantity { get; set; }
    public string PharmacyName { get; set; } = "";
}

public sealed class RefillRequest
{
    public Guid Id { get; set; }
    public Guid PrescriptionId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
}

public sealed record PrescriptionSummaryDto(
    Guid Id,
    string DrugName,
    string Strength,
    int RefillsRemaining,
    DateTimeOffset? LastFilledAt,
    DateTimeOffset NextEligibleAt,
    int? LastFillQuantity = null,
    string? LastFillPharmacy = null);

public sealed record DashboardDto(Guid PatientId, IReadOnlyList<PrescriptionSummaryDto> Prescriptions);
