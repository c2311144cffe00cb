namespace RecoveryCoach.Durable.TestHost.Orchestrations;

/// <summary>The DTFx "HelloCities5" benchmark: five activities in sequence, results joined.</summary>
public sealed class HelloSequence5Orchestrator : TaskOrchestrator<object?, string>
{
    public static IReadOnlyList<string> Cities { get; } = ["Tokyo", "Seattle", "London", "Cambridge", "Peterborough"];

    public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var greetings = new List<string>(Cities.Count);
        foreach (var city in Cities)
        {
            greetings.Add(await context.CallActivityAsync<string>("SayHello", city));
        }

        return string.Join(" ", greetings);
    }
}
