namespace RecoveryCoach.Durable.TestHost.Orchestrations;

/// <summary>A city to greet and how long the greeting takes.</summary>
public sealed record SlowHello(string City, int DelayMilliseconds);

public sealed class SayHelloSlowlyActivity : TaskActivity<SlowHello, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, SlowHello input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await Task.Delay(input.DelayMilliseconds, context.CancellationToken);
        return $"Hello {input.City}!";
    }
}
