using Kestrel.Ledger.Data;
using Microsoft.AspNetCore.Http;
using Kestrel.Ledger.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Kestrel.Ledger.Api;

[ApiController]
[Route("v1/ledger")]
public sealed class LedgerEntriesController : ControllerBase
{
    private readonly ILedgerRepository _repo;

    public LedgerEntriesController(ILedgerRepository repo) => _repo = repo;

    [HttpGet("merchants/{merchantId:guid}/entries")]
    public async Task<IActionResult> List(Guid merchantId, [FromQuery] string? cursor = null,
        [FromQuery] int pageSize = 50, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        var entries = await _repo.ListEntriesAsync(merchantId, EntryCursor.Decode(cursor), pageSize, ct);
        var next = entries.Count == pageSize ? EntryCursor.Encode(entries[^1]) : null;
        return Ok(new { data = entries.Select(LedgerEntryDto.From), nextCursor = next, pageSize });
    }

    [HttpGet("merchants/{merchantId:guid}/balance/{currency}")]
    public async Task<IActionResult> Balance(Guid merchantId, string currency, CancellationToken ct)
    {
        var minor = await _repo.GetBalanceMinorAsync(merchantId, currency.ToUpperInvariant(), ct);
        return Ok(new { merchantId, currency, balanceMinor = minor });
    }

    [HttpPost("entries")]
    public async Task<IActionResult> Post(CreateLedgerEntryRequest request, CancellationToken ct)
    {
        var entry = LedgerEntry.Create(request.MerchantId, request.AmountMinor, request.Currency,
            request.Kind, request.IdempotencyKey, request.Reference);
        try
        {
            var saved = await _repo.AppendAsync(entry, ct);
            return Created($"/v1/ledger/entries/{saved.Id}", LedgerEntryDto.From(saved));
        }
        catch (DuplicateEntryException)
        {
            return Conflict(new { error = "duplicate_idempotency_key" });
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            Response.Headers.RetryAfter = "10";
            return Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "ledger temporarily unavailable");
        }
    }
}
