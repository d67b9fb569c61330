using Fabrikam.Recommendations.Api.Services;
using Microsoft.AspNetCore.Mvc;

namespace Fabrikam.Recommendations.Api.Controllers;

[ApiController]
[Route("api/v2/customers/{customerId:guid}/recommendations")]
public sealed class RecommendationsController : ControllerBase
{
    private readonly RecommendationService _service;
    private readonly IConfiguration _config;

    public RecommendationsController(RecommendationService service, IConfiguration config)
    {
        _service = service;
        _config = config;
    }

    [HttpGet]
    [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client, VaryByQueryKeys = new[] { "count" })]
    public async Task<ActionResult<IReadOnlyList<RecommendedProduct>>> Get(Guid customerId,
        [FromQuery] int? count, CancellationToken ct)
    {
        var max = _config.GetValue("Recommendations:MaxCount", 48);
        var n = Math.Clamp(count ?? _config.GetValue("Recommendations:DefaultCount", 12), 1, max);
        var items = await _service.GetRecommendationsAsync(customerId, n, ct);
        Response.Headers["X-Reco-Count"] = items.Count.ToString();
        return Ok(items);
    }
}
