using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Reports;
using RecoveryCoach.Referrals.Retention;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Retention;

/// <summary>
/// The purge on the virtual clock, against Azurite: what it deletes and leaves, the legal hold,
/// a run cut short and run again, and the reports' counts across it. It is run for a moment 21
/// years on, past every referral's date.
/// </summary>
public sealed class RetentionPurgeTests
{
    private static readonly DateTimeOffset Later = ReferralServiceFactory.ReferralDay.AddYears(21);

    [Fact]
    public async Task A_referral_past_its_date_is_deleted_and_leaves_a_tombstone_without_personal_data()
    {
        await using var factory = new ReferralServiceFactory();
        await using var journey = await RetentionJourneys.ClosedAsync(factory);

        var purged = await PurgeAsync(factory);

        purged.Should().Be(1);
        (await factory.Storage.ReferralRowAsync(journey.Id)).Should().BeNull();
        (await journey.Client.GetAsync(new Uri($"/api/referrals/{journey.Id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await factory.Services.GetRequiredService<TaskStore>().ForReferralAsync(journey.Id, CancellationToken.None)).Should().BeEmpty();
        (await factory.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(journey.Id)).Should().BeNull("the journey's instance is purged");
        (await factory.Services.GetRequiredService<RetentionIndex>().DueAsync(Later, CancellationToken.None)).Should().BeEmpty();
        var tombstone = await factory.Services.GetRequiredService<Tombstones>().GetAsync(journey.Reference, ReferralServiceFactory.ReferralDay, CancellationToken.None);
        tombstone.Should().NotBeNull();
        tombstone!.Status.Should().Be(ReferralStatus.Closed);
        tombstone.Outcome.Should().Be(ClosureReasons.NotRightNow);
        tombstone.Team.Should().Be("cambridge");
        tombstone.SubmittedAt.Should().Be(ReferralServiceFactory.ReferralDay);
        tombstone.ClosedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task A_referral_a_record_system_sent_is_purged_with_the_record_of_which_system_sent_it()
    {
        await using var factory = new ReferralServiceFactory { Settings = FhirReferrals.Settings };
        using var created = await factory.SignedIn().PostFhirAsync("/fhir/r4/ServiceRequest", FhirReferrals.ServiceRequest());
        var request = await created.FhirJsonAsync();
        var id = request["id"]!.GetValue<string>();
        var reference = FhirReferrals.ReferenceOf(request);
        await using var journey = JourneyDriver.Attach(factory, id, reference);
        await journey.CompleteStageAsync("initial-conversation", Forms.NotRightNow(journey.Now));
        await journey.UntilAsync(s => s["status"]?.GetValue<string>() == "closed", "the referral should close");
        await journey.CompletionAsync();
        var senders = factory.Services.GetRequiredService<RecoveryCoach.Referrals.Intake.ReferralSenderStore>();
        (await senders.FindAsync(id, CancellationToken.None)).Should().NotBeNull();

        await PurgeAsync(factory);

        (await senders.FindAsync(id, CancellationToken.None)).Should().BeNull();
        (await factory.Storage.ReferralRowAsync(id)).Should().BeNull();
        using var read = await factory.SignedIn().GetAsync(new Uri($"/fhir/r4/ServiceRequest/{id}", UriKind.Relative));
        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Referrals_not_yet_due_and_open_ones_are_left_alone()
    {
        await using var factory = new ReferralServiceFactory();
        await using var closed = await RetentionJourneys.ClosedAsync(factory);
        await using var open = await JourneyDriver.StartAsync(factory: factory);
        await open.StageAsync("initial-conversation");
        var deleteAfter = (await factory.Storage.ReferralRowAsync(closed.Id))!.GetDateTimeOffset("DeleteAfter")!.Value;

        var early = await PurgeAsync(factory, deleteAfter.AddDays(-1));
        var later = await PurgeAsync(factory);

        early.Should().Be(0);
        later.Should().Be(1);
        (await factory.Storage.ReferralRowAsync(closed.Id)).Should().BeNull("it was due at the later run");
        (await factory.Storage.ReferralRowAsync(open.Id)).Should().NotBeNull("an open referral has no date");
        (await open.TasksAsync("open")).Should().NotBeEmpty();
        (await open.StateAsync())["status"]!.GetValue<string>().Should().Be("allocated");
    }

    [Fact]
    public async Task A_legal_hold_stops_the_purge_is_on_the_timeline_and_once_cleared_the_next_run_purges()
    {
        await using var factory = new ReferralServiceFactory();
        await using var journey = await RetentionJourneys.ClosedAsync(factory);
        using var admin = await factory.SignedInAsync(StaffSignIn.Admin);
        using var coach = await factory.SignedInAsync(StaffSignIn.CambridgeCoach);

        (await PostHoldAsync(coach, journey.Id, "set")).Headers.Location!.ToString().Should().Contain("/account/denied", "only an admin may set a hold");
        (await factory.Storage.ReferralRowAsync(journey.Id))!.GetBoolean("LegalHold").Should().BeFalse();
        (await PostHoldAsync(admin, journey.Id, "set")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var held = await PurgeAsync(factory);
        var page = await admin.GetStringAsync(new Uri($"/staff/referrals/{journey.Id}", UriKind.Relative));
        (await PostHoldAsync(admin, journey.Id, "clear")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var timeline = JourneyDriver.Actions(await journey.StateAsync());
        var cleared = await PurgeAsync(factory);

        held.Should().Be(0);
        page.Should().Contain("On: kept past that date until the hold is cleared");
        timeline.Should().ContainInOrder("legal-hold-set", "legal-hold-cleared");
        (await factory.Storage.ReferralRowAsync(journey.Id)).Should().BeNull("the hold was cleared before the second run");
        cleared.Should().Be(1);
    }

    [Fact]
    public async Task The_hold_names_the_admin_who_set_it_on_the_timeline()
    {
        await using var factory = new ReferralServiceFactory();
        await using var journey = await RetentionJourneys.ClosedAsync(factory);
        using var admin = await factory.SignedInAsync(StaffSignIn.Admin);

        await PostHoldAsync(admin, journey.Id, "set");

        var timeline = (await journey.StateAsync())["timeline"]!.AsArray();
        timeline.Should().Contain(line => line!["action"]!.GetValue<string>() == "legal-hold-set" && line["actor"]!.GetValue<string>() == StaffSignIn.Admin);
    }

    [Theory]
    [InlineData("tombstone")]
    [InlineData("caseload")]
    [InlineData("journey")]
    [InlineData("referral")]
    public async Task A_purge_cut_short_is_finished_by_the_next_run_and_a_further_run_changes_nothing(string cutAfter)
    {
        await using var factory = new ReferralServiceFactory();
        await using var journey = await RetentionJourneys.ClosedAsync(factory);
        var purge = factory.Services.GetRequiredService<RetentionPurge>();
        purge.StepDone = step => step == cutAfter ? throw new OperationCanceledException($"cut short after {step}") : Task.CompletedTask;

        var cut = () => purge.RunAsync(Later, CancellationToken.None);
        await cut.Should().ThrowAsync<OperationCanceledException>();
        var dueAfterCut = await factory.Services.GetRequiredService<RetentionIndex>().DueAsync(Later, CancellationToken.None);
        purge.StepDone = _ => Task.CompletedTask;
        var finished = await purge.RunAsync(Later, CancellationToken.None);
        var tombstones = factory.Services.GetRequiredService<Tombstones>();
        var tombstone = await tombstones.GetAsync(journey.Reference, ReferralServiceFactory.ReferralDay, CancellationToken.None);
        var again = await purge.RunAsync(Later, CancellationToken.None);

        dueAfterCut.Select(d => d.ReferralId).Should().Equal([journey.Id], "the due line stays until the last step");
        finished.Should().Be(1);
        again.Should().Be(0);
        (await factory.Storage.ReferralRowAsync(journey.Id)).Should().BeNull();
        (await factory.Services.GetRequiredService<TaskStore>().ForReferralAsync(journey.Id, CancellationToken.None)).Should().BeEmpty();
        tombstone.Should().NotBeNull();
        tombstone!.DecidedAt.Should().NotBeNull("the tombstone was written while the referral was whole");
        (await tombstones.GetAsync(journey.Reference, ReferralServiceFactory.ReferralDay, CancellationToken.None)).Should().Be(tombstone);
    }

    [Fact]
    public async Task A_referral_whose_journey_has_not_finished_is_kept_whatever_its_date()
    {
        await using var factory = new ReferralServiceFactory();
        await using var journey = await JourneyDriver.StartAsync(factory: factory);
        await journey.StageAsync("initial-conversation");
        // Closed behind its journey's back, as nothing in the service does: the journey still waits.
        var referrals = factory.Services.GetRequiredService<ReferralStore>();
        var now = ReferralServiceFactory.ReferralDay;
        await referrals.ApplyAsync(journey.Id, "closed-by-test", now, current =>
            (current.Referral with { Status = ReferralStatus.Closed, Closure = new ClosureRecord(now, ClosureReasons.Withdrawn) }, []), CancellationToken.None);

        var purged = await PurgeAsync(factory);

        purged.Should().Be(0);
        (await factory.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(journey.Id))!.IsCompleted.Should().BeFalse();
        (await factory.Storage.ReferralRowAsync(journey.Id)).Should().NotBeNull();
        (await journey.TasksAsync("open")).Should().NotBeEmpty();
        (await factory.Services.GetRequiredService<RetentionIndex>().DueAsync(Later, CancellationToken.None)).Select(d => d.ReferralId)
            .Should().Equal([journey.Id], "it stays due, for a run after its journey has finished");
    }

    [Fact]
    public async Task The_reports_count_the_same_before_and_after_the_purge()
    {
        await using var factory = new ReferralServiceFactory();
        await using var closed = await RetentionJourneys.ClosedAsync(factory);
        await using var ineligible = await JourneyDriver.StartAsync(SampleReferrals.Valid().With(r => r["inSecondaryMentalHealthServices"] = false), factory);
        await ineligible.CompletionAsync();
        var reporter = factory.Services.GetRequiredService<ServiceReporter>();
        var quarter = ReportPeriod.QuarterOf(UkDate.Of(ReferralServiceFactory.ReferralDay));
        var before = await reporter.ReportAsync(quarter, null, CancellationToken.None);

        var purged = await PurgeAsync(factory);
        var after = await reporter.ReportAsync(quarter, null, CancellationToken.None);

        purged.Should().Be(2);
        before.Decided.Should().Be(2, "both referrals are counted before");
        before.ClosuresByReason.Should().Contain((ClosureReasons.NotRightNow, 1));
        after.Should().BeEquivalentTo(before, options => options.WithStrictOrdering());
    }

    private static Task<int> PurgeAsync(ReferralServiceFactory factory, DateTimeOffset? at = null) =>
        factory.Services.GetRequiredService<RetentionPurge>().RunAsync(at ?? Later, CancellationToken.None);

    private static async Task<HttpResponseMessage> PostHoldAsync(HttpClient staff, string id, string hold)
    {
        var page = new Uri($"/staff/referrals/{id}", UriKind.Relative);
        var token = StaffSignIn.TokenOf(await staff.GetStringAsync(page));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Hold"] = hold, ["__RequestVerificationToken"] = token });
        return await staff.PostAsync(new Uri($"/staff/referrals/{id}?handler=LegalHold", UriKind.Relative), form);
    }
}
