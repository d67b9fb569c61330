using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace InvoiceSync.Erp;

public sealed class ErpClient(HttpClient http, ErpTokenProvider tokens, IOptions<ErpOptions> options, ILogger<ErpClient> logger)
{
    private readonly ErpOptions _options = options.Value;

    public async Task PushInvoiceAsync(VendorInvoice invoice, CancellationToken ct)
    {
        var token = await tokens.GetTokenAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, "data/VendorInvoiceHeaders")
        {
            Content = JsonContent.Create(invoice.ToODataHeader(_options.LegalEntity)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        logger.LogDebug("ERP request {Method} {Path} Authorization: {Authorization}", request.Method, request.RequestUri, request.Headers.Authorization);

        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new ErpRequestException(response.StatusCode, body);
        }
    }
}
