using System.Diagnostics;
using System.Text.RegularExpressions;
using RecoveryCoach.Referrals.Journey;
using RecoveryCoach.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RecoveryCoach.Web.Tests.Engine;

/// <summary>
/// Two worker processes on one task hub, as two hosts of the service would be: the hub's
/// partitions are shared out between them, both carry journeys, and each journey still takes
/// each step once.
/// </summary>
[Collection(WorkerProcessTests.Name)]
public sealed partial class CompetingWorkersTests(ITestOutputHelper output)
{
    private const int Referrals = 20;

    private static readonly TimeSpan StartUp = TimeSpan.FromSeconds(90);

    /// <summary>DTFx moves partitions between workers in lease rounds 10 s apart.</summary>
    private static readonly TimeSpan Balancing = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Two_worker_processes_on_one_hub_share_its_partitions_and_carry_every_journey_once()
    {
        // host.json ships one partition, which a single worker holds; four let two workers share the hub.
        await using var hub = new WorkerProcessHub { PartitionCount = 4 };
        await hub.RunAsync(async () =>
        {
            // Arrange: both workers up, and the hub's four partitions shared out between them.
            // A partition handed over while messages are in flight can hide them from both
            // workers for controlQueueVisibilityTimeout (90 s in host.json): with DTFx 2.11.2 the
            // worker giving it up was seen to listen on it again after releasing it (the bug of
            // Azure/durabletask#1208). Journeys start once the handover is done.
            var one = hub.StartWorker("worker-a");
            var two = hub.StartWorker("worker-b");
            await Task.WhenAll(one.StartedAsync(StartUp), two.StartedAsync(StartUp), hub.StartClientAsync());
            var sinceStart = Stopwatch.StartNew();
            await Eventually.UntilAsync(hub.Client.Storage.PartitionOwnersAsync, SharedOut, "the two workers should share out the hub's partitions", Balancing, Show, TimeSpan.FromSeconds(1));
            var sharedAfter = sinceStart.Elapsed;

            // Act
            var journeys = await hub.SubmitAsync(Referrals);
            await Task.WhenAll(journeys.Select(ToAgreementAsync));
            var atAgreement = sinceStart.Elapsed - sharedAfter;
            var owners = await hub.Client.Storage.PartitionOwnersAsync();
            var both = JourneysCarriedBy(one).Intersect(JourneysCarriedBy(two)).Count();
            output.WriteLine($"Partitions shared out {sharedAfter.TotalSeconds:0.0} s after both workers started; {Referrals} journeys at their agreement {atAgreement.TotalSeconds:0.0} s later; "
                + $"{one.Name} carried {JourneysCarriedBy(one).Count} of them, {two.Name} {JourneysCarriedBy(two).Count}, both {both}; partitions {Show(owners)}.");

            // Assert
            owners.Values.Should().BeEquivalentTo([one.WorkerId, one.WorkerId, two.WorkerId, two.WorkerId], "each worker holds two of the four partitions");
            JourneysCarriedBy(one).Should().NotBeEmpty($"{one.Name} holds partitions, so it carries the journeys in them");
            JourneysCarriedBy(two).Should().NotBeEmpty($"{two.Name} holds partitions, so it carries the journeys in them");
            JourneysCarriedBy(one).Union(JourneysCarriedBy(two)).Should().BeEquivalentTo(journeys.Select(j => j.Id));
            foreach (var journey in journeys)
            {
                var scheduled = await hub.Client.Storage.ScheduledActivitiesAsync(journey.Id);
                scheduled.Count(a => a == nameof(DecideReferralActivity)).Should().Be(1, $"referral {journey.Id} is decided once in its history");
                scheduled.Count(a => a == nameof(CreateTaskActivity)).Should().Be(2, "the initial conversation and the agreement");
                JourneyDriver.Actions(await journey.StateAsync()).Count(a => a == "task-created").Should().Be(2);
            }

            DecidedBy(one).Concat(DecidedBy(two)).Should().BeEquivalentTo(journeys.Select(j => j.Id), "each referral's decision is stored once, by one worker or the other");
        });
    }

    private static bool SharedOut(Dictionary<string, string?> owners) =>
        owners.Count == 4 && owners.Values.All(o => o is not null) && owners.Values.GroupBy(o => o).All(g => g.Count() == 2);

    private static async Task ToAgreementAsync(JourneyDriver journey)
    {
        var conversation = await journey.TaskOfStageAsync("initial-conversation");
        await journey.ClaimAsync(conversation);
        await journey.CompleteAsync(conversation, Forms.CoachingIsRight(journey.Now));
        await journey.StageAsync("agreement");
    }

    /// <summary>
    /// The journeys a worker ran steps of, from the engine's log line for each message it
    /// processes. Only the owner of an instance's partition processes its control-queue
    /// messages; activity messages ([TaskScheduled]) go to whichever worker asks first, so they do not count.
    /// </summary>
    private static HashSet<string> JourneysCarriedBy(WorkerProcess worker) =>
        [.. worker.Lines.Select(l => Processing().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)];

    /// <summary>The referrals a worker decided, from its log: event 1005 is written once a decision is stored.</summary>
    private static IEnumerable<string> DecidedBy(WorkerProcess worker) =>
        worker.Lines.Select(l => Decided().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value);

    private static string Show(Dictionary<string, string?> owners) => string.Join(", ", owners.Select(p => $"{p.Key}: {p.Value ?? "none"}"));

    [GeneratedRegex(@"DurableTask\.AzureStorage\[140\] (\w+): Processing \[(?!TaskScheduled)")]
    private static partial Regex Processing();

    [GeneratedRegex(@"Referral (\w+) decided as")]
    private static partial Regex Decided();
}
