namespace InvoiceSync.Erp;

public sealed class ErpOptions
{
    public const string Section = "Erp";

    /// <summary>Environment URL, e.g. https://northquay-prod.operations.dynamics.com</summary>
    public string BaseUrl { get; set; } = "";
    public string LegalEntity { get; set; } = "NQUK";
}

/// <summary>Entra ID app registration used for client credentials (section "ErpAuth").</summary>
public sealed class ErpAuthOptions
{
    public const string Section = "ErpAuth";

    public string TenantId { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";

    /// <summary>Token audience; the ERP environment URL.</summary>
    public string Resource { get; set; } = "";
}

public sealed class ErpAuthException(string message, Exception inner) : Exception(message, inner);
