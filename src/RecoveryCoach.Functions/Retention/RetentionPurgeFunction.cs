using Azure;
using Grpc.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Retention;

namespace RecoveryCoach.Functions.Retention;

/// <summary>
/// Every day at 02:00 UTC, deletes the referrals past their retention date, with their
/// journeys' instances and history, unless <see cref="RetentionOptions.Enabled"/> is off. Two
/// runs at once are harmless, and a run cut short is finished by the next (<see cref="RetentionPurge"/>).
/// </summary>
public sealed class RetentionPurgeFunction(IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionPurgeFunction> logger)
{
    public const string Name = "PurgeReferralsPastRetention";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger("0 0 2 * * *")] TimerInfo timer, [DurableClient] DurableTaskClient journeys, FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (!options.Value.Enabled)
        {
            return;
        }

        var purge = ActivatorUtilities.CreateInstance<RetentionPurge>(function.InstanceServices, journeys);
        try
        {
            var purged = await purge.RunAsync(time.GetUtcNow(), function.CancellationToken);
            logger.RetentionPurgeRan(purged);
        }
        catch (Exception ex) when (ex is RequestFailedException or RpcException or AggregateException)
        {
            logger.RetentionPurgeFailed(ex);
        }
    }
}
