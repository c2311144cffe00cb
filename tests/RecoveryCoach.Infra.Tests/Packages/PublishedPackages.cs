using System.Diagnostics;
using System.Reflection;
using System.Text;
using RecoveryCoach.Infra.Tests.Deployment;

namespace RecoveryCoach.Infra.Tests.Packages;

/// <summary>
/// Both apps as <c>infra/package.sh</c> publishes and zips them for deployment, made once for the
/// whole run: publishing is slow. In Release, which <c>./test.sh</c> builds, it publishes what
/// this run built, with no build of its own; otherwise it builds Release first. The web app is
/// started from its publish folder the first time a test asks for it, and stopped at the end.
/// </summary>
public sealed class PublishedPackages : IAsyncLifetime
{
    private static readonly TimeSpan PackagingLimit = TimeSpan.FromMinutes(15);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "recoverycoach-packages-" + Guid.NewGuid().ToString("N")[..8]);
    private Task<PublishedWebApp>? webApp;

    public string Functions => Path.Combine(folder, "functions");

    public string Web => Path.Combine(folder, "web");

    public string FunctionsZip => Path.Combine(folder, "functions.zip");

    public string WebZip => Path.Combine(folder, "web.zip");

    /// <summary>The published web app, running against the test servers.</summary>
    public Task<PublishedWebApp> WebAppAsync() => webApp ??= PublishedWebApp.StartAsync(Web);

    public async Task InitializeAsync()
    {
        var release = typeof(PublishedPackages).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration == "Release";
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("infra/package.sh");
        if (release)
        {
            start.ArgumentList.Add("--no-build");
        }

        start.ArgumentList.Add(folder);
        // The test host's own MSBuild settings would steer the publish; it must run as from a shell.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(PackagingLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"infra/package.sh did not finish within {PackagingLimit.TotalMinutes} minutes.\n{output}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"infra/package.sh {string.Join(' ', start.ArgumentList.Skip(1))} failed with exit code {process.ExitCode}:\n{output}");
        }
    }

    public async Task DisposeAsync()
    {
        // A web app that failed to start has already been stopped; its test reported why.
        if (webApp is { IsCompletedSuccessfully: true })
        {
            await webApp.Result.DisposeAsync();
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>The tests that share the published packages, one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedPackageTests : ICollectionFixture<PublishedPackages>
{
    public const string Name = "Published packages";
}
