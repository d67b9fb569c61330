using Kestrel.Ledger.Domain;
using Kestrel.Ledger.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Kestrel.Ledger.Data;

public sealed class LedgerRepository : ILedgerRepository
{
    private readonly LedgerDbContext _db;
    private readonly ILogger<LedgerRepository> _log;

    public LedgerRepository(LedgerDbContext db, ILogger<LedgerRepository> log)
    {
        _db = db;
        _log = log;
    }

    public async Task<IReadOnlyList<LedgerEntry>> ListEntriesAsync(
        Guid merchantId, EntryCursor? cursor, int pageSize, CancellationToken ct)
    {
        var query = _db.LedgerEntries
            .AsNoTracking()
            .Where(e => e.MerchantId == merchantId);

        if (cursor is { } c)
        {
            // (created_at, id) < (@c, @i), written out so EF can translate it
            query = query.Where(e => e.CreatedAt < c.CreatedAt || (e.CreatedAt == c.CreatedAt && e.Id.CompareTo(c.Id) < 0));
        }

        return await query
            .OrderByDescending(e => e.CreatedAt)
            .ThenByDescending(e => e.Id)
            .Take(pageSize)
            .ToListAsync(ct);
    }

    public async Task<long> GetBalanceMinorAsync(Guid merchantId, string currency, CancellationToken ct)
    {
        return await _db.LedgerEntries
            .AsNoTracking()
            .Where(e => e.MerchantId == merchantId && e.Currency == currency)
            .SumAsync(e => e.AmountMinor, ct);
    }

    public async Task<LedgerEntry> AppendAsync(LedgerEntry entry, CancellationToken ct)
    {
        if (entry.AmountMinor == 0)
            throw new ArgumentException("zero-amount entries are not allowed", nameof(entry));

        var duplicate = await _db.LedgerEntries
            .AsNoTracking()
            .AnyAsync(e => e.MerchantId == entry.MerchantId && e.IdempotencyKey == entry.IdempotencyKey, ct);
        if (duplicate)
            throw new DuplicateEntryException(entry.IdempotencyKey);

        _db.LedgerEntries.Add(entry);
        _db.OutboxMessages.Add(OutboxMessage.For(entry));
        await _db.SaveChangesAsync(ct);

        _log.LogInformation("Appended ledger entry {EntryId} merchant={MerchantId} amount={AmountMinor} {Currency}",
            entry.Id, entry.MerchantId, entry.AmountMinor, entry.Currency);
        return entry;
    }
}
