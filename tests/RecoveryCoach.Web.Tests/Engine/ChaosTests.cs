using RecoveryCoach.Web.Tests.Engine.Chaos;
using Xunit.Abstractions;

namespace RecoveryCoach.Web.Tests.Engine;

/// <summary>
/// The short chaos run (<see cref="ChaosPlan.Quick"/>, or what the <c>CHAOS_*</c> variables set,
/// as <c>./chaos.sh</c> does): nothing accepted is lost, no email goes twice, no journey is left
/// stuck. How long recovery took after each break is reported, not asserted: a killed worker's
/// messages come back after host.json's visibility timeouts, 90 s.
/// </summary>
[Collection(WorkerProcessTests.Name)]
public sealed class ChaosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Through_worker_kills_an_azurite_outage_and_an_smtp_outage_nothing_is_lost_sent_twice_or_stuck()
    {
        var plan = ChaosPlan.FromEnvironment();

        var report = await new ChaosRun(plan, line =>
        {
            output.WriteLine(line);
            Console.WriteLine(line);
        }).RunAsync();
        output.WriteLine(report.ToString());
        Console.WriteLine(report.ToString());

        report.Accepted.Should().Be(plan.Journeys, report.ToString());
        report.Lost.Should().BeEmpty(report.ToString());
        report.DuplicateEmails.Should().BeEmpty(report.ToString());
        report.Stuck.Should().BeEmpty(report.ToString());
        report.Closed.Should().Be(plan.Journeys);
        report.Events.Should().HaveCount(plan.Kills + plan.AzuriteOutages + 1, "every break happened");
    }
}
