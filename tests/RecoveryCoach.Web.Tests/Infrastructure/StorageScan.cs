using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>Where a scan of the storage account found one of the values looked for.</summary>
/// <param name="Place">The table, queue or container and the row, message or blob, such as <c>table Hub1Referrals abc/referral</c>.</param>
/// <param name="Needle">The value found there.</param>
public sealed record StorageFinding(string Place, string Needle)
{
    public override string ToString() => $"{Needle} in {Place}";
}

/// <summary>
/// Reads everything in the test servers' storage account, every table's every row and column,
/// every queue's visible messages and every blob of every container, and reports where any of
/// the given values appears. Values are compared in lower case with spaces taken out, so
/// <c>943 476 5919</c> is found as <c>9434765919</c> and <c>Alex</c> in a search key <c>alex</c>.
/// Tables, queues and blobs that other tests remove while it reads are passed over.
/// </summary>
public static class StorageScan
{
    private const int MaxPeek = 32;

    public static async Task<IReadOnlyList<StorageFinding>> FindAsync(IReadOnlyCollection<string> values)
    {
        var needles = values.Select(Normalise).Where(n => n.Length > 0).Distinct().ToList();
        var found = new List<StorageFinding>();
        void Look(string place, string? text)
        {
            var haystack = Normalise(text);
            found.AddRange(needles.Where(n => haystack.Contains(n, StringComparison.Ordinal)).Select(n => new StorageFinding(place, n)));
        }

        var tables = new TableServiceClient(TestServers.StorageConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            await ForgivingAsync(async () =>
            {
                await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
                {
                    var place = $"table {table.Name} {row.PartitionKey}/{row.RowKey}";
                    Look(place, row.PartitionKey);
                    Look(place, row.RowKey);
                    foreach (var (column, value) in row)
                    {
                        Look($"{place} {column}", Convert.ToString(value, CultureInfo.InvariantCulture));
                    }
                }
            });
        }

        var queues = new QueueServiceClient(TestServers.StorageConnectionString);
        await foreach (var queue in queues.GetQueuesAsync())
        {
            await ForgivingAsync(async () =>
            {
                foreach (var message in (await queues.GetQueueClient(queue.Name).PeekMessagesAsync(MaxPeek)).Value)
                {
                    Look($"queue {queue.Name} {message.MessageId}", message.Body.ToString());
                }
            });
        }

        var blobs = new BlobServiceClient(TestServers.StorageConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync())
        {
            await ForgivingAsync(async () =>
            {
                var client = blobs.GetBlobContainerClient(container.Name);
                await foreach (var blob in client.GetBlobsAsync())
                {
                    Look($"container {container.Name} {blob.Name}", blob.Name);
                    await ForgivingAsync(async () => Look($"container {container.Name} {blob.Name}", Text((await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray())));
                }
            });
        }

        return found;
    }

    /// <summary>A blob's text, unzipped first when it is gzip, as the engine stores large messages.</summary>
    private static string Text(byte[] content)
    {
        if (content is [0x1f, 0x8b, ..])
        {
            using var unzipped = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(new MemoryStream(content), System.IO.Compression.CompressionMode.Decompress))
            {
                gzip.CopyTo(unzipped);
            }

            content = unzipped.ToArray();
        }

        return System.Text.Encoding.UTF8.GetString(content);
    }

    private static string Normalise(string? text) => (text ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    private static async Task ForgivingAsync(Func<Task> read)
    {
        try
        {
            await read();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Removed by another test while this one read it.
        }
    }
}
