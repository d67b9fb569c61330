using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Quillmoor.ClaimsPortal.Api.Data;

namespace Quillmoor.ClaimsPortal.Api.Controllers;

[ApiController]
[Route("api/claims")]
public class ClaimsController(ClaimsDbContext db) : ControllerBase
{
    [HttpGet("{claimNumber}")]
    public async Task<IActionResult> Get(string claimNumber, CancellationToken ct)
    {
        var claim = await db.Claims.AsNoTracking()
            .Include(c => c.Events)
            .FirstOrDefaultAsync(c => c.Number == claimNumber, ct);
        return claim is null ? NotFound() : Ok(claim);
    }

    [HttpGet]
    public async Task<IActionResult> List([FromQuery] string policy, CancellationToken ct) =>
        Ok(await db.Claims.AsNoTracking().Where(c => c.PolicyNumber == policy)
            .OrderByDescending(c => c.OpenedAt).Take(50).ToListAsync(ct));
}
