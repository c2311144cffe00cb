namespace RecoveryCoach.Durable.Tests.Worker;

/// <summary>What happens to running instances when the code is deployed again.</summary>
public sealed class VersioningTests
{
    [Fact]
    public async Task Changing_the_code_under_a_running_instance_fails_it_with_a_non_determinism_error()
    {
        var hub = TestServers.NewTaskHub();
        string id;
        await using (var before = await TestHub.StartAsync(r => Journey(r, "1", firstActivity: "Contact"), hubName: hub))
        {
            id = await before.Client.ScheduleNewOrchestrationInstanceAsync("Journey");
            await before.UntilAsync(id, i => i.SerializedCustomStatus is not null);
        }

        await using var after = await TestHub.StartAsync(r => Journey(r, "1", firstActivity: "Assess"), hubName: hub);
        await after.Client.RaiseEventAsync(id, "Agreed", "yes");
        var done = await after.CompletionAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        done.FailureDetails!.ErrorType.Should().Be(typeof(NonDeterministicOrchestrationException).FullName);
        done.FailureDetails.ErrorMessage.Should().Contain("'Contact'").And.Contain("'Assess'");
    }

    [Fact]
    public async Task Versions_run_side_by_side_each_instance_on_the_version_it_started_with()
    {
        var hub = TestServers.NewTaskHub();
        string onVersion1;
        await using (var before = await TestHub.StartAsync(r => Journey(r, "1", firstActivity: "Contact"), hubName: hub))
        {
            onVersion1 = await before.Client.ScheduleNewOrchestrationInstanceAsync("Journey");
            await before.UntilAsync(onVersion1, i => i.SerializedCustomStatus is not null);
        }

        await using var after = await TestHub.StartAsync(
            r =>
            {
                Journey(r, "1", firstActivity: "Contact");
                Journey(r, "2", firstActivity: "Assess", withActivities: false);
            },
            hubName: hub);
        var onVersion2 = await after.Client.ScheduleNewOrchestrationInstanceAsync("Journey");
        await after.UntilAsync(onVersion2, i => i.SerializedCustomStatus is not null);
        await after.Client.RaiseEventAsync(onVersion1, "Agreed", "yes");
        await after.Client.RaiseEventAsync(onVersion2, "Agreed", "yes");

        (await after.CompletionAsync(onVersion1)).ReadOutputAs<string>().Should().Be("v1 after Contact");
        var second = await after.CompletionAsync(onVersion2);
        second.Version.Should().Be("2");
        second.ReadOutputAs<string>().Should().Be("v2 after Assess");
    }

    private static void Journey(DurableTaskRegistry registry, string version, string firstActivity, bool withActivities = true)
    {
        registry.AddOrchestrator<string, string>(
            "Journey",
            async (context, _) =>
            {
                var done = await context.CallActivityAsync<string>(firstActivity);
                context.SetCustomStatus("waiting for agreement");
                await context.WaitForExternalEvent<string>("Agreed");
                return $"v{context.Version} after {done}";
            },
            version);
        if (withActivities)
        {
            registry.AddActivity<object?, string>("Contact", (_, _) => Task.FromResult("Contact"));
            registry.AddActivity<object?, string>("Assess", (_, _) => Task.FromResult("Assess"));
        }
    }
}
