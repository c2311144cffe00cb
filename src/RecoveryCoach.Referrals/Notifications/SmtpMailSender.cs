using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using RecoveryCoach.Referrals.Telemetry;

namespace RecoveryCoach.Referrals.Notifications;

/// <summary>
/// Sends email over SMTP with MailKit. A failure is returned, not thrown, so the caller records
/// it against the referral; a referral is never lost because mail is down. Each email is a span
/// (kind Client) named by its kind, never by its address.
/// </summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> options)
{
    private readonly SmtpOptions settings = options.Value;

    /// <summary>Sends each email over one connection, each in a span of its own, counted sent or failed by kind.</summary>
    /// <returns>For each email in order, null when the server accepted it, else why it failed (no personal data).</returns>
    public Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<ReferralEmail> emails, CancellationToken cancellationToken) =>
        SendAsync(emails, (_, _) => Task.CompletedTask, cancellationToken);

    /// <inheritdoc cref="SendAsync(IReadOnlyList{ReferralEmail}, CancellationToken)"/>
    /// <param name="afterEach">Called with each email's index and outcome as soon as it is known, before the next is sent.</param>
    public async Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<ReferralEmail> emails, Func<int, string?, Task> afterEach, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(afterEach);
        ArgumentNullException.ThrowIfNull(emails);
        var outcomes = new string?[emails.Count];
        if (emails.Count == 0)
        {
            return outcomes;
        }

        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        Exception? down = null;
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (IsMailFailure(ex))
        {
            down = ex;
        }

        for (var i = 0; i < emails.Count; i++)
        {
            var email = emails[i];
            var span = ReferralTelemetry.StartEmail(email.Kind, settings.Host, settings.Port);
            var failure = down ?? await SendOneAsync(client, email.Message, cancellationToken).ConfigureAwait(false);
            ReferralTelemetry.EmailDone(span, email.Kind, failure);
            outcomes[i] = failure is null ? null : Describe(failure);
            await afterEach(i, outcomes[i]).ConfigureAwait(false);
            if (failure is not null && !client.IsConnected)
            {
                down = failure;
            }
        }

        if (down is null)
        {
            try
            {
                await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsMailFailure(ex))
            {
                // Every message was already accepted or has its own failure; a dropped QUIT changes neither.
            }
        }

        return outcomes;
    }

    /// <returns>Null when the server accepted the message, else the failure.</returns>
    private async Task<Exception?> SendOneAsync(SmtpClient client, MimeMessage message, CancellationToken cancellationToken)
    {
        message.From.Clear();
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        try
        {
            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (IsMailFailure(ex))
        {
            return ex;
        }
    }

    private static bool IsMailFailure(Exception ex) =>
        ex is SocketException or IOException or TimeoutException or SmtpCommandException or SmtpProtocolException
            or MailKit.Security.AuthenticationException or ServiceNotConnectedException or OperationCanceledException;

    // Server messages can quote addresses back, so only the kind of failure is kept.
    private static string Describe(Exception ex) => ex switch
    {
        SocketException socket => $"The mail server could not be reached ({socket.SocketErrorCode}).",
        SmtpCommandException command => $"The mail server refused the message ({command.StatusCode}).",
        MailKit.Security.AuthenticationException => "The mail server refused the service's credentials.",
        TimeoutException or OperationCanceledException => "The mail server did not answer in time.",
        _ => $"The mail server connection failed ({ex.GetType().Name}).",
    };
}
