using Microsoft.AspNetCore.Mvc;
using Tallyfreight.Dispatch.Api.Data;
using Tallyfreight.Dispatch.Api.Models;

namespace Tallyfreight.Dispatch.Api.Controllers;

[ApiController]
[Route("v1/routes")]
public sealed class RoutesController : ControllerBase
{
    private const int MaxPageSize = 200;
    private readonly RouteRepository _routes;

    public RoutesController(RouteRepository routes) => _routes = routes;

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Get(Guid id, CancellationToken ct)
    {
        var route = await _routes.GetRouteAsync(id, ct);
        return route is null ? NotFound() : Ok(route);
    }

    [HttpGet("{id:guid}/stops")]
    public async Task<IActionResult> GetStops(Guid id, [FromQuery] int page = 1, [FromQuery] int pageSize = 50, CancellationToken ct = default)
    {
        if (page < 1 || pageSize < 1 || pageSize > MaxPageSize)
            return ValidationProblem($"page must be >= 1 and pageSize between 1 and {MaxPageSize}");
        var stops = await _routes.GetStopsAsync(id, page, pageSize, ct);
        return Ok(new { page, pageSize, items = stops });
    }

    [HttpPost("{id:guid}/stops/{stopId:guid}/events")]
    public async Task<IActionResult> PostStopEvent(Guid id, Guid stopId, [FromBody] StopEvent evt, CancellationToken ct)
    {
        var n = await _routes.RecordStopEventAsync(id, stopId, evt, ct);
        return n == 1 ? Accepted() : NotFound();
    }
}
