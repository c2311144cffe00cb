using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Rules.Versions;

/// <summary>
/// Keeps every version of the rules that has decided a referral in the <c>{TaskHub}RulesetVersions</c>
/// table, so anyone can see, long after the files have changed, exactly which rules decided a
/// referral. One partition per version: a header row with the first-use time, written last, and
/// the files' text in rows of at most 30,000 characters, below a table property's 32K limit.
/// </summary>
public sealed class RulesetVersionStore
{
    internal const string TableName = "RulesetVersions";
    internal const string HeaderRow = "version";
    internal const int ChunkCharacters = 30_000;

    /// <summary>Rows per transaction: at most 100 are allowed, and 30 chunks stay under the 4 MB payload limit whatever the text.</summary>
    private const int RowsPerTransaction = 30;

    private readonly CreatedTable table;
    private readonly TimeProvider time;
    private readonly ILogger<RulesetVersionStore> logger;
    private readonly ConcurrentDictionary<string, bool> stored = new(StringComparer.Ordinal);

    public RulesetVersionStore(TableServiceClient service, IOptions<StorageOptions> options, TimeProvider time, ILogger<RulesetVersionStore> logger)
    {
        table = CreatedTable.Named(service, options, TableName);
        this.time = time;
        this.logger = logger;
    }

    /// <summary>
    /// Stores <paramref name="ruleset"/>'s files under its version unless they are already there.
    /// Call it before recording a decision, so no decision names a version that was never kept.
    /// Safe to call from any number of hosts at once: the text rows are the same whoever writes
    /// them, and the first header written keeps the first-use time.
    /// </summary>
    public async Task EnsureStoredAsync(Ruleset ruleset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ruleset);
        var version = ruleset.Version;
        if (stored.ContainsKey(version))
        {
            return;
        }

        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var header = await client.GetEntityIfExistsAsync<TableEntity>(version, HeaderRow, ["PartitionKey"], cancellationToken).ConfigureAwait(false);
        if (!header.HasValue)
        {
            await WriteAsync(client, ruleset.Contents, cancellationToken).ConfigureAwait(false);
        }

        stored[version] = true;
    }

    /// <summary>A stored version with its files, or null when that version never decided a referral here.</summary>
    /// <exception cref="InvalidDataException">The stored text no longer hashes to its version.</exception>
    public async Task<StoredRulesetVersion?> GetAsync(string version, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<TableEntity>();
        await foreach (var row in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {version}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        var header = rows.Find(r => r.RowKey == HeaderRow);
        if (header is null)
        {
            return null;
        }

        var counts = JsonSerializer.Deserialize<Dictionary<string, int>>(header.GetString("Files")) ?? [];
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, count) in counts)
        {
            texts[file] = string.Concat(Enumerable.Range(0, count).Select(i =>
                rows.Find(r => r.RowKey == ChunkRow(file, i))?.GetString("Text")
                ?? throw new InvalidDataException($"Rules version {version} is missing part {i} of {file}.")));
        }

        var files = new RuleFiles(texts, $"rules version {version}");
        return files.Version == version
            ? new StoredRulesetVersion(version, header.GetDateTimeOffset("FirstUsedAt")!.Value, files)
            : throw new InvalidDataException($"The files stored for rules version {version} hash to {files.Version}.");
    }

    /// <summary>
    /// The files of <paramref name="version"/>: as stored, or those of the rules in force when it
    /// is their version and they have not decided anything yet; null when neither.
    /// </summary>
    public async Task<RuleFiles?> FilesOfAsync(string version, Ruleset inForce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inForce);
        var stored = await GetAsync(version, cancellationToken).ConfigureAwait(false);
        return stored?.Files ?? (version == inForce.Version ? inForce.Contents : null);
    }

    /// <summary>Every stored version and when it was first used, newest first, without their files.</summary>
    public async Task<IReadOnlyList<(string Version, DateTimeOffset FirstUsedAt)>> ListAsync(CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var versions = new List<(string, DateTimeOffset)>();
        var query = client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {HeaderRow}"), select: ["PartitionKey", "FirstUsedAt"], cancellationToken: cancellationToken);
        await foreach (var row in query.ConfigureAwait(false))
        {
            versions.Add((row.PartitionKey, row.GetDateTimeOffset("FirstUsedAt")!.Value));
        }

        return [.. versions.OrderByDescending(v => v.Item2)];
    }

    private async Task WriteAsync(TableClient client, RuleFiles files, CancellationToken cancellationToken)
    {
        var version = files.Version;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<TableEntity>();
        foreach (var (file, text) in files.Texts.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var chunks = Chunks(text);
            counts[file] = chunks.Count;
            rows.AddRange(chunks.Select((chunk, i) => new TableEntity(version, ChunkRow(file, i)) { ["Text"] = chunk }));
        }

        foreach (var batch in rows.Chunk(RowsPerTransaction))
        {
            await client.SubmitTransactionAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken).ConfigureAwait(false);
        }

        var header = new TableEntity(version, HeaderRow) { ["FirstUsedAt"] = time.GetUtcNow(), ["Files"] = JsonSerializer.Serialize(counts) };
        try
        {
            await client.AddEntityAsync(header, cancellationToken).ConfigureAwait(false);
            logger.RulesetVersionStored(version);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Another host stored this version first, and its first-use time stands.
        }
    }

    /// <summary>Pieces of at most <see cref="ChunkCharacters"/>, never splitting a character written as two UTF-16 units.</summary>
    private static List<string> Chunks(string text)
    {
        var chunks = new List<string>();
        var start = 0;
        do
        {
            var length = Math.Min(ChunkCharacters, text.Length - start);
            if (length == ChunkCharacters && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }

            chunks.Add(text.Substring(start, length));
            start += length;
        }
        while (start < text.Length);
        return chunks;
    }

    private static string ChunkRow(string file, int index) => $"file-{file}-{index:D4}";
}
