namespace RecoveryCoach.Durable.TestHost.Orchestrations;

/// <summary>Waits for an "Approve" event or an hour, whichever comes first, and says which won.</summary>
public sealed class ApprovalOrchestrator : TaskOrchestrator<object?, string>
{
    public const string Approved = "Approve";
    public const string TimedOut = "Timer";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var cts = new CancellationTokenSource();
        var approval = context.WaitForExternalEvent<string>(Approved, cts.Token);
        var timeout = context.CreateTimer(TimeSpan.FromHours(1), cts.Token);
        var winner = await Task.WhenAny(approval, timeout);

        // Cancel on the orchestrator's thread: CancelAsync would run the callbacks elsewhere.
        cts.Cancel();
        return winner == approval ? Approved : TimedOut;
    }
}
