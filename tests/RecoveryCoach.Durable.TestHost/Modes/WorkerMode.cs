using Microsoft.Extensions.Hosting;

namespace RecoveryCoach.Durable.TestHost.Modes;

/// <summary>
/// A worker that runs until SIGTERM or SIGINT (or is killed). It polls at least every second,
/// and a short visibility timeout, when asked, lets a killed worker's messages reappear in seconds.
/// </summary>
internal static class WorkerMode
{
    public static async Task<int> RunAsync(HostArguments arguments)
    {
        using var host = SampleHost.Build(arguments.ConnectionString, arguments.Hub, options =>
        {
            options.StorageProvider.MaxQueuePollingInterval = arguments.Seconds("max-polling-seconds") ?? TimeSpan.FromSeconds(1);
            if (arguments.Seconds("visibility-seconds") is { } visibility)
            {
                options.StorageProvider.ControlQueueVisibilityTimeout = visibility;
            }
        });
        await SampleHost.StartAsync(host);
        Console.WriteLine("ready");
        await host.WaitForShutdownAsync();
        return 0;
    }
}
