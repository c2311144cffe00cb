namespace RecoveryCoach.Durable.TestHost.Orchestrations;

/// <summary>
/// HelloSequence5 with activities that take <c>input</c> milliseconds each, so a crash test can
/// kill a worker while instances are part-way through.
/// </summary>
public sealed class SlowSequenceOrchestrator : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var greetings = new List<string>(HelloSequence5Orchestrator.Cities.Count);
        foreach (var city in HelloSequence5Orchestrator.Cities)
        {
            greetings.Add(await context.CallActivityAsync<string>("SayHelloSlowly", new SlowHello(city, input)));
        }

        return string.Join(" ", greetings);
    }
}
