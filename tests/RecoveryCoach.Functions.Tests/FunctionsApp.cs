using System.Reflection;
using System.Text.Json;

namespace RecoveryCoach.Functions.Tests;

/// <summary>
/// The Functions app as the build left it for the Functions host: the folder, and the function
/// list (<c>functions.metadata</c>) the Worker SDK generated from the app's attributes.
/// </summary>
internal static class FunctionsApp
{
    public static string Directory { get; } = Metadata("FunctionsAppDirectory");

    public static IReadOnlyList<FunctionEntry> Functions { get; } = Read();

    /// <summary>The functions triggered by a binding of this type, such as <c>activityTrigger</c>.</summary>
    public static IReadOnlyList<FunctionEntry> TriggeredBy(string triggerType) =>
        Functions.Where(f => f.Trigger.Type == triggerType).ToList();

    public static string PathOf(params string[] parts) => Path.Combine([Directory, .. parts]);

    /// <summary>
    /// The method a function runs, from the app's own assembly; its dependencies load from the
    /// app's folder, and the referral types are the ones these tests already use.
    /// </summary>
    public static MethodInfo EntryPoint(FunctionEntry function)
    {
        var app = Assembly.LoadFrom(PathOf("RecoveryCoach.Functions.dll"));
        var split = function.EntryPoint.LastIndexOf('.');
        return app.GetType(function.EntryPoint[..split], throwOnError: true)!.GetMethod(function.EntryPoint[(split + 1)..])!;
    }

    private static List<FunctionEntry> Read()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(PathOf("functions.metadata")));
        return metadata.RootElement.EnumerateArray().Select(function => new FunctionEntry(
            function.GetProperty("name").GetString()!,
            function.GetProperty("entryPoint").GetString()!,
            function.GetProperty("bindings").EnumerateArray().Select(binding => new BindingEntry(
                binding.GetProperty("name").GetString()!,
                binding.GetProperty("type").GetString()!,
                binding.GetProperty("direction").GetString()!,
                Text(binding, "schedule"),
                Text(binding, "authLevel"),
                Text(binding, "route"),
                binding.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!).ToList() : [])).ToList())).ToList();
    }

    private static string? Text(JsonElement binding, string property) =>
        binding.TryGetProperty(property, out var value) ? value.GetString() : null;

    private static string Metadata(string key) =>
        typeof(FunctionsApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

internal sealed record FunctionEntry(string Name, string EntryPoint, IReadOnlyList<BindingEntry> Bindings)
{
    /// <summary>The one binding that starts the function; the host refuses a function with none or two.</summary>
    public BindingEntry Trigger => Bindings.Single(b => b.Type.EndsWith("Trigger", StringComparison.Ordinal));
}

/// <summary>One binding; <c>Schedule</c> is a timer's, <c>AuthLevel</c>, <c>Route</c> and <c>Methods</c> an HTTP trigger's.</summary>
internal sealed record BindingEntry(string Name, string Type, string Direction, string? Schedule, string? AuthLevel, string? Route, IReadOnlyList<string> Methods);
