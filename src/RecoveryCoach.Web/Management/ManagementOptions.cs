namespace RecoveryCoach.Web.Management;

/// <summary>The durable engine's management API, for administrators.</summary>
public sealed class ManagementOptions
{
    public const string Section = "Management";

    /// <summary>
    /// Whether <c>/runtime/webhooks/durabletask</c> answers at all. It can terminate and purge
    /// instances, so it stays off until staff sign-in guards it.
    /// </summary>
    public bool Enabled { get; set; }
}
