using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace RecoveryCoach.Durable;

/// <summary>
/// The orchestrators, by name and version, and activities, by name, that a worker can run. An
/// instance starts on the newest version registered and keeps that version for its whole life,
/// so registering a new version never changes an instance already running.
/// </summary>
public sealed class DurableTaskRegistry
{
    public const string DefaultVersion = "1";

    private readonly Dictionary<(string Name, string Version), Func<ITaskOrchestrator>> orchestrators = [];
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> activities = new(StringComparer.Ordinal);

    public DurableTaskRegistry AddOrchestrator<TOrchestrator>(string? name = null, string version = DefaultVersion)
        where TOrchestrator : ITaskOrchestrator, new() =>
        AddOrchestrator(name ?? typeof(TOrchestrator).Name, version, () => new TOrchestrator());

    public DurableTaskRegistry AddOrchestrator<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> run, string version = DefaultVersion) =>
        AddOrchestrator(name, version, () => new FuncOrchestrator<TInput, TOutput>(run));

    public DurableTaskRegistry AddOrchestrator(string name, string version, Func<ITaskOrchestrator> create)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(version);
        if (!orchestrators.TryAdd((name, version), create))
        {
            throw new ArgumentException($"Orchestrator '{name}' version {version} is registered twice.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an activity created from the service provider for each call, so it can take dependencies.</summary>
    public DurableTaskRegistry AddActivity<TActivity>(string? name = null)
        where TActivity : class, ITaskActivity =>
        AddActivity(name ?? typeof(TActivity).Name, services => ActivatorUtilities.CreateInstance<TActivity>(services));

    public DurableTaskRegistry AddActivity<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> run) =>
        AddActivity(name, _ => new FuncActivity<TInput, TOutput>(run));

    public DurableTaskRegistry AddActivity(string name, Func<IServiceProvider, ITaskActivity> create)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!activities.TryAdd(name, create))
        {
            throw new ArgumentException($"Activity '{name}' is registered twice.", nameof(name));
        }

        return this;
    }

    /// <summary>The newest version of an orchestrator: numeric versions compare as numbers, others by text.</summary>
    internal string? LatestVersion(string name) =>
        orchestrators.Keys.Where(k => k.Name == name).Select(k => k.Version).OrderBy(v => v, VersionComparer.Instance).LastOrDefault();

    internal ITaskOrchestrator? CreateOrchestrator(string name, string version) =>
        orchestrators.TryGetValue((name, version), out var create) ? create() : null;

    internal ITaskActivity? CreateActivity(string name, IServiceProvider services) =>
        activities.TryGetValue(name, out var create) ? create(services) : null;

    private sealed class VersionComparer : IComparer<string>
    {
        public static readonly VersionComparer Instance = new();

        public int Compare(string? x, string? y) =>
            Version.TryParse(Normalise(x), out var a) && Version.TryParse(Normalise(y), out var b) ? a.CompareTo(b) : string.CompareOrdinal(x, y);

        private static string? Normalise(string? version) =>
            version is not null && int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? version + ".0" : version;
    }

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> run) : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => run(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> run) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(context, input);
    }
}
