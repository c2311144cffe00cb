using Microsoft.DurableTask;

namespace RecoveryCoach.DurableTask.Tests.Samples;

/// <summary>The samples most tests share.</summary>
internal static class SampleTasks
{
    public static void Register(DurableTaskRegistry tasks) => tasks
        .AddOrchestrator<HelloOrchestrator>()
        .AddOrchestrator<SignalsOrchestrator>()
        .AddActivity<SayHelloActivity>();
}
