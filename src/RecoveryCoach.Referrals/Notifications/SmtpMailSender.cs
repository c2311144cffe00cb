using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace RecoveryCoach.Referrals.Notifications;

/// <summary>
/// Sends email over SMTP with MailKit. A failure is returned, not thrown, so the caller records
/// it against the referral; a referral is never lost because mail is down.
/// </summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> options)
{
    private readonly SmtpOptions settings = options.Value;

    /// <summary>Sends each message over one connection.</summary>
    /// <returns>For each message in order, null when the server accepted it, else why it failed (no personal data).</returns>
    public async Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var outcomes = new string?[messages.Count];
        if (messages.Count == 0)
        {
            return outcomes;
        }

        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
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
            Array.Fill(outcomes, Describe(ex));
            return outcomes;
        }

        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            message.From.Clear();
            message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
            try
            {
                await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsMailFailure(ex))
            {
                outcomes[i] = Describe(ex);
                if (!client.IsConnected)
                {
                    Array.Fill(outcomes, outcomes[i], i + 1, messages.Count - i - 1);
                    return outcomes;
                }
            }
        }

        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsMailFailure(ex))
        {
            // Every message was already accepted or has its own failure; a dropped QUIT changes neither.
        }

        return outcomes;
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
