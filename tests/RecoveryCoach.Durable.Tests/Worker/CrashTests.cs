using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RecoveryCoach.Durable.History;
using Xunit.Abstractions;

namespace RecoveryCoach.Durable.Tests.Worker;

/// <summary>
/// A worker process killed with SIGKILL part-way through a run, and a fresh one that finishes
/// it: nothing the dead worker did may be lost or recorded twice. The workers are the TestHost
/// program; this process only starts and inspects instances.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int InstanceCount = 40;
    private const int ActivityMilliseconds = 200;

    [Fact]
    public async Task A_worker_killed_mid_run_leaves_every_instance_to_complete_exactly_once_on_a_fresh_worker()
    {
        var hub = TestServers.NewTaskHub();
        var workers = new List<WorkerProcess>();
        using var host = await StartClientAsync(hub);
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        try
        {
            var ids = Enumerable.Range(0, InstanceCount).Select(i => "crash-" + i.ToString(CultureInfo.InvariantCulture)).ToList();
            foreach (var id in ids)
            {
                await client.ScheduleNewOrchestrationInstanceAsync("SlowSequence", ActivityMilliseconds, new StartOrchestrationOptions(id));
            }

            var first = WorkerProcess.Start(hub);
            workers.Add(first);
            await first.ReadyAsync();
            await UntilCompletedAsync(client, count => count > 0, TimeSpan.FromSeconds(30));
            first.Kill();
            var completedBeforeKill = await CompletedCountAsync(client);
            output.WriteLine($"{completedBeforeKill} of {InstanceCount} instances had completed when the first worker was killed.");
            completedBeforeKill.Should().BeInRange(1, InstanceCount - 1, "the worker must die part-way through the run");

            var second = WorkerProcess.Start(hub);
            workers.Add(second);
            await second.ReadyAsync();
            await UntilCompletedAsync(client, count => count == InstanceCount, TimeSpan.FromSeconds(60));

            foreach (var id in ids)
            {
                var instance = await client.GetInstanceAsync(id);
                instance!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, id);
                instance.ReadOutputAs<string>().Should().Be("Hello Tokyo! Hello Seattle! Hello London! Hello Cambridge! Hello Peterborough!", id);
                var history = await client.GetHistoryAsync(id);
                history.OfType<ExecutionStarted>().Should().ContainSingle(id);
                history.OfType<ExecutionCompleted>().Should().ContainSingle(id);
                history.OfType<TaskScheduled>().Select(e => e.TaskId).Should().Equal([0, 1, 2, 3, 4], id);
                history.OfType<TaskCompleted>().Select(e => e.TaskId).Should().OnlyHaveUniqueItems(id).And.BeEquivalentTo([0, 1, 2, 3, 4], id);
                history.OfType<TaskFailed>().Should().BeEmpty(id);
            }
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }

            await host.StopAsync();
        }
    }

    /// <summary>A client-only runtime on the hub: it starts instances but never steps them.</summary>
    private static async Task<IHost> StartClientAsync(string hub)
    {
        var host = Host.CreateDefaultBuilder()
            .ConfigureServices(services => services.AddDurableTask(
                options =>
                {
                    options.ConnectionString = TestServers.StorageConnectionString;
                    options.HubName = hub;
                    options.WorkerEnabled = false;
                },
                registry => registry.AddOrchestrator<int, string>("SlowSequence", (_, _) => throw new InvalidOperationException("Only the worker processes run SlowSequence."))))
            .Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<int> CompletedCountAsync(DurableTaskClient client) =>
        (await client.QueryInstancesAsync(new OrchestrationQuery([OrchestrationRuntimeStatus.Completed], PageSize: 1000))).Instances.Count;

    private static async Task UntilCompletedAsync(DurableTaskClient client, Func<int, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        int count;
        while (!condition(count = await CompletedCountAsync(client)))
        {
            if (DateTime.UtcNow > deadline)
            {
                var unfinished = (await client.QueryInstancesAsync(new OrchestrationQuery(PageSize: 1000))).Instances
                    .Where(i => i.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                    .Select(i => $"{i.InstanceId}: {i.RuntimeStatus} {i.FailureDetails?.ErrorType}");
                throw new TimeoutException($"Only {count} of {InstanceCount} instances completed within {timeout}; the others: {string.Join("; ", unfinished)}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// <c>dotnet RecoveryCoach.Durable.TestHost.dll worker</c> on the hub, with a visibility
    /// timeout of 10 s so a killed worker's messages come back within the test.
    /// </summary>
    private sealed class WorkerProcess : IDisposable
    {
        private readonly Process process;
        private readonly ConcurrentQueue<string> output = new();
        private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private WorkerProcess(string hub)
        {
            var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { TestHostDll(), "worker", "--hub", hub, "--visibility-seconds", "10" })
            {
                info.ArgumentList.Add(argument);
            }

            info.Environment["AzureWebJobsStorage"] = TestServers.StorageConnectionString;
            process = new Process { StartInfo = info };
            process.OutputDataReceived += (_, e) => Received(e.Data);
            process.ErrorDataReceived += (_, e) => Received(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public static WorkerProcess Start(string hub) => new(hub);

        public async Task ReadyAsync()
        {
            var first = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
            if (first != ready.Task)
            {
                throw new InvalidOperationException("The worker process did not report ready. Its output:\n" + string.Join('\n', output));
            }
        }

        /// <summary>SIGKILL on Linux: no shutdown code runs, as when a machine dies.</summary>
        public void Kill()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        public void Dispose()
        {
            try
            {
                if (!process.HasExited)
                {
                    Kill();
                }
            }
            finally
            {
                process.Dispose();
            }
        }

        /// <summary>The TestHost build next to this one: tests/RecoveryCoach.Durable.TestHost/bin/&lt;configuration&gt;/&lt;framework&gt;/.</summary>
        private static string TestHostDll()
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!;
            var tests = configuration.Parent!.Parent!.Parent!;
            var dll = Path.Combine(tests.FullName, "RecoveryCoach.Durable.TestHost", "bin", configuration.Name, framework.Name, "RecoveryCoach.Durable.TestHost.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the TestHost project (the test project references it).", dll);
        }

        private void Received(string? line)
        {
            if (line is null)
            {
                return;
            }

            output.Enqueue(line);
            if (line == "ready")
            {
                ready.TrySetResult();
            }
        }
    }
}
