using Kestrel.Ledger.Domain;
using Kestrel.Ledger.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Kestrel.Ledger.Data;

public sealed class LedgerDbContext : DbContext
{
    public LedgerDbContext(DbContextOptions<LedgerDbContext> options) : base(options) { }

    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LedgerEntry>(entity =>
        {
            entity.ToTable("ledger_entries");
            entity.HasKey(e => e.Id);
            entity.Property(e => e.Currency).HasMaxLength(3).IsFixedLength();
            entity.Property(e => e.IdempotencyKey).HasMaxLength(64);
            entity.HasIndex(e => new { e.MerchantId, e.IdempotencyKey })
                .IsUnique()
                .HasDatabaseName("ux_ledger_entries_merchant_id_idempotency_key");
            entity.HasIndex(e => e.ReversalOf).HasDatabaseName("ix_ledger_entries_reversal_of");
            entity.HasIndex(e => new { e.MerchantId, e.CreatedAt })
                .IsDescending(false, true)
                .HasDatabaseName("ix_ledger_entries_merchant_id_created_at");
        });

        modelBuilder.Entity<OutboxMessage>(entity =>
        {
            entity.ToTable("outbox_messages");
            entity.HasKey(e => e.Id);
            entity.HasIndex(e => e.PublishedAt).HasFilter("published_at IS NULL");
        });
    }
}
