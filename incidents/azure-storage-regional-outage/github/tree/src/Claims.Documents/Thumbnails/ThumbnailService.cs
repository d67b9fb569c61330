using System.Threading.Channels;
using Halvorsen.Claims.Documents.Storage;
using Microsoft.Extensions.Options;

namespace Halvorsen.Claims.Documents.Thumbnails;

/// <summary>Renders a PNG preview of the first page of uploaded PDFs, off the request path.</summary>
public sealed class ThumbnailService
{
    private readonly Channel<(Guid ClaimId, Guid DocumentId)> _queue =
        Channel.CreateBounded<(Guid, Guid)>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly IBlobStorageClient _blobs;
    private readonly StorageOptions _options;
    private readonly ILogger<ThumbnailService> _logger;

    public ThumbnailService(IBlobStorageClient blobs, IOptions<StorageOptions> options, ILogger<ThumbnailService> logger)
    {
        _blobs = blobs;
        _options = options.Value;
        _logger = logger;
    }

    public ValueTask QueuePreviewAsync(Guid claimId, Guid documentId, CancellationToken ct) =>
        _queue.Writer.WriteAsync((claimId, documentId), ct);

    public async Task RunAsync(CancellationToken ct)
    {
        await foreach (var (claimId, documentId) in _queue.Reader.ReadAllAsync(ct))
        {
            try
            {
                var source = await _blobs.DownloadAsync(_options.DocumentsContainer, $"{claimId}/{documentId}", ct);
                using var png = await PdfPreview.RenderFirstPageAsync(source.Content, maxWidth: 320, ct);
                await _blobs.UploadAsync(_options.ThumbnailsContainer, $"{claimId}/{documentId}.png", png, "image/png", ct);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Thumbnail for {ClaimId}/{DocumentId} not generated", claimId, documentId);
            }
        }
    }
}
