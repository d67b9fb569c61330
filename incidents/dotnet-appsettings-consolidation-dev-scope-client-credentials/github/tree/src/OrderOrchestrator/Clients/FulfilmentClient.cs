using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using OrderOrchestrator.Auth;

namespace OrderOrchestrator.Clients;

public sealed class FulfilmentClient
{
    private readonly HttpClient _http;
    private readonly IDownstreamTokenProvider _tokens;
    private readonly DownstreamApiOptions _options;

    public FulfilmentClient(HttpClient http, IDownstreamTokenProvider tokens, IOptionsMonitor<DownstreamApiOptions> options)
    {
        _http = http;
        _tokens = tokens;
        _options = options.Get("Fulfilment");
    }

    public async Task<ShipmentCreated> CreateShipmentAsync(ShipmentRequest request, CancellationToken ct)
    {
        var token = await _tokens.GetTokenAsync(_options, ct);
        using var msg = new HttpRequestMessage(HttpMethod.Post, "v2/shipments")
        {
            Content = JsonContent.Create(request)
        };
        msg.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        msg.Headers.Add("Idempotency-Key", request.OrderId);

        using var response = await _http.SendAsync(msg, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ShipmentCreated>(cancellationToken: ct))!;
    }
}
