namespace Halvorsen.Claims.Documents.Storage;

public sealed class StorageOptions
{
    public string BlobEndpoint { get; set; } = string.Empty;
    public string DocumentsContainer { get; set; } = "claim-documents";
    public string ThumbnailsContainer { get; set; } = "claim-thumbnails";
    public int MaxRetries { get; set; } = 5;
    public int NetworkTimeoutSeconds { get; set; } = 100;
}
