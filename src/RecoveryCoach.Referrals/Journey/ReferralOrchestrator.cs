using RecoveryCoach.Durable;

namespace RecoveryCoach.Referrals.Journey;

/// <summary>
/// The journey of one referral, one instance per referral under the referral's id. It carries
/// only that id: the person's details stay in the referral's own table, out of the history.
/// </summary>
/// <remarks>
/// Version 1 takes a referral from receipt to its decision and acknowledgement. Later stages
/// (first contact, agreement, check-ins, closure) come as new versions; an instance keeps the
/// version it started on.
/// </remarks>
public sealed class ReferralOrchestrator : TaskOrchestrator<string, ReferralStatus>
{
    public const string Name = "ReferralJourney";

    /// <summary>Storage may be briefly out of reach; try for about a quarter of an hour.</summary>
    private static readonly TaskOptions StorageRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(6, TimeSpan.FromSeconds(30), backoffCoefficient: 2));

    /// <summary>Mail may be down for hours; keep trying for about a day, at most an hour apart.</summary>
    private static readonly TaskOptions MailRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(30, TimeSpan.FromMinutes(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromHours(1)));

    public override async Task<ReferralStatus> RunAsync(TaskOrchestrationContext context, string referralId)
    {
        context.SetCustomStatus(new JourneyStatus("deciding"));
        var status = await context.CallActivityAsync<ReferralStatus>(nameof(DecideReferralActivity), referralId, StorageRetry);

        context.SetCustomStatus(new JourneyStatus("acknowledging"));
        await context.CallActivityAsync<int>(nameof(SendAcknowledgementsActivity), referralId, MailRetry);

        context.SetCustomStatus(new JourneyStatus(status.ToString()));
        return status;
    }
}

/// <summary>Where the journey stands, shown with the instance's status.</summary>
public sealed record JourneyStatus(string Stage);
