using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCoach.Durable.Storage;
using RecoveryCoach.Durable.Worker;

namespace RecoveryCoach.Durable;

public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Registers the runtime: a <see cref="DurableTaskClient"/> and a worker that runs as a hosted
    /// service. Every host runs a worker, so any host can take any instance forward.
    /// </summary>
    public static IServiceCollection AddDurableTask(this IServiceCollection services, Action<DurableTaskOptions> configure, Action<DurableTaskRegistry> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        services.AddOptions<DurableTaskOptions>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        var registry = new DurableTaskRegistry();
        register(registry);
        services.AddSingleton(registry);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value);
        services.AddSingleton<TaskHubStorage>();
        services.AddSingleton<LargePayloads>();
        services.AddSingleton<HistoryStore>();
        services.AddSingleton<InstanceStore>();
        services.AddSingleton<TimerStore>();
        services.AddSingleton<ControlQueues>();
        services.AddSingleton<WorkerSignal>();
        services.AddSingleton<AbandonedTimers>();
        services.AddSingleton<InstanceStepper>();
        services.AddSingleton(sp => new DurableTaskClient(
            sp.GetRequiredService<TaskHubStorage>(),
            sp.GetRequiredService<InstanceStore>(),
            sp.GetRequiredService<HistoryStore>(),
            sp.GetRequiredService<ControlQueues>(),
            sp.GetRequiredService<LargePayloads>(),
            sp.GetRequiredService<DurableTaskRegistry>(),
            sp.GetRequiredService<WorkerSignal>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IHostedService>(sp => new DurableTaskWorker(
            sp.GetRequiredService<TaskHubStorage>(),
            sp.GetRequiredService<ControlQueues>(),
            sp.GetRequiredService<TimerStore>(),
            sp.GetRequiredService<InstanceStore>(),
            sp.GetRequiredService<InstanceStepper>(),
            sp.GetRequiredService<AbandonedTimers>(),
            sp.GetRequiredService<WorkerSignal>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<DurableTaskOptions>(),
            sp.GetRequiredService<ILogger<DurableTaskWorker>>()));
        return services;
    }
}
