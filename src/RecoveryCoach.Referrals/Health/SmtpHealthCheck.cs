using MailKit.Net.Smtp;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Notifications;

namespace RecoveryCoach.Referrals.Health;

/// <summary>
/// The mail server greets, answers EHLO (sent on connecting), and, with StartTls, completes the
/// TLS handshake; then NOOP and QUIT. No sign-in and nothing sent, so the probe costs the mail
/// service nothing and never locks the account out.
/// </summary>
internal sealed class SmtpHealthCheck(IOptions<SmtpOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.Value;
        using var client = new SmtpClient { Timeout = (int)context.Registration.Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken).ConfigureAwait(false);
        await client.NoOpAsync(cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        return HealthCheckResult.Healthy();
    }
}
