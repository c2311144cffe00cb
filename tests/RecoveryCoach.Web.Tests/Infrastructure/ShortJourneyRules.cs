using System.Globalization;
using System.Text.Json.Nodes;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>
/// A copy of the shipped rules whose journey durations are a few seconds, given as the small
/// fractions of a day the rules allow, so the real engine's wall-clock timers fire within a
/// test. Deleted with the object.
/// </summary>
public sealed class ShortJourneyRules : IDisposable
{
    private ShortJourneyRules(string path) => Path = path;

    public string Path { get; }

    /// <param name="seconds">Journey values to change, by name, in seconds.</param>
    public static ShortJourneyRules With(IReadOnlyDictionary<string, double> seconds)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        var folder = Directory.CreateTempSubdirectory("short-rules-").FullName;
        foreach (var file in Directory.GetFiles(System.IO.Path.Combine(AppContext.BaseDirectory, "rules"), "*.json"))
        {
            File.Copy(file, System.IO.Path.Combine(folder, System.IO.Path.GetFileName(file)));
        }

        var journeyFile = System.IO.Path.Combine(folder, "journey.json");
        var journey = JsonNode.Parse(File.ReadAllText(journeyFile))!;
        foreach (var rule in journey["Rules"]!.AsArray())
        {
            if (seconds.TryGetValue(rule!["Properties"]!["value"]!.GetValue<string>(), out var value))
            {
                rule["Actions"]!["OnSuccess"]!["Context"]!["Expression"] = (value / TimeSpan.FromDays(1).TotalSeconds).ToString("0.####################", CultureInfo.InvariantCulture);
            }
        }

        File.WriteAllText(journeyFile, journey.ToJsonString());
        return new ShortJourneyRules(folder);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
