using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SeatReservation.Api.Data;

namespace SeatReservation.Api.Holds;

public sealed class SeatHoldService(ReservationsDbContext db, IOptions<HoldOptions> options, ILogger<SeatHoldService> log)
{
    public async Task<HoldResult> PlaceHoldAsync(HoldRequest request, CancellationToken ct)
    {
        if (request.Seats.Count > options.Value.MaxSeatsPerHold)
            return HoldResult.TooManySeats(options.Value.MaxSeatsPerHold);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var taken = await db.SeatHolds
            .Where(h => h.ServiceId == request.ServiceId && request.Seats.Contains(h.SeatId) && h.ExpiresAt > DateTimeOffset.UtcNow)
            .Select(h => h.SeatId)
            .ToListAsync(ct);
        if (taken.Count > 0)
        {
            log.LogDebug("Hold conflict on {ServiceId}: seats {Seats} already held", request.ServiceId, taken);
            return HoldResult.Conflict(taken);
        }

        var hold = SeatHold.Create(request, TimeSpan.FromSeconds(options.Value.TtlSeconds));
        db.SeatHolds.Add(hold);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        log.LogDebug("Hold {HoldId} placed on {ServiceId} for {Count} seats", hold.Id, request.ServiceId, request.Seats.Count);
        return HoldResult.Placed(hold);
    }
}

public sealed class HoldOptions
{
    public int TtlSeconds { get; set; } = 600;
    public int MaxSeatsPerHold { get; set; } = 9;
}
