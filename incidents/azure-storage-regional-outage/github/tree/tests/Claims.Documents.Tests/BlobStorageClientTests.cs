using Azure;
using Azure.Storage.Blobs;
using Halvorsen.Claims.Documents.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Xunit;

namespace Halvorsen.Claims.Documents.Tests;

public class BlobStorageClientTests
{
    [Fact]
    public async Task DownloadAsync_rethrows_storage_failures()
    {
        var service = Substitute.For<BlobServiceClient>();
        var container = Substitute.For<BlobContainerClient>();
        var blob = Substitute.For<BlobClient>();
        service.GetBlobContainerClient("claim-documents").Returns(container);
        container.GetBlobClient("c/d").Returns(blob);
        blob.DownloadStreamingAsync(cancellationToken: default)
            .Returns<Task<Response<Azure.Storage.Blobs.Models.BlobDownloadStreamingResult>>>(_ => throw new RequestFailedException(503, "ServerBusy"));

        var client = new BlobStorageClient(service, NullLogger<BlobStorageClient>.Instance);

        await Assert.ThrowsAsync<RequestFailedException>(() => client.DownloadAsync("claim-documents", "c/d", default));
    }

    [Fact]
    public async Task DownloadAsync_logs_status_and_error_code()
    {
        var service = Substitute.For<BlobServiceClient>();
        var container = Substitute.For<BlobContainerClient>();
        var blob = Substitute.For<BlobClient>();
        service.GetBlobContainerClient("claim-documents").Returns(container);
        container.GetBlobClient("c/d").Returns(blob);
        blob.DownloadStreamingAsync(cancellationToken: default)
            .Returns<Task<Response<Azure.Storage.Blobs.Models.BlobDownloadStreamingResult>>>(_ => throw new RequestFailedException(503, "The server is busy.", "ServerBusy", null));
        var logger = new FakeLogger<BlobStorageClient>();

        var client = new BlobStorageClient(service, logger);

        await Assert.ThrowsAsync<RequestFailedException>(() => client.DownloadAsync("claim-documents", "c/d", default));
        Assert.Contains("status 503, error code ServerBusy", logger.LatestRecord.Message);
    }
}
