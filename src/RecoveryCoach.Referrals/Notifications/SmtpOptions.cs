using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace RecoveryCoach.Referrals.Notifications;

/// <summary>
/// The SMTP server mail goes through. Locally that is maildev; in Azure it is the SMTP endpoint
/// of Azure Communication Services (smtp.azurecomm.net, port 587, StartTls, with credentials),
/// so moving between them is configuration only.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 1025;

    /// <summary><c>None</c> for a local server; <c>StartTls</c> for Azure Communication Services.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.None;

    /// <summary>Leave empty for a server that needs no sign-in.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address, which Azure Communication Services requires to be a verified domain's.</summary>
    [Required]
    [EmailAddress]
    public string FromAddress { get; set; } = "no-reply@recovery-coach.localhost";

    [Required]
    public string FromName { get; set; } = "Recovery Coach Team";

    /// <summary>How long to wait for the server before counting the email as failed.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 15;
}
