using System.IO.Compression;
using System.Text;

namespace RecoveryCoach.Durable.Storage;

/// <summary>
/// Text too large for a table property or a queue message, kept gzipped in a blob and referred
/// to by name. Blob names derive from where the payload belongs, so writing one twice is harmless.
/// </summary>
internal sealed class LargePayloads(TaskHubStorage storage)
{
    /// <summary>Table string properties hold 64 KiB, that is 32K UTF-16 characters; keep well under.</summary>
    public const int MaxInlineTableChars = 30_000;

    /// <summary>Queue messages hold 64 KiB; keep well under.</summary>
    public const int MaxInlineQueueChars = 45_000;

    public async Task<string> UploadAsync(string blobName, string text, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        }

        buffer.Position = 0;
        await storage.LargePayloads.GetBlobClient(blobName).UploadAsync(buffer, overwrite: true, cancellationToken).ConfigureAwait(false);
        return blobName;
    }

    public async Task<string> DownloadAsync(string blobName, CancellationToken cancellationToken)
    {
        var content = await storage.LargePayloads.GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var gzip = new GZipStream(content.Value.Content, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteForInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await foreach (var blob in storage.LargePayloads.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, instanceId + "/", cancellationToken).ConfigureAwait(false))
        {
            await storage.LargePayloads.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
