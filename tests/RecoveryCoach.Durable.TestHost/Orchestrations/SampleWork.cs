namespace RecoveryCoach.Durable.TestHost.Orchestrations;

/// <summary>Every orchestrator and activity the test host can run, under the names clients start them by.</summary>
internal static class SampleWork
{
    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<HelloSequence5Orchestrator>("HelloSequence5")
        .AddOrchestrator<SlowSequenceOrchestrator>("SlowSequence")
        .AddOrchestrator<ApprovalOrchestrator>("Approval")
        .AddOrchestrator<LongTimerOrchestrator>("LongTimer")
        .AddActivity<SayHelloActivity>("SayHello")
        .AddActivity<SayHelloSlowlyActivity>("SayHelloSlowly");
}
