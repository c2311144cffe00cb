using Azure;
using Grpc.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecoveryCoach.Referrals.Intake;

namespace RecoveryCoach.Functions.Intake;

/// <summary>
/// Every 30 seconds (<see cref="MissingJourneySweep.Interval"/>), starts the journey of any referral that was stored but whose journey never
/// started, so no accepted referral waits unseen. Any number of instances may run it at once (the
/// sweep leaves a journey already there alone). A storage failure, in the referral tables or in
/// the host behind the durable client, is logged and the sweep tries again at the next tick.
/// </summary>
public sealed class MissingJourneySweepFunction(ILogger<MissingJourneySweepFunction> logger)
{
    public const string Name = "SweepMissingJourneys";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger("*/30 * * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient journeys, FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var sweep = ActivatorUtilities.CreateInstance<MissingJourneySweep>(function.InstanceServices, journeys);
        try
        {
            await sweep.RunAsync(function.CancellationToken);
        }
        catch (Exception ex) when (ex is RequestFailedException or RpcException or AggregateException)
        {
            logger.SweepFailed(ex);
        }
    }
}
