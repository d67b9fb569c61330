using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace Halvorsen.Claims.Documents.Storage;

public interface IBlobStorageClient
{
    Task<BlobDownloadStreamingResult> DownloadAsync(string container, string blobName, CancellationToken ct);
    Task UploadAsync(string container, string blobName, Stream content, string contentType, CancellationToken ct);
    Task<bool> ExistsAsync(string container, string blobName, CancellationToken ct);
}

/// <summary>
/// Thin wrapper over the Azure Blob SDK so controllers do not deal with container clients.
/// Retries are configured on the BlobServiceClient (see Program.cs), not here.
/// </summary>
public sealed class BlobStorageClient : IBlobStorageClient
{
    private readonly BlobServiceClient _service;
    private readonly ILogger<BlobStorageClient> _logger;

    public BlobStorageClient(BlobServiceClient service, ILogger<BlobStorageClient> logger)
    {
        _service = service;
        _logger = logger;
    }

    public async Task<BlobDownloadStreamingResult> DownloadAsync(string container, string blobName, CancellationToken ct)
    {
        var blob = _service.GetBlobContainerClient(container).GetBlobClient(blobName);
        try
        {
            var response = await blob.DownloadStreamingAsync(cancellationToken: ct);
            return response.Value;
        }
        catch (RequestFailedException ex)
        {
            // Status/ErrorCode tell a missing document (404 BlobNotFound) apart from a storage
            // failure (503 ServerBusy, 500 OperationTimedOut) without opening the exception.
            _logger.LogError(ex, "Blob download failed for {Container}/{BlobName} (status {Status}, error code {ErrorCode})",
                container, blobName, ex.Status, ex.ErrorCode);
            throw;
        }
    }

    public async Task UploadAsync(string container, string blobName, Stream content, string contentType, CancellationToken ct)
    {
        var blob = _service.GetBlobContainerClient(container).GetBlobClient(blobName);
        try
        {
            await blob.UploadAsync(content, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            }, ct);
        }
        catch (RequestFailedException ex)
        {
            _logger.LogError(ex, "Blob upload failed for {Container}/{BlobName} (status {Status}, error code {ErrorCode})",
                container, blobName, ex.Status, ex.ErrorCode);
            throw;
        }
    }

    public async Task<bool> ExistsAsync(string container, string blobName, CancellationToken ct)
    {
        var blob = _service.GetBlobContainerClient(container).GetBlobClient(blobName);
        var exists = await blob.ExistsAsync(ct);
        return exists.Value;
    }
}
