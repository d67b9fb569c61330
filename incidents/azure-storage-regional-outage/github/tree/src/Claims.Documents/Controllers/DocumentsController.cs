using Halvorsen.Claims.Documents.Storage;
using Halvorsen.Claims.Documents.Thumbnails;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Halvorsen.Claims.Documents.Controllers;

[ApiController]
[Route("api/claims/{claimId:guid}/documents")]
public sealed class DocumentsController : ControllerBase
{
    private readonly IBlobStorageClient _blobs;
    private readonly StorageOptions _options;
    private readonly ThumbnailService _thumbnails;

    public DocumentsController(IBlobStorageClient blobs, IOptions<StorageOptions> options, ThumbnailService thumbnails)
    {
        _blobs = blobs;
        _options = options.Value;
        _thumbnails = thumbnails;
    }

    [HttpPost]
    [RequestSizeLimit(50_000_000)]
    public async Task<IActionResult> Upload(Guid claimId, IFormFile file, CancellationToken ct)
    {
        if (file.Length == 0)
        {
            return BadRequest(new { error = "empty file" });
        }

        var documentId = Guid.NewGuid();
        var blobName = $"{claimId}/{documentId}";
        await using var stream = file.OpenReadStream();
        await _blobs.UploadAsync(_options.DocumentsContainer, blobName, stream, file.ContentType, ct);
        if (file.ContentType == "application/pdf")
        {
            await _thumbnails.QueuePreviewAsync(claimId, documentId, ct);
        }
        return CreatedAtAction(nameof(GetContent), new { claimId, documentId }, new { documentId });
    }

    [HttpGet("{documentId:guid}/content")]
    public async Task<IActionResult> GetContent(Guid claimId, Guid documentId, CancellationToken ct)
    {
        var blobName = $"{claimId}/{documentId}";
        if (!await _blobs.ExistsAsync(_options.DocumentsContainer, blobName, ct))
        {
            return NotFound();
        }

        var result = await _blobs.DownloadAsync(_options.DocumentsContainer, blobName, ct);
        return File(result.Content, result.Details.ContentType ?? "application/octet-stream");
    }

    [HttpGet("{documentId:guid}/thumbnail")]
    public async Task<IActionResult> GetThumbnail(Guid claimId, Guid documentId, CancellationToken ct)
    {
        var blobName = $"{claimId}/{documentId}.png";
        if (!await _blobs.ExistsAsync(_options.ThumbnailsContainer, blobName, ct))
        {
            return NotFound();
        }

        var result = await _blobs.DownloadAsync(_options.ThumbnailsContainer, blobName, ct);
        return File(result.Content, "image/png");
    }
}
