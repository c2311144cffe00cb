using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Rules.Versions;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Testing.Seeding;

/// <summary>
/// Writes seeded referrals into a task hub's tables through the service's own stores, resolved
/// from the registration every host uses (<see cref="ReferralsServiceCollectionExtensions.AddReferrals"/>),
/// so that whatever follows a store, such as the caseload index, is fed exactly as it is in
/// production, and a page read afterwards finds what it would find after two years of use.
/// </summary>
/// <remarks>
/// Each referral is stored as intake and its journey store it: its reference reserved, the
/// referral with its decision and timeline in one transaction, then its tasks in the order the
/// journey gave them. Referrals are written several at a time, each one's writes in order.
/// </remarks>
public sealed class SeededStore : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private SeededStore(ServiceProvider services) => this.services = services;

    public ReferralStore Referrals => services.GetRequiredService<ReferralStore>();

    public TaskStore Tasks => services.GetRequiredService<TaskStore>();

    /// <summary>The stores of the task hub <paramref name="tablePrefix"/> in the account <paramref name="connectionString"/> names.</summary>
    /// <param name="tablePrefix">The hub's name, as the web app and the Functions app prefix its tables.</param>
    public static SeededStore Open(string connectionString, string tablePrefix)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageConnection.Section] = connectionString })
            .Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging
                .SetMinimumLevel(LogLevel.Warning)
                .AddSimpleConsole(console => console.SingleLine = true)
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace))
            .AddReferrals(configuration, storage => storage.TablePrefix = tablePrefix)
            .BuildServiceProvider();
        return new SeededStore(services);
    }

    /// <summary>Stores every referral and its tasks, and the version of the rules that decided them.</summary>
    /// <param name="rules">The rules the referrals were decided by, kept so each decision names rules that can be read.</param>
    /// <param name="inParallel">Referrals written at once.</param>
    /// <param name="progress">Told the number of referrals written so far, every hundred.</param>
    /// <exception cref="InvalidOperationException">A reference is already taken by another referral.</exception>
    public async Task WriteAsync(
        IReadOnlyList<SeededReferral> referrals, Ruleset rules, int inParallel, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referrals);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inParallel);
        await services.GetRequiredService<RulesetVersionStore>().EnsureStoredAsync(rules, cancellationToken).ConfigureAwait(false);
        var keys = services.GetRequiredService<ReferralKeyStore>();
        var (store, tasks) = (Referrals, Tasks);
        var written = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = inParallel, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(referrals, options, async (seeded, ct) =>
        {
            var referral = seeded.Referral;
            if (!await keys.TryReserveReferenceAsync(referral.Reference, referral.Id, ct).ConfigureAwait(false)
                && await store.GetAsync(referral.Id, ct).ConfigureAwait(false) is null)
            {
                throw new InvalidOperationException($"Reference {referral.Reference} is taken by another referral in this hub.");
            }

            // False when a run before this one stored it; its tasks are then found, not added twice.
            await store.CreateAsync(referral, seeded.DecidedAt, seeded.Audit, ct).ConfigureAwait(false);
            foreach (var task in seeded.Tasks)
            {
                await tasks.CreateAsync(task, ct).ConfigureAwait(false);
            }

            if (Interlocked.Increment(ref written) % 100 == 0)
            {
                progress?.Report(written);
            }
        }).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
