using Azure;

namespace RecoveryCoach.Referrals.Storage;

/// <summary>What an Azure Storage call that could not reach the service looks like.</summary>
public static class StorageOutage
{
    /// <summary>
    /// True when storage did not answer, or answered with a server error; Azure.Core reports a
    /// server it cannot reach, after its own retries, as an aggregate of the failed tries.
    /// </summary>
    public static bool IsOutage(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 or >= 500 } => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsOutage),
        _ => false,
    };
}
