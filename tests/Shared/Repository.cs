using System.Reflection;

namespace RecoveryCoach.Tests;

/// <summary>
/// The checkout the tests were built from, where the shipped files they compare against live:
/// <c>rules/</c>, <c>host.json</c>, <c>docs/</c>, <c>infra/</c> and <c>node_modules/</c>. The
/// build writes it into every test assembly, so no test guesses it from its output folder.
/// </summary>
internal static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
