using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Retention;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Retention;

/// <summary>When a referral is dated for deletion: at closure or at an ineligible decision, the period from configuration.</summary>
public sealed class RetentionScheduleTests
{
    [Fact]
    public async Task A_closed_referral_is_kept_20_years_after_its_closure_and_found_due_then_and_not_before()
    {
        await using var factory = new ReferralServiceFactory();
        await using var journey = await RetentionJourneys.ClosedAsync(factory);

        var row = (await factory.Storage.ReferralRowAsync(journey.Id))!;
        var closedAt = JsonSerializer.Deserialize<ClosureRecord>(row.GetString("Closure"))!.ClosedAt;
        var deleteAfter = closedAt.AddYears(20);
        row.GetDateTimeOffset("DeleteAfter").Should().Be(deleteAfter);
        var index = factory.Services.GetRequiredService<RetentionIndex>();
        (await index.DueAsync(deleteAfter, CancellationToken.None)).Select(d => d.ReferralId).Should().Contain(journey.Id);
        (await index.DueAsync(deleteAfter.AddSeconds(-1), CancellationToken.None)).Select(d => d.ReferralId).Should().NotContain(journey.Id);
    }

    [Fact]
    public async Task An_ineligible_referral_is_kept_20_years_after_its_decision()
    {
        await using var factory = new ReferralServiceFactory();
        await using var journey = await JourneyDriver.StartAsync(SampleReferrals.Valid().With(r => r["inSecondaryMentalHealthServices"] = false), factory);
        await journey.CompletionAsync();

        var decidedAt = (await journey.PublicStateAsync())["decidedAt"]!.GetValue<DateTimeOffset>();
        var row = (await factory.Storage.ReferralRowAsync(journey.Id))!;
        row.GetString("Status").Should().Be(nameof(ReferralStatus.Ineligible));
        row.GetDateTimeOffset("DeleteAfter").Should().Be(decidedAt.AddYears(20));
    }

    [Fact]
    public async Task An_open_referral_has_no_deletion_date()
    {
        await using var factory = new ReferralServiceFactory();
        await using var journey = await JourneyDriver.StartAsync(factory: factory);
        await journey.StageAsync("initial-conversation");

        var row = (await factory.Storage.ReferralRowAsync(journey.Id))!;
        row.GetDateTimeOffset("DeleteAfter").Should().BeNull();
        (await factory.Services.GetRequiredService<RetentionIndex>().DueAsync(DateTimeOffset.MaxValue.AddYears(-1), CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_period_is_the_configured_number_of_years()
    {
        await using var factory = new ReferralServiceFactory { Settings = new Dictionary<string, string> { ["Retention:Years"] = "8" } };
        await using var journey = await RetentionJourneys.ClosedAsync(factory);

        var row = (await factory.Storage.ReferralRowAsync(journey.Id))!;
        var closedAt = JsonSerializer.Deserialize<ClosureRecord>(row.GetString("Closure"))!.ClosedAt;
        row.GetDateTimeOffset("DeleteAfter").Should().Be(closedAt.AddYears(8));
    }
}
