using Bluefinch.Refills.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Bluefinch.Refills.Controllers;

[ApiController]
[Authorize(Policy = "PatientOrPharmacist")]
[Route("api/patients/{patientId:guid}/dashboard")]
public sealed class DashboardController : ControllerBase
{
    private readonly PatientDashboardService _dashboard;

    public DashboardController(PatientDashboardService dashboard)
    {
        _dashboard = dashboard;
    }

    [HttpGet]
    public async Task<IActionResult> Get(Guid patientId, CancellationToken ct)
    {
        var dashboard = await _dashboard.GetDashboardAsync(patientId, ct);
        return Ok(dashboard);
    }
}
