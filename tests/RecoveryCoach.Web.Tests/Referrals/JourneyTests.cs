using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask.Client;
using RecoveryCoach.Web.Tests.Infrastructure;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Intake;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Web.Tests.Referrals;

/// <summary>Each accepted referral runs its journey as a durable orchestration under its own id.</summary>
public sealed class JourneyTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task An_accepted_referral_starts_its_journey_which_decides_it_and_fixes_the_values_it_runs_on()
    {
        await using var factory = new ReferralServiceFactory();
        using var client = await factory.SignedInAsync(StaffSignIn.Admin);

        var id = (await client.SubmitAcceptedAsync(SampleReferrals.Valid("PE29 3AA")))["id"]!.GetValue<string>();
        await client.DecidedReferralAsync(id, emails: 3);
        var state = await UntilStageAsync(client, id, "initial-conversation");
        var instance = await factory.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(id, getInputsAndOutputs: true);

        instance!.Name.Should().Be("ReferralJourney");
        instance.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Running);
        state["stage"]!["dueAt"]!.GetValue<DateTimeOffset>().Should().Be(ReferralServiceFactory.ReferralDay.AddDays(7), "first contact is due within the rules' seven days");
        instance.SerializedInput.Should().Be($"\"{id}\"", "the journey's history holds the referral id and no personal details");
        state["journey"]!["firstContactDays"]!.GetValue<int>().Should().Be(7);
        state["journey"]!["maxPlannedWeeks"]!.GetValue<int>().Should().Be(8);
        state["journey"]!["rulesetVersion"]!.GetValue<string>().Should().Be(state["eligibility"]!["rulesetVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task With_the_mail_server_down_the_emails_are_retried_durably_and_each_arrives_exactly_once()
    {
        var port = TestServers.ClosedPort();
        await using var factory = new ReferralServiceFactory { SmtpPort = port };
        using var client = await factory.SignedInAsync(StaffSignIn.Admin);
        var accepted = await client.SubmitAcceptedAsync(SampleReferrals.Valid());
        var id = accepted["id"]!.GetValue<string>();
        var reference = accepted["reference"]!.GetValue<string>();
        var failed = await client.DecidedReferralAsync(id, emails: 3);
        failed["notifications"]!.AsArray().Should().OnlyContain(n => n!["status"]!.GetValue<string>() == "failed");

        await using var mailBack = new TcpForwarder(port, TestServers.SmtpHost, TestServers.SmtpPort);
        mailBack.Start();
        await factory.AdvanceAsync(TimeSpan.FromMinutes(1));
        var state = await UntilStageAsync(client, id, "initial-conversation");

        state["notifications"]!.AsArray().Should().HaveCount(3).And.OnlyContain(n => n!["status"]!.GetValue<string>() == "sent");
        var mail = await MailDev.MessagesForAsync(reference, atLeast: 3);
        mail.Should().HaveCount(3);
        mail.Select(m => m.To.Single().Address).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_referral_stored_without_a_journey_is_found_by_the_sweep_and_taken_forward()
    {
        await using var factory = new ReferralServiceFactory();
        using var client = await factory.SignedInAsync(StaffSignIn.Admin);
        var submission = JsonSerializer.Deserialize<ReferralSubmission>(SampleReferrals.Valid().ToJsonString(), Web)!;
        var details = ReferralValidator.Validate(submission, DateOnly.FromDateTime(ReferralServiceFactory.ReferralDay.UtcDateTime)).Details!;
        var storedAt = ReferralServiceFactory.ReferralDay.AddMinutes(-2);
        var id = Guid.NewGuid().ToString("N");
        await factory.Services.GetRequiredService<ReferralStore>().CreateAsync(
            new Referral(id, "RC-SWEEP2", ReferralStatus.Received, details, storedAt, storedAt, null, null), storedAt, [], CancellationToken.None);
        var sweep = factory.Services.GetRequiredService<MissingJourneySweep>();

        await sweep.RunAsync(CancellationToken.None);
        var state = await client.DecidedReferralAsync(id, emails: 3);

        state["status"]!.GetValue<string>().Should().Be("allocated");
        (await factory.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(id)).Should().NotBeNull();
        (await sweep.RunAsync(CancellationToken.None)).Should().Be(0, "a referral whose journey runs is left alone");
    }

    [Fact]
    public async Task A_request_to_a_referral_whose_journey_was_ended_by_hand_is_a_conflict_not_a_signal_dropped_unseen()
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.StageAsync("initial-conversation");
        var runtime = journey.Factory.Services.GetRequiredService<DurableTaskClient>();
        await runtime.TerminateInstanceAsync(journey.Id, "ended by an administrator");
        await runtime.WaitForInstanceCompletionAsync(journey.Id);

        var discharge = await journey.RequestAsync("discharge", new System.Text.Json.Nodes.JsonObject { ["dischargedOn"] = "2026-06-15" });
        var closeEarly = await journey.RequestAsync("early-closure", new System.Text.Json.Nodes.JsonObject());

        discharge.StatusCode.Should().Be(System.Net.HttpStatusCode.Conflict);
        (await discharge.Content.ReadAsStringAsync()).Should().Contain("is not running");
        closeEarly.StatusCode.Should().Be(System.Net.HttpStatusCode.Conflict);
        var state = await journey.StateAsync();
        state["status"]!.GetValue<string>().Should().Be("allocated", "the referral itself is not finished, only its journey");
        JourneyDriver.Actions(state).Should().NotContain("early-closure-requested", "a refused request changes nothing");
    }

    private static Task<System.Text.Json.Nodes.JsonObject> UntilStageAsync(HttpClient client, string id, string stage) =>
        Eventually.UntilAsync(() => client.GetReferralAsync(id), state => state["stage"]?["stage"]?.GetValue<string>() == stage, $"referral {id} should reach the {stage} stage");
}
