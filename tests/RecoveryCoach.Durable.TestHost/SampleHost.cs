using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecoveryCoach.Durable.TestHost.Orchestrations;

namespace RecoveryCoach.Durable.TestHost;

/// <summary>
/// The runtime as a service host runs it (real clock, real storage) with the sample work
/// registered. Logs go to stderr so stdout carries only the lines other processes wait for.
/// </summary>
internal static class SampleHost
{
    public static IHost Build(string connectionString, string hubName, Action<DurableTaskOptions>? configure = null) =>
        new HostBuilder()
            .ConfigureLogging(logging => logging
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
                .SetMinimumLevel(LogLevel.Warning))
            .ConfigureServices(services => services.AddDurableTask(
                options =>
                {
                    options.ConnectionString = connectionString;
                    options.HubName = hubName;
                    configure?.Invoke(options);
                },
                SampleWork.Register))
            .Build();

    /// <summary>Starts the host and creates the hub's tables and queues, so the first request timed is real work.</summary>
    public static async Task<IHost> StartAsync(IHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        await host.StartAsync(cancellationToken);
        await ClientOf(host).GetInstanceAsync("not-an-instance", cancellationToken);
        return host;
    }

    public static DurableTaskClient ClientOf(IHost host) => host.Services.GetRequiredService<DurableTaskClient>();
}
