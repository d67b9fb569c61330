using Azure.Core;
using Azure.Identity;

namespace Tallyfreight.Dispatch.Api.Data;

/// <summary>Entra ID tokens for Azure Database for PostgreSQL (workload identity).</summary>
public static class EntraTokenProvider
{
    private static readonly TokenCredential Credential = new DefaultAzureCredential();
    private static readonly string[] Scopes = { "https://ossrdbms-aad.database.windows.net/.default" };

    public static async ValueTask<string> GetPostgresTokenAsync(CancellationToken ct)
    {
        var token = await Credential.GetTokenAsync(new TokenRequestContext(Scopes), ct);
        return token.Token;
    }
}
