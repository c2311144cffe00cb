using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using MimeKit;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Telemetry;

namespace RecoveryCoach.Referrals.Tests.Notifications;

public class SmtpMailSenderTests
{
    [Fact]
    public async Task Send_ToMaildev_TheMessageArrives()
    {
        var sender = new SmtpMailSender(Options.Create(new SmtpOptions { Host = TestServers.SmtpHost, Port = TestServers.SmtpPort, TimeoutSeconds = 10 }));
        var message = NewMessage("recipient@example.com");

        var outcomes = await sender.SendAsync(Emails(message), CancellationToken.None);

        outcomes.Should().Equal([null]);
        var received = await MailDevInbox.FindAsync(message.MessageId!, TimeSpan.FromSeconds(10));
        received.Should().NotBeNull("maildev should list the message it accepted");
        received!.Subject.Should().Be(message.Subject);
        received.To.Select(t => t.Address).Should().Equal("recipient@example.com");
        received.Text.Should().Contain("Body of " + message.MessageId);
        received.From.Should().Equal(new MailDevAddress("no-reply@recovery-coach.localhost", "Recovery Coach Team"));
    }

    [Fact]
    public async Task Send_SeveralMessages_EachArrives()
    {
        var sender = new SmtpMailSender(Options.Create(new SmtpOptions { Host = TestServers.SmtpHost, Port = TestServers.SmtpPort, TimeoutSeconds = 10 }));
        MimeMessage[] messages = [NewMessage("one@example.com"), NewMessage("two@example.com")];

        var outcomes = await sender.SendAsync(Emails(messages), CancellationToken.None);

        outcomes.Should().Equal(null, null);
        foreach (var message in messages)
        {
            (await MailDevInbox.FindAsync(message.MessageId!, TimeSpan.FromSeconds(10))).Should().NotBeNull();
        }
    }

    [Fact]
    public async Task Send_NoServerListening_ReturnsAFailureForEveryMessageWithoutAddresses()
    {
        var sender = new SmtpMailSender(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = ClosedPort(), TimeoutSeconds = 5 }));
        MimeMessage[] messages = [NewMessage("first.person@example.com"), NewMessage("second.person@example.com")];

        var outcomes = await sender.SendAsync(Emails(messages), CancellationToken.None);

        outcomes.Should().HaveCount(2).And.OnlyContain(failure => !string.IsNullOrWhiteSpace(failure));
        outcomes.Should().OnlyContain(failure => !failure!.Contains('@', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_NoServerListening_GivesEachEmailAFailedClientSpanAndCountByKindWithoutItsAddress()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ReferralTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                lock (spans)
                {
                    spans.Add(span);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var failed = new List<(long Count, string? Kind)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, meter) =>
            {
                if (instrument.Name == "recoverycoach.emails.failed")
                {
                    meter.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((_, count, tags, _) =>
        {
            var kind = tags.ToArray().FirstOrDefault(t => t.Key == ReferralTelemetry.EmailKindTag).Value as string;
            lock (failed)
            {
                failed.Add((count, kind));
            }
        });
        meters.Start();
        var sender = new SmtpMailSender(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = ClosedPort(), TimeoutSeconds = 5 }));
        var kind = "probe-" + Guid.NewGuid().ToString("N");
        ReferralEmail[] emails = [.. new[] { NewMessage("first.person@example.com"), NewMessage("second.person@example.com") }.Select(m => new ReferralEmail(m.MessageId!, kind, "person", m))];

        await sender.SendAsync(emails, CancellationToken.None);

        var mine = spans.ToArray().Where(s => Equals(s.GetTagItem(ReferralTelemetry.EmailKindTag), kind)).ToList();
        mine.Should().HaveCount(2).And.OnlyContain(s => s.Kind == ActivityKind.Client && s.Status == ActivityStatusCode.Error && s.GetTagItem("error.type") != null);
        mine.SelectMany(s => s.TagObjects).Should().NotContain(t => (t.Value ?? string.Empty).ToString()!.Contains('@', StringComparison.Ordinal), "a span names the email's kind, never its address");
        failed.Where(f => f.Kind == kind).Sum(f => f.Count).Should().Be(2);
    }

    [Fact]
    public async Task Send_NoMessages_ReturnsNoOutcomesWithoutConnecting()
    {
        var sender = new SmtpMailSender(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = ClosedPort() }));

        var outcomes = await sender.SendAsync([], CancellationToken.None);

        outcomes.Should().BeEmpty();
    }

    private static ReferralEmail[] Emails(params MimeMessage[] messages) =>
        [.. messages.Select(m => new ReferralEmail("test-" + m.MessageId, "test", "person", m))];

    private static MimeMessage NewMessage(string to)
    {
        var unique = Guid.NewGuid().ToString("N");
        var message = new MimeMessage
        {
            MessageId = $"{unique}@referrals-tests",
            Subject = $"Test message {unique}",
            Body = new TextPart("plain") { Text = $"Body of {unique}@referrals-tests" },
        };
        message.To.Add(MailboxAddress.Parse(to));
        return message;
    }

    /// <summary>A port nothing listens on: one the OS just handed out and that was closed again.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
