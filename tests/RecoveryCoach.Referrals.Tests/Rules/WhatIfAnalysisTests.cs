using Azure.Data.Tables;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Rules.WhatIf;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Submissions;
using RecoveryCoach.Referrals.Tests.Storage;

namespace RecoveryCoach.Referrals.Tests.Rules;

/// <summary>What-if against referrals really stored in Azurite, decided by the shipped rules.</summary>
public sealed class WhatIfAnalysisTests : StorageTestBase, IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Since = Day.AddDays(-90);

    private readonly RuleFolder folder = new();
    private readonly ReferralStore store;
    private int stored;

    public WhatIfAnalysisTests() => store = new ReferralStore(Service, Options);

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Unchanged_rules_change_no_decision()
    {
        await StoreDecidedAsync("RC-AAAAAA", new DateOnly(1986, 3, 10), "CB1 2AB");
        await StoreDecidedAsync("RC-BBBBBB", new DateOnly(2010, 1, 1), "CB1 2AB");

        var report = await WhatIfAnalysis.RunAsync(folder.Load(), store, Since, CancellationToken.None);

        report.Changes.Should().BeEmpty();
        report.Considered.Should().Be(2);
    }

    [Fact]
    public async Task A_lower_age_limit_flips_exactly_the_sixteen_year_olds()
    {
        await StoreDecidedAsync("RC-SIXTN1", new DateOnly(2010, 1, 1), "CB1 2AB");
        await StoreDecidedAsync("RC-FIFTN1", new DateOnly(2011, 1, 1), "CB1 2AB");
        await StoreDecidedAsync("RC-FORTY1", new DateOnly(1986, 3, 10), "CB1 2AB");
        await StoreDecidedAsync("RC-SIXTN2", new DateOnly(2009, 12, 25), "PE19 1AB");
        folder.Replace(Ruleset.EligibilityFile, "referral.AgeInYears >= 17", "referral.AgeInYears >= 16");

        var report = await WhatIfAnalysis.RunAsync(folder.Load(), store, Since, CancellationToken.None);

        report.Considered.Should().Be(4);
        report.Changes.Select(c => c.Reference).Should().Equal("RC-SIXTN1", "RC-SIXTN2");
        var first = report.Changes[0];
        first.Before.Should().Be("not eligible (unmet: Aged 17 to 65)");
        first.After.Should().Be("cambridge by \"Cambridge\"");
        first.Rules.Should().Equal("eligibility.json:Aged 17 to 65");
        first.DecidedBy.Should().Be(ShippedRules.Ruleset.Version);
        report.Changes[1].After.Should().Be("huntingdon by \"Huntingdon\"");
    }

    [Fact]
    public async Task A_district_moved_to_another_team_flips_exactly_the_referrals_from_it()
    {
        await StoreDecidedAsync("RC-PE19AA", new DateOnly(1986, 3, 10), "PE19 1AB");
        await StoreDecidedAsync("RC-PE26AA", new DateOnly(1986, 3, 10), "PE26 1AB");
        await StoreDecidedAsync("RC-CB12AA", new DateOnly(1986, 3, 10), "CB12 1AB");
        await StoreDecidedAsync("RC-PE19YG", new DateOnly(2012, 3, 10), "PE19 1AB");
        folder
            .Replace(Ruleset.AllocationFile, "(\\\"PE19\\\", \\\"PE26\\\"", "(\\\"PE26\\\"")
            .Replace(Ruleset.AllocationFile, "\\\"PE16\\\")", "\\\"PE16\\\", \\\"PE19\\\", \\\"CB12\\\")");

        var report = await WhatIfAnalysis.RunAsync(folder.Load(), store, Since, CancellationToken.None);

        report.Changes.Select(c => (c.Reference, c.Before, c.After)).Should().Equal(
            ("RC-PE19AA", "huntingdon by \"Huntingdon\"", "peterborough-fenland by \"Peterborough & Fenland\""),
            ("RC-CB12AA", "triage", "peterborough-fenland by \"Peterborough & Fenland\""));
        report.Changes[0].Rules.Should().Equal("allocation.json:Huntingdon", "allocation.json:Peterborough & Fenland");
        report.Changes[1].Rules.Should().Equal("allocation.json:Peterborough & Fenland");
    }

    [Fact]
    public async Task A_team_chosen_at_triage_still_counts_as_the_rules_sending_it_to_triage()
    {
        var id = await StoreDecidedAsync("RC-CB8TRI", new DateOnly(1986, 3, 10), "CB8 1AB");
        await store.ApplyAsync(id, "triage", Day.AddDays(1), r => (r.Referral with
        {
            Status = ReferralStatus.Allocated,
            Allocation = new AllocationDecision(Team.Cambridge, null, "Chosen by lead@example.nhs.uk at triage.", r.Referral.Allocation!.RulesetVersion),
        }, []), CancellationToken.None);

        var unchanged = await WhatIfAnalysis.RunAsync(folder.Load(), store, Since, CancellationToken.None);
        folder.Replace(Ruleset.AllocationFile, "(\\\"CB8\\\", ", "(");
        folder.Replace(Ruleset.AllocationFile, "\\\"CB7\\\", ", "\\\"CB7\\\", \\\"CB8\\\", ");
        var changed = await WhatIfAnalysis.RunAsync(folder.Load(), store, Since, CancellationToken.None);

        unchanged.Changes.Should().BeEmpty();
        changed.Changes.Should().ContainSingle().Which.Before.Should().Be("triage, then cambridge chosen by a team lead");
    }

    [Fact]
    public async Task A_changed_duration_lists_every_eligible_referral_with_the_value_and_its_rule()
    {
        await StoreDecidedAsync("RC-CAMBAA", new DateOnly(1986, 3, 10), "CB1 2AB");
        await StoreDecidedAsync("RC-YOUNGA", new DateOnly(2012, 3, 10), "CB1 2AB");
        folder.Replace(Ruleset.JourneyFile, "\"Context\": { \"Expression\": \"8\" }", "\"Context\": { \"Expression\": \"10\" }");

        var report = await WhatIfAnalysis.RunAsync(folder.Load(), store, Since, CancellationToken.None);

        var change = report.Changes.Should().ContainSingle().Which;
        change.Reference.Should().Be("RC-CAMBAA");
        change.Before.Should().Be("cambridge by \"Cambridge\"; MaxPlannedWeeks 8");
        change.After.Should().Be("cambridge by \"Cambridge\"; MaxPlannedWeeks 10");
        change.Rules.Should().Equal("journey.json:At most eight weeks");
    }

    [Fact]
    public async Task Referrals_before_the_period_and_those_not_yet_decided_are_left_out()
    {
        await StoreDecidedAsync("RC-OLDONE", new DateOnly(2010, 1, 1), "CB1 2AB", Since.AddMinutes(-1));
        await StoreDecidedAsync("RC-INSIDE", new DateOnly(2010, 1, 1), "CB1 2AB", Since);
        var waiting = new Referral(TestReferrals.NewId(), "RC-WAITIN", ReferralStatus.Received, Details(new DateOnly(2010, 1, 1), "CB1 2AB"), Day, Day, null, null);
        await store.CreateAsync(waiting, Day, [], CancellationToken.None);
        folder.Replace(Ruleset.EligibilityFile, "referral.AgeInYears >= 17", "referral.AgeInYears >= 16");

        var report = await WhatIfAnalysis.RunAsync(folder.Load(), store, Since, CancellationToken.None);

        report.Changes.Select(c => c.Reference).Should().Equal("RC-INSIDE");
        report.Considered.Should().Be(1);
        report.Undecided.Should().Be(1);
    }

    [Fact]
    public async Task What_if_writes_nothing_to_storage()
    {
        await StoreDecidedAsync("RC-SIXTN1", new DateOnly(2010, 1, 1), "CB1 2AB");
        await StoreDecidedAsync("RC-FORTY1", new DateOnly(1986, 3, 10), "CB12 1AB");
        folder.Replace(Ruleset.EligibilityFile, "referral.AgeInYears >= 17", "referral.AgeInYears >= 16");
        var before = await SnapshotAsync();

        var report = await WhatIfAnalysis.RunAsync(folder.Load(), store, Since, CancellationToken.None);

        report.Changes.Should().ContainSingle();
        (await SnapshotAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task What_if_on_a_hub_with_no_referrals_finds_none_and_creates_no_table()
    {
        var report = await WhatIfAnalysis.RunAsync(folder.Load(), store, Since, CancellationToken.None);

        report.Considered.Should().Be(0);
        report.Changes.Should().BeEmpty();
        (await SnapshotAsync()).Should().BeEmpty();
    }

    /// <summary>Every table of this test's hub and every row in it, with its ETag: any write shows.</summary>
    private async Task<List<string>> SnapshotAsync()
    {
        var rows = new List<string>();
        await foreach (var item in Service.QueryAsync(t => t.Name.CompareTo(Options.Value.TablePrefix) >= 0))
        {
            if (!item.Name.StartsWith(Options.Value.TablePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            rows.Add(item.Name);
            await foreach (var row in Service.GetTableClient(item.Name).QueryAsync<TableEntity>())
            {
                rows.Add($"{item.Name}/{row.PartitionKey}/{row.RowKey}/{row.ETag}");
            }
        }

        return rows;
    }

    private async Task<string> StoreDecidedAsync(string reference, DateOnly dateOfBirth, string postcode, DateTimeOffset? submittedAt = null)
    {
        // A minute apart, so the report lists them in the order they were stored.
        var at = submittedAt ?? Day.AddMinutes(stored++);
        var details = Details(dateOfBirth, postcode);
        var decision = await ShippedRules.Ruleset.DecideAsync(EligibilityFacts.For(details, DateOnly.FromDateTime(at.UtcDateTime)), AllocationFacts.For(details.Person.Postcode));
        var status = !decision.Eligibility.Eligible ? ReferralStatus.Ineligible : decision.Allocation!.NeedsTriage ? ReferralStatus.AwaitingTriage : ReferralStatus.Allocated;
        var referral = new Referral(TestReferrals.NewId(), reference, status, details, at, at, decision.Eligibility, decision.Allocation, decision.Journey);
        (await store.CreateAsync(referral, at, [], CancellationToken.None)).Should().BeTrue();
        return referral.Id;
    }

    private static ReferralDetails Details(DateOnly dateOfBirth, string postcode) =>
        TestReferrals.Details(dateOfBirth: dateOfBirth) with
        {
            Person = TestReferrals.Details(dateOfBirth: dateOfBirth).Person with { Postcode = TestReferrals.Postcode(postcode) },
        };
}
