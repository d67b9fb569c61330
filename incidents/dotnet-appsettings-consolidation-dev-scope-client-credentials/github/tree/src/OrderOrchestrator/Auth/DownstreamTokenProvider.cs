using Azure.Core;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace OrderOrchestrator.Auth;

public sealed class DownstreamTokenProvider : IDownstreamTokenProvider
{
    private readonly IConfidentialClientApplication _app;
    private readonly ILogger<DownstreamTokenProvider> _logger;

    public DownstreamTokenProvider(IConfidentialClientApplication app, ILogger<DownstreamTokenProvider> logger)
    {
        _app = app;
        _logger = logger;
    }

    public async Task<string> GetTokenAsync(DownstreamApiOptions api, CancellationToken ct)
    {
        AuthenticationResult result;
        try
        {
            result = await _app
                .AcquireTokenForClient(api.Scopes)
                .ExecuteAsync(ct)
                .ConfigureAwait(false);
        }
        catch (MsalServiceException ex)
        {
            _logger.LogError(ex, "Token acquisition failed for {Api} (error {MsalError}, correlation {CorrelationId})",
                api.Name, ex.ErrorCode, ex.CorrelationId);
            throw;
        }

        _logger.LogDebug("Token for {Api} from {Source}, expires {ExpiresOn}",
            api.Name, result.AuthenticationResultMetadata.TokenSource, result.ExpiresOn);
        return result.AccessToken;
    }
}
