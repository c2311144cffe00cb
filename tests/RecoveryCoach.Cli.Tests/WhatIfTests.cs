using Azure.Data.Tables;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Submissions;
using RecoveryCoach.Tests;

namespace RecoveryCoach.Cli.Tests;

/// <summary><c>rules what-if</c> against referrals stored in a real Azurite, under a task hub of this test's own.</summary>
public sealed class WhatIfTests : IAsyncLifetime, IDisposable
{
    private readonly RulesCopy rules = new();
    private readonly string hub = TestServers.NewTaskHub();
    private readonly TableServiceClient service = new(TestServers.StorageConnectionString);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await service.DeleteTableAsync(hub + "Referrals");

    public void Dispose() => rules.Dispose();

    [Fact]
    public async Task A_lower_age_limit_lists_exactly_the_referrals_it_would_flip_and_changes_nothing()
    {
        await StoreAsync("RC-SIXTN1", new DateOnly(2010, 1, 1), "CB1 2AB", daysAgo: 10);
        await StoreAsync("RC-FIFTN1", new DateOnly(2011, 1, 1), "CB1 2AB", daysAgo: 9);
        await StoreAsync("RC-FORTY1", new DateOnly(1986, 3, 10), "PE19 1AB", daysAgo: 8);
        await StoreAsync("RC-SIXTN2", new DateOnly(2010, 3, 1), "CB12 1AB", daysAgo: 7);
        await StoreAsync("RC-SIXTN3", new DateOnly(2010, 1, 1), "CB1 2AB", daysAgo: 120);
        rules.Replace("eligibility.json", "referral.AgeInYears >= 17", "referral.AgeInYears >= 16");
        var before = await SnapshotAsync();

        var run = await Cli.RunAsync("rules", "what-if", rules.Path, "--since", "90d", "--hub", hub, "--connection", TestServers.StorageConnectionString);

        run.Code.Should().Be(0, run.Error);
        run.Output.Should().Contain("4 decided referrals decided again; 0 not yet decided, left out.").And.Contain("2 decisions would change:");
        var rows = run.Lines.Where(l => l.StartsWith("  RC-", StringComparison.Ordinal)).ToList();
        rows.Should().HaveCount(2);
        rows[0].Should().StartWith("  RC-SIXTN1").And.Contain("not eligible (unmet: Aged 17 to 65)").And.Contain("cambridge by \"Cambridge\"").And.EndWith("eligibility.json:Aged 17 to 65");
        rows[1].Should().StartWith("  RC-SIXTN2").And.Contain("triage").And.EndWith("eligibility.json:Aged 17 to 65");
        run.Output.Should().NotContain("Example").And.NotContain("Worried", "what-if shows references and outcomes, nothing personal");
        (await SnapshotAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task A_postcode_rule_change_lists_exactly_the_referrals_from_that_district()
    {
        await StoreAsync("RC-CB12AA", new DateOnly(1986, 3, 10), "CB12 1AB", daysAgo: 3);
        await StoreAsync("RC-CB1AAA", new DateOnly(1986, 3, 10), "CB1 1AB", daysAgo: 2);
        rules.Replace("allocation.json", "\\\"CB7\\\", ", "\\\"CB7\\\", \\\"CB12\\\", ");

        var run = await Cli.RunAsync("rules", "what-if", rules.Path, "--since", "7d", "--hub", hub, "--connection", TestServers.StorageConnectionString);

        run.Code.Should().Be(0, run.Error);
        run.Lines.Where(l => l.StartsWith("  RC-", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().StartWith("  RC-CB12AA").And.Contain("triage").And.Contain("cambridge by \"Cambridge\"").And.EndWith("allocation.json:Cambridge");
    }

    [Fact]
    public async Task The_rules_in_force_would_change_nothing()
    {
        await StoreAsync("RC-FORTY1", new DateOnly(1986, 3, 10), "PE19 1AB", daysAgo: 1);

        var run = await Cli.RunAsync("rules", "what-if", rules.Path, "--hub", hub, "--connection", TestServers.StorageConnectionString);

        run.Code.Should().Be(0, run.Error);
        run.Lines.Should().Contain("No decision would change.");
    }

    [Fact]
    public async Task Storage_that_cannot_be_reached_is_one_line_of_error_and_a_failure()
    {
        // Azurite's published development account, at a port where nothing listens.
        var connection = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + $"TableEndpoint=http://127.0.0.1:{TestServers.ClosedPort()}/devstoreaccount1;";

        var run = await Cli.RunAsync("rules", "what-if", rules.Path, "--hub", hub, "--connection", connection);

        run.Code.Should().Be(1);
        run.Error.Should().StartWith("error: the referrals could not be read from Table Storage: ");
        run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
    }

    [Fact]
    public async Task A_period_it_cannot_read_is_a_usage_error()
    {
        var run = await Cli.RunAsync("rules", "what-if", rules.Path, "--since", "three months", "--hub", hub);

        run.Code.Should().Be(2);
        run.Error.Should().Contain("--since takes a number of days, weeks or hours");
    }

    [Fact]
    public async Task Rules_that_do_not_load_are_reported_and_nothing_is_read()
    {
        rules.Replace("eligibility.json", "referral.AgeInYears >= 17", "referral.Age >= 17");

        var run = await Cli.RunAsync("rules", "what-if", rules.Path, "--hub", hub, "--connection", TestServers.StorageConnectionString);

        run.Code.Should().Be(1);
        run.Lines[0].Should().StartWith("eligibility.json:Aged 17 to 65: ");
    }

    private async Task<List<string>> SnapshotAsync()
    {
        var rows = new List<string>();
        await foreach (var item in service.QueryAsync(t => t.Name.CompareTo(hub) >= 0))
        {
            if (item.Name.StartsWith(hub, StringComparison.Ordinal))
            {
                rows.Add(item.Name);
                await foreach (var row in service.GetTableClient(item.Name).QueryAsync<TableEntity>())
                {
                    rows.Add($"{item.Name}/{row.PartitionKey}/{row.RowKey}/{row.ETag}");
                }
            }
        }

        return rows;
    }

    /// <summary>Stores a referral decided by the shipped rules, as the service would have.</summary>
    private async Task StoreAsync(string reference, DateOnly dateOfBirth, string postcode, int daysAgo)
    {
        var store = new ReferralStore(service, Microsoft.Extensions.Options.Options.Create(new StorageOptions { Connection = StorageConnection.FromConnectionString(TestServers.StorageConnectionString), TablePrefix = hub }));
        var at = DateTimeOffset.UtcNow.AddDays(-daysAgo);
        UkPostcode.TryParse(postcode, out var parsed).Should().BeTrue();
        var details = new ReferralDetails(
            new PersonDetails("Example", "Person", dateOfBirth, null, "person@example.com", null, parsed!, null),
            new ReferrerDetails(ReferrerRelationship.Self, null, null, null, null),
            null,
            true,
            true,
            true,
            "Worried about the end of appointments.");
        var decision = await Ruleset.Load(RulesCopy.Shipped).DecideAsync(EligibilityFacts.For(details, DateOnly.FromDateTime(at.UtcDateTime)), AllocationFacts.For(parsed!));
        var status = !decision.Eligibility.Eligible ? ReferralStatus.Ineligible : decision.Allocation!.NeedsTriage ? ReferralStatus.AwaitingTriage : ReferralStatus.Allocated;
        var referral = new Referral(Guid.NewGuid().ToString("N"), reference, status, details, at, at, decision.Eligibility, decision.Allocation, decision.Journey);
        (await store.CreateAsync(referral, at, [], CancellationToken.None)).Should().BeTrue();
    }
}
