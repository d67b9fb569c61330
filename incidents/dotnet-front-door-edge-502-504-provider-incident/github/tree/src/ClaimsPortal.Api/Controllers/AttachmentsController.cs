using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Mvc;

namespace Quillmoor.ClaimsPortal.Api.Controllers;

[ApiController]
[Route("api/claims/{claimNumber}/attachments")]
public class AttachmentsController(BlobContainerClient container) : ControllerBase
{
    [HttpPost]
    private const long MaxAttachmentBytes = 25L * 1024 * 1024;

    public async Task<IActionResult> Upload(string claimNumber, IFormFile file, CancellationToken ct)
    {
        if (file.Length > MaxAttachmentBytes)
        {
            return Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Attachment too large", detail: "Attachments are limited to 25 MB.");
        }
        var blob = container.GetBlobClient($"{claimNumber}/{Guid.NewGuid():N}-{file.FileName}");
        await using var stream = file.OpenReadStream();
        await blob.UploadAsync(stream, ct);
        return Created(blob.Uri, new { name = blob.Name });
    }
}
