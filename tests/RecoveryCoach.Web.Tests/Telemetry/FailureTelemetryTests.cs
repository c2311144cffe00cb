using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecoveryCoach.Referrals.Telemetry;

namespace RecoveryCoach.Web.Tests.Telemetry;

/// <summary>
/// A failure whose message quotes a person's details, as a server's answer or a library's
/// exception can, leaves only its type in what the web app exports: on a span's status and
/// tags, and on a log line; a span with an exception event is not exported at all.
/// </summary>
[Collection(nameof(ProcessWideTelemetry))]
public sealed class FailureTelemetryTests
{
    private static readonly Action<ILogger, string, Exception?> SomethingFailed =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(9999, "ProbeFailed"), "Something failed for referral {ReferralId}");

    [Fact]
    public async Task A_failure_quoting_the_persons_details_is_exported_by_its_type_only()
    {
        var captured = new CapturedTelemetry();
        await using var factory = new TelemetryServiceFactory(captured);
        var services = factory.Services;
        var quoting = new InvalidOperationException($"Mailbox {TestPerson.Email} of {TestPerson.GivenName} {TestPerson.FamilyName} refused");

        using (var span = ReferralTelemetry.Source.StartActivity("probe failure"))
        {
            span!.SetStatus(ActivityStatusCode.Error, quoting.Message);
            span.SetTag("exception.message", quoting.Message);
            span.SetTag("error.type", quoting.GetType().FullName);
        }

        using (var span = ReferralTelemetry.Source.StartActivity("probe exception event"))
        {
            span!.AddException(quoting);
        }

        SomethingFailed(services.GetRequiredService<ILogger<FailureTelemetryTests>>(), "r1", quoting);
        CapturedTelemetry.Flush(services);

        var failed = captured.Spans.Single(s => s.DisplayName == "probe failure");
        failed.Status.Should().Be(ActivityStatusCode.Error);
        failed.StatusDescription.Should().BeNull();
        failed.GetTagItem("exception.message").Should().BeNull();
        failed.GetTagItem("error.type").Should().Be(typeof(InvalidOperationException).FullName);
        captured.Spans.Should().NotContain(s => s.DisplayName == "probe exception event", "an exception event cannot be changed, so its span is left out");
        var line = captured.Logs.Single(l => l.CategoryName == typeof(FailureTelemetryTests).FullName);
        line.Exception.Should().BeNull();
        line.Attributes.Should().Contain(new KeyValuePair<string, object?>(LogScrubber.ExceptionTypeAttribute, typeof(InvalidOperationException).FullName));
        line.FormattedMessage.Should().Be("Something failed for referral r1");
        captured.Texts().Where(t => t.Text.Contains(TestPerson.Email, StringComparison.OrdinalIgnoreCase) || t.Text.Contains(TestPerson.FamilyName, StringComparison.OrdinalIgnoreCase))
            .Should().BeEmpty();
    }
}
