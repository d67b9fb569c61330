using Fulfillment.Api.Data;
using Microsoft.AspNetCore.Mvc;

namespace Fulfillment.Api.Controllers;

[ApiController]
[Route("api/picklists")]
public sealed class PickListsController : ControllerBase
{
    private readonly PickListRepository _repo;

    public PickListsController(PickListRepository repo) => _repo = repo;

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Get(Guid id, CancellationToken ct)
    {
        var pickList = await _repo.GetAsync(id, ct);
        return pickList is null ? NotFound() : Ok(pickList);
    }

    [HttpPost("{id:guid}/scans")]
    public async Task<IActionResult> RecordScan(Guid id, ScanRequest scan, CancellationToken ct)
    {
        if (scan.Qty <= 0)
        {
            return BadRequest(new { error = "qty must be positive" });
        }

        var result = await _repo.RecordScanAsync(id, scan, ct);
        return Ok(result);
    }

    [HttpPost("{id:guid}/complete")]
    public async Task<IActionResult> Complete(Guid id, CancellationToken ct)
    {
        var done = await _repo.CompleteAsync(id, ct);
        return done ? NoContent() : Conflict(new { error = "pick list is not open" });
    }
}
