using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Rules.Hosts;

/// <summary>
/// Which rules each running host holds, in the <c>{TaskHub}RulesHosts</c> table: one row per
/// instance, rewritten as it reports. The web app decides nothing but shows the rules; the
/// Functions app decides; the Rules page reads this table so that the two can be seen to agree.
/// </summary>
public sealed class RulesHostStore(TableServiceClient service, IOptions<StorageOptions> options)
{
    internal const string TableName = "RulesHosts";
    private const string Partition = "hosts";

    /// <summary>How long an instance counts as running after its last report: three missed reports.</summary>
    public static readonly TimeSpan Lifetime = RulesHostReporter.ReportEvery * 3;

    private readonly CreatedTable table = CreatedTable.Named(service, options, TableName);

    public async Task ReportAsync(RulesHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(Partition, Uri.EscapeDataString($"{host.Host}|{host.Instance}"))
        {
            ["Host"] = host.Host,
            ["Instance"] = host.Instance,
            ["Version"] = host.Version,
            ["LoadedAt"] = host.LoadedAt,
            ["SeenAt"] = host.SeenAt,
        };
        await client.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The instances that reported within <see cref="Lifetime"/> of <paramref name="now"/>, by host.</summary>
    public async Task<IReadOnlyList<RulesHost>> ListRunningAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hosts = new List<RulesHost>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and SeenAt ge {now - Lifetime}");
        try
        {
            await foreach (var row in table.Existing.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                hosts.Add(new RulesHost(row.GetString("Host"), row.GetString("Instance"), row.GetString("Version"), row.GetDateTimeOffset("LoadedAt")!.Value, row.GetDateTimeOffset("SeenAt")!.Value));
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // No host has reported yet.
        }

        return [.. hosts.OrderBy(h => h.Host, StringComparer.Ordinal).ThenBy(h => h.Instance, StringComparer.Ordinal)];
    }
}
