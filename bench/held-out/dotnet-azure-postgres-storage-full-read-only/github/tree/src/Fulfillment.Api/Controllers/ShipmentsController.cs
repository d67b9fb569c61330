using System.Net.Http.Json;
using System.Text.Json;
using Fulfillment.Api.Data;
using Microsoft.AspNetCore.Mvc;

namespace Fulfillment.Api.Controllers;

[ApiController]
[Route("api/shipments")]
public sealed class ShipmentsController : ControllerBase
{
    private readonly ShipmentRepository _repo;
    private readonly IHttpClientFactory _http;

    public ShipmentsController(ShipmentRepository repo, IHttpClientFactory http)
    {
        _repo = repo;
        _http = http;
    }

    [HttpGet("{id:guid}/label")]
    public async Task<IActionResult> GetLabel(Guid id, CancellationToken ct)
    {
        var label = await _repo.GetLabelAsync(id, ct);
        return label is null ? NotFound() : Ok(label);
    }

    [HttpPost("{id:guid}/label")]
    public async Task<IActionResult> CreateLabel(Guid id, LabelRequest request, CancellationToken ct)
    {
        var carrier = _http.CreateClient("carrier");
        using var response = await carrier.PostAsJsonAsync("labels", new
        {
            reference = id,
            carrier = request.Carrier,
            service = request.ServiceLevel,
            weight_kg = request.WeightKg,
        }, ct);
        response.EnsureSuccessStatusCode();
        var raw = await response.Content.ReadAsStringAsync(ct);
        var created = JsonSerializer.Deserialize<CarrierLabel>(raw, JsonOptions)
            ?? throw new InvalidOperationException("carrier returned an empty label");

        var label = new Label(id, request.Carrier, created.TrackingNumber, created.LabelUrl);
        await _repo.InsertLabelAsync(label, raw, ct);
        return Created($"/api/shipments/{id}/label", label);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record CarrierLabel(string TrackingNumber, string LabelUrl);
}
