using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask.Client;
using RecoveryCoach.DurableTask;
using RecoveryCoach.Referrals.Telemetry;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Telemetry;

/// <summary>
/// A whole journey on the real engine, with everything the web app exports caught in memory:
/// the trace runs from the request to each activity and email, the counters move, and none of
/// the person's details is anywhere in it.
/// </summary>
[Collection(nameof(ProcessWideTelemetry))]
public sealed class JourneyTelemetryTests
{
    private const string Journey = "ReferralJourney";

    [Fact]
    public async Task A_whole_journey_is_one_trace_with_its_counts_and_none_of_the_persons_details()
    {
        var captured = new CapturedTelemetry();
        using var rules = ShortJourneyRules.With(new Dictionary<string, double> { ["FirstContactDays"] = 2, ["EscalateAfterDays"] = 2 });
        await using var factory = new TelemetryServiceFactory(captured) { RealEngine = true, RulesPath = rules.Path };
        var anonymous = factory.CreateClient();
        var refused = TestPerson.Referral().With(r => r["person"]!["nhsNumber"] = "401 023 2138");
        (await anonymous.SubmitAsync(refused)).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        await using var journey = await JourneyDriver.StartAsync(TestPerson.Referral(), factory);
        var conversation = await journey.TaskOfStageAsync("initial-conversation");
        await journey.MailKeyedAsync($"escalation-{conversation}");
        var lead = await journey.AsAsync(JourneyDriver.Lead);
        (await lead.GetAsync(new Uri($"/api/tasks?team=cambridge&assignee={Uri.EscapeDataString(TestPerson.Email)}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.GetAsync(new Uri($"/api/referrals/{journey.Id}?name={TestPerson.GivenName}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        await journey.CompleteAsync(conversation, Forms.NotRightNow(DateTimeOffset.UtcNow));
        (await journey.CompletionAsync()).RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        await factory.Services.GetRequiredService<JourneyCensus>().CountAsync(CancellationToken.None);

        // The journey's own span ends with it, as the worker finishes the last episode.
        var spans = await Eventually.UntilAsync(
            () => Task.FromResult(captured.Spans),
            all => all.Any(s => s.DisplayName == $"orchestration:{Journey}"),
            "the orchestration's span should be exported once the journey has completed",
            describe: all => string.Join(", ", all.Select(s => s.DisplayName).Distinct()));
        CapturedTelemetry.Flush(factory.Services);

        var request = spans.Single(s => s.Kind == ActivityKind.Server && Tag(s, "http.request.method") == "POST" && Tag(s, "http.response.status_code") == "202");
        var trace = spans.Where(s => s.TraceId == request.TraceId).ToList();
        var emails = spans.Where(s => s.Source.Name == ReferralTelemetry.SourceName && s.DisplayName == "send email").ToList();
        emails.Select(e => Tag(e, ReferralTelemetry.EmailKindTag)).Should().Contain(["acknowledgement-referrer", "team-notice", "task-reminder", "task-escalated", "closed"]);
        emails.Should().OnlyContain(e => e.TraceId == request.TraceId && e.Kind == ActivityKind.Client, "every email of the journey belongs to the trace of the request that started it");
        foreach (var email in emails)
        {
            var path = Ancestry(email, trace);
            path[^1].Should().BeSameAs(request, "each email's span leads back to the request");
            path.Select(s => s.DisplayName).Should().ContainInOrder($"orchestration:{Journey}", $"create_orchestration:{Journey}", request.DisplayName);
            path[1].Source.Name.Should().Be(DurableTaskTracing.DurableTaskCoreSource, "an email is sent by an activity");
            path[1].DisplayName.Should().StartWith("activity:");
        }

        trace.Where(s => s.Source.Name == DurableTaskTracing.DurableTaskCoreSource && s.Kind == ActivityKind.Server).Select(s => s.DisplayName)
            .Should().Contain(["activity:DecideReferralActivity", "activity:SendAcknowledgementsActivity", "activity:CreateTaskActivity", "activity:FollowUpTaskActivity", "activity:CloseReferralActivity"]);
        spans.Where(s => Tag(s, "http.route") is { } route && route.Contains("tasks", StringComparison.Ordinal) && Tag(s, "http.request.method") == "GET").Should().NotBeEmpty();
        spans.Should().NotContain(s => s.GetTagItem("url.query") != null, "query strings can hold anything a client put in them");
        spans.Should().NotContain(s => s.Source.Name == "System.Net.Http" && s.ParentSpanId == default, "the engine's polls outside any traced step are left out");
        spans.Should().Contain(s => s.Source.Name == "System.Net.Http" && s.TraceId == request.TraceId, "storage calls made by the journey's steps are kept");

        captured.Sum("recoverycoach.referrals.received", ReferralTelemetry.ChannelTag, "api").Should().Be(1, "the refused referral was never stored");
        captured.Sum("recoverycoach.referrals.decided", ReferralTelemetry.OutcomeTag, "allocated").Should().Be(1);
        captured.Sum("recoverycoach.tasks.created", ReferralTelemetry.TaskTypeTag, "initial-conversation").Should().Be(1);
        captured.Sum("recoverycoach.tasks.escalated", ReferralTelemetry.TaskTypeTag, "initial-conversation").Should().Be(1);
        captured.Sum("recoverycoach.emails.sent", ReferralTelemetry.EmailKindTag, "acknowledgement-referrer").Should().Be(1);
        captured.Sum("recoverycoach.emails.sent", ReferralTelemetry.EmailKindTag, "task-escalated").Should().Be(1);
        captured.Sum("recoverycoach.emails.sent", ReferralTelemetry.EmailKindTag, "closed").Should().BeGreaterThanOrEqualTo(1);
        captured.Sum("recoverycoach.journeys", ReferralTelemetry.StatusTag, "closed").Should().Be(1);
        captured.Sum("recoverycoach.journeys", ReferralTelemetry.StatusTag, "received").Should().Be(0);
        captured.Logs.Should().Contain(l => l.EventId.Id == 1000, "the referral's acceptance is logged, by id and reference");

        var leaks = captured.Texts()
            .SelectMany(found => TestPerson.Details
                .SelectMany(detail => detail.Value.Where(form => found.Text.Contains(form, StringComparison.OrdinalIgnoreCase)).Select(form => $"{detail.Key} '{form}' in {found.Where}: {found.Text}")))
            .Distinct()
            .ToList();
        leaks.Should().BeEmpty();
    }

    private static string? Tag(Activity span, string key) => span.GetTagItem(key)?.ToString();

    /// <summary>The span and each parent in turn, up to the root of its trace.</summary>
    private static List<Activity> Ancestry(Activity span, IReadOnlyList<Activity> trace)
    {
        var path = new List<Activity> { span };
        while (trace.FirstOrDefault(s => s.SpanId == path[^1].ParentSpanId) is { } parent)
        {
            path.Add(parent);
        }

        return path;
    }
}
