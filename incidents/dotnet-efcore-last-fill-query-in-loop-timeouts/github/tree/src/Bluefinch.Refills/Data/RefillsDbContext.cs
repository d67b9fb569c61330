using Bluefinch.Refills.Models;
using Microsoft.EntityFrameworkCore;

namespace Bluefinch.Refills.Data;

public sealed class RefillsDbContext : DbContext
{
    public RefillsDbContext(DbContextOptions<RefillsDbContext> options) : base(options)
    {
    }

    public DbSet<Prescription> Prescriptions => Set<Prescription>();
    public DbSet<FillEvent> FillEvents => Set<FillEvent>();
    public DbSet<RefillRequest> RefillRequests => Set<RefillRequest>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Prescription>(e =>
        {
            e.HasKey(p => p.Id);
            e.HasIndex(p => new { p.PatientId, p.Status });
            e.Property(p => p.DrugName).HasMaxLength(200);
        });
        b.Entity<FillEvent>(e =>
        {
            e.HasKey(f => f.Id);
            // Reporting reads fills by date range; 41M rows.
            e.HasIndex(f => f.FilledAt);
            e.Property(f => f.PharmacyName).HasMaxLength(120);
        });
        b.Entity<RefillRequest>(e => e.HasKey(r => r.Id));
    }
}
