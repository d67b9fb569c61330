using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace InvoiceSync.Erp;

/// <summary>
/// Client-credentials tokens for the ERP (Dynamics 365 Finance) OData API.
/// One confidential client per process: MSAL's in-memory app token cache then serves every
/// worker until the token is about to expire (MSAL refreshes it 5 minutes before expiry).
/// </summary>
public sealed class ErpTokenProvider
{
    private readonly IConfidentialClientApplication _app;
    private readonly string[] _scopes;
    private readonly ILogger<ErpTokenProvider> _logger;

    public ErpTokenProvider(IOptions<ErpAuthOptions> options, ILogger<ErpTokenProvider> logger)
    {
        var o = options.Value;
        _scopes = new[] { $"{o.Resource.TrimEnd('/')}/.default" };
        _logger = logger;
        _app = ConfidentialClientApplicationBuilder
            .Create(o.ClientId)
            .WithTenantId(o.TenantId)
            .WithClientSecret(o.ClientSecret)
            .Build();
    }

    public async Task<string> GetTokenAsync(CancellationToken ct)
    {
        try
        {
            var result = await _app.AcquireTokenForClient(_scopes).ExecuteAsync(ct);
            if (result.AuthenticationResultMetadata.TokenSource == TokenSource.IdentityProvider)
            {
                _logger.LogInformation("Acquired ERP access token from {TokenEndpoint}, expires {ExpiresOn:O}",
                    result.AuthenticationResultMetadata.TokenEndpoint, result.ExpiresOn);
            }
            return result.AccessToken;
        }
        catch (MsalServiceException ex)
        {
            _logger.LogError(ex, "ERP token request rejected by Entra ID ({ErrorCode}, HTTP {StatusCode})",
                ex.ErrorCode, ex.StatusCode);
            throw new ErpAuthException("Could not acquire an ERP access token", ex);
        }
    }
}
