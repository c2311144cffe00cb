using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace RecoveryCoach.Durable.Tests;

/// <summary>
/// A worker and client on a task hub of their own in the real Azurite, with a fake clock so
/// weeks of timers pass in milliseconds.
/// </summary>
internal sealed class TestHub : IAsyncDisposable
{
    private readonly IHost host;

    private TestHub(IHost host, FakeTimeProvider clock, string hubName)
    {
        this.host = host;
        Clock = clock;
        HubName = hubName;
    }

    public static DateTimeOffset Start { get; } = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; }

    public string HubName { get; }

    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    public IServiceProvider Services => host.Services;

    public static async Task<TestHub> StartAsync(Action<DurableTaskRegistry> register, Action<DurableTaskOptions>? configure = null, string? hubName = null)
    {
        var clock = new FakeTimeProvider(Start);
        var hub = hubName ?? TestServers.NewTaskHub();
        var host = Host.CreateDefaultBuilder()
            .ConfigureServices(services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddDurableTask(
                    options =>
                    {
                        options.ConnectionString = TestServers.StorageConnectionString;
                        options.HubName = hub;
                        options.StorageProvider.MaxQueuePollingInterval = TimeSpan.FromSeconds(1);
                        configure?.Invoke(options);
                    },
                    register);
            })
            .Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<RecoveryCoach.Durable.Storage.TaskHubStorage>().EnsureCreatedAsync(CancellationToken.None);
        return new TestHub(host, clock, hub);
    }

    /// <summary>Waits, in real time, for the instance to finish.</summary>
    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId, int seconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await Client.WaitForInstanceCompletionAsync(instanceId, timeout.Token);
    }

    /// <summary>Waits, in real time, until the instance's status satisfies <paramref name="condition"/>.</summary>
    public async Task<OrchestrationMetadata> UntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var instance = await Client.GetInstanceAsync(instanceId);
            if (instance is not null && condition(instance))
            {
                return instance;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Instance {instanceId} did not reach the expected state; last status {instance?.RuntimeStatus}.");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Waits until the instance waits on a timer, then moves the fake clock on.</summary>
    public async Task AdvanceWhenWaitingAsync(string instanceId, TimeSpan by)
    {
        await UntilTimerCreatedAsync(instanceId);
        Clock.Advance(by);
    }

    public Task UntilTimerCreatedAsync(string instanceId, int count = 1) =>
        EventuallyAsync(
            async () => (await Client.GetHistoryAsync(instanceId)).OfType<RecoveryCoach.Durable.History.TimerCreated>().Count() >= count,
            $"instance {instanceId} should create {count} timer(s)");

    public Task UntilEventsRecordedAsync(string instanceId, int count = 1) =>
        EventuallyAsync(
            async () => (await Client.GetHistoryAsync(instanceId)).OfType<RecoveryCoach.Durable.History.EventRaised>().Count() >= count,
            $"instance {instanceId} should record {count} event(s)");

    /// <summary>Puts an event on the control queue for an instance that does not exist yet, and waits until the worker keeps it.</summary>
    public async Task SendBeforeStartAsync(string instanceId, string eventName, string json)
    {
        var early = new RecoveryCoach.Durable.History.EventRaised(eventName, json) { MessageId = Guid.NewGuid().ToString("N") };
        await host.Services.GetRequiredService<RecoveryCoach.Durable.Storage.ControlQueues>().SendAsync(new(instanceId, early), CancellationToken.None);
        var history = host.Services.GetRequiredService<RecoveryCoach.Durable.Storage.HistoryStore>();
        await EventuallyAsync(
            async () => (await history.LoadAsync(instanceId, CancellationToken.None)).Buffered.Count > 0,
            "the worker should keep the early event");
    }

    /// <summary>Waits, in real time, until <paramref name="condition"/> holds, failing with <paramref name="because"/> after 20 s.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string because)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, because);
            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
