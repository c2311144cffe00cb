using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using MimeKit;
using RecoveryCoach.Referrals.Notifications;

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
