using System.Globalization;
using System.Text.RegularExpressions;

namespace RecoveryCoach.Benchmarks.Reporting;

/// <summary>One storage request as Azurite logged it.</summary>
/// <param name="Service">Blob, Queue or Table.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Resource">The table, queue (with <c>/messages</c>) or container and blob, without the query.</param>
/// <param name="Query">The rest of the URL, decoded: keys, filters and selected columns.</param>
public sealed record StorageRequest(DateTimeOffset At, string Service, string Method, string Resource, string Query)
{
    /// <summary>The benchmark's own watch on the Instances table (<see cref="Service.HubTables"/>), which is not the service's cost.</summary>
    public bool IsBenchmarks => Query.Contains("$select=PartitionKey,RuntimeStatus,CustomStatus", StringComparison.Ordinal);
}

/// <summary>
/// Reads Azurite's <c>--debug</c> log, which has one <c>…StorageContextMiddleware: RequestMethod=…
/// RequestURL=…</c> line for every request it receives. Counting there sees every request any
/// client sent, with nothing added to the process being measured.
/// </summary>
public static partial class AzuriteRequestLog
{
    public static IReadOnlyList<StorageRequest> Read(string path, DateTimeOffset from, DateTimeOffset to)
    {
        var requests = new List<StorageRequest>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var match = RequestLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var at = DateTimeOffset.Parse(match.Groups["at"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            if (at >= from && at < to)
            {
                requests.Add(new StorageRequest(
                    at, match.Groups["service"].Value, match.Groups["method"].Value, Uri.UnescapeDataString(match.Groups["resource"].Value), Uri.UnescapeDataString(match.Groups["query"].Value)));
            }
        }

        return requests;
    }

    /// <summary>
    /// What a request is for (for queues and tables, with the HTTP method: GET reads or receives,
    /// POST inserts or puts a message, PUT and MERGE update, DELETE deletes): the worker's control and work-item queues, its partition leases
    /// (table or blob), its app lease, its Instances and History tables, table transactions
    /// (DTFx's history appends and the app's own), or the app's own tables (referrals, tasks,
    /// rules versions).
    /// </summary>
    public static string Purpose(StorageRequest request, string hub)
    {
        ArgumentNullException.ThrowIfNull(request);
        var lower = hub.ToLowerInvariant();
        var resource = request.Resource;
        return resource switch
        {
            _ when resource.StartsWith($"{lower}-control-", StringComparison.Ordinal) => $"control queues ({request.Method})",
            _ when resource.StartsWith($"{lower}-workitems", StringComparison.Ordinal) => $"work-item queue ({request.Method})",
            _ when resource.StartsWith($"{hub}Partitions", StringComparison.Ordinal) => "partition leases (table)",
            _ when resource.StartsWith($"{lower}-leases", StringComparison.Ordinal) => "partition leases (blob)",
            _ when resource.StartsWith($"{lower}-applease", StringComparison.Ordinal) => "app lease (blob)",
            _ when resource.StartsWith($"{hub}Instances", StringComparison.Ordinal) => $"Instances table ({request.Method})",
            _ when resource.StartsWith($"{hub}History", StringComparison.Ordinal) => $"History table ({request.Method})",
            _ when resource.StartsWith(hub, StringComparison.Ordinal) => "the app's own tables (single requests)",
            "$batch" => "table transactions ($batch: history appends and the app's own)",
            _ when request.Service == "Blob" => "blobs (large messages and other)",
            _ => "other",
        };
    }

    [GeneratedRegex(@"^(?<at>\S+) \S+ info: (?<service>Blob|Queue|Table)StorageContextMiddleware: RequestMethod=(?<method>[A-Z]+) RequestURL=https?://[^/]+/[^/]+/(?<resource>[^ ?(]*)(?<query>\S*)")]
    private static partial Regex RequestLine();
}
