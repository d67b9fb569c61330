using Kittiwake.Billing.Api.Services;
using Microsoft.AspNetCore.Mvc;

namespace Kittiwake.Billing.Api.Controllers;

[ApiController]
[Route("v1/invoices")]
public sealed class InvoicesController(InvoiceCalculationService calculator) : ControllerBase
{
    [HttpPost("calculate")]
    public async Task<ActionResult<InvoiceDraft>> Calculate([FromBody] CalculateRequest request, CancellationToken ct)
    {
        var draft = await calculator.CalculateAsync(request.AccountId, request.PeriodStart, ct);
        return Ok(draft);
    }
}

public sealed record CalculateRequest(string AccountId, DateOnly PeriodStart);
