namespace RecoveryCoach.Durable.TestHost.Orchestrations;

public sealed class SayHelloActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"Hello {input}!");
}
