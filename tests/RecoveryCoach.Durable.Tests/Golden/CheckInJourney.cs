namespace RecoveryCoach.Durable.Tests.Golden;

/// <summary>
/// An orchestration that uses every feature a long-running journey does: activities with a
/// retry policy, fan-out, custom status, durable timers, and events with a timeout. Its recorded
/// histories under <c>Golden/</c> must keep replaying: changing what this code asks for, or in
/// what order, breaks them, exactly as it would break instances running in production.
/// </summary>
internal sealed class CheckInJourney : TaskOrchestrator<CheckInPlan, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, CheckInPlan plan)
    {
        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromMinutes(5)));
        await context.CallActivityAsync("Notify", "started", retry);

        var missed = 0;
        for (var week = 1; week <= plan.Weeks; week++)
        {
            context.SetCustomStatus(new { week, missed });
            await context.CreateTimer(context.CurrentUtcDateTime.AddDays(7), CancellationToken.None);
            try
            {
                await context.WaitForExternalEvent<string>("CheckIn", TimeSpan.FromDays(2));
                missed = 0;
            }
            catch (TimeoutException)
            {
                missed++;
                await context.CallActivityAsync("Notify", $"missed week {week}", retry);
            }
        }

        var summaries = await Task.WhenAll(Enumerable.Range(1, plan.Weeks).Select(week => context.CallActivityAsync<string>("Summarise", week)));
        return string.Join(" ", summaries);
    }
}

internal sealed record CheckInPlan(int Weeks);
