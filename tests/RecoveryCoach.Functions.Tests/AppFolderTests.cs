using System.Text.Json;

namespace RecoveryCoach.Functions.Tests;

/// <summary>
/// What ships beside the app: the repository's own host.json and rules, and the host-side
/// extensions the Worker SDK restored, without which the host has no orchestration trigger.
/// </summary>
public sealed class AppFolderTests
{
    [Fact]
    public void The_host_json_beside_the_app_is_the_repository_file()
    {
        ShouldBeCopy(FunctionsApp.PathOf("host.json"), Path.Combine(Repository.Root, "host.json"));
    }

    [Fact]
    public void The_rules_beside_the_app_are_the_repository_files()
    {
        var shipped = Path.Combine(Repository.Root, "rules");
        var files = Directory.GetFiles(shipped, "*.json").Select(Path.GetFileName).ToList();

        files.Should().Contain(["eligibility.json", "allocation.json", "journey.json"]);
        foreach (var file in files)
        {
            ShouldBeCopy(FunctionsApp.PathOf("rules", file!), Path.Combine(shipped, file!));
        }
    }

    [Fact]
    public void The_host_loads_the_Durable_extension_from_the_apps_extension_folder()
    {
        using var extensions = JsonDocument.Parse(File.ReadAllText(FunctionsApp.PathOf("extensions.json")));
        var durable = extensions.RootElement.GetProperty("extensions").EnumerateArray()
            .Should().ContainSingle(e => e.GetProperty("name").GetString() == "DurableTask").Subject;

        durable.GetProperty("typeName").GetString().Should().StartWith("Microsoft.Azure.WebJobs.Extensions.DurableTask.");
        var hintPath = durable.GetProperty("hintPath").GetString()!;
        hintPath.Should().StartWith("./.azurefunctions/");
        File.Exists(FunctionsApp.PathOf(hintPath)).Should().BeTrue();
    }

    [Fact]
    public void The_extension_folder_carries_the_Durable_extension_on_the_Azure_Storage_provider()
    {
        using var deps = JsonDocument.Parse(File.ReadAllText(FunctionsApp.PathOf(".azurefunctions", "function.deps.json")));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name).ToList();

        libraries.Should().Contain(l => l.StartsWith("Microsoft.Azure.WebJobs.Extensions.DurableTask/3.", StringComparison.Ordinal));
        libraries.Should().Contain(l => l.StartsWith("Microsoft.Azure.DurableTask.AzureStorage/", StringComparison.Ordinal));
        File.Exists(FunctionsApp.PathOf(".azurefunctions", "DurableTask.AzureStorage.dll")).Should().BeTrue();
    }

    private static void ShouldBeCopy(string copy, string original)
    {
        File.Exists(copy).Should().BeTrue("{0} should ship beside the app", original);
        File.ReadAllBytes(copy).Should().Equal(File.ReadAllBytes(original), "{0} should be a copy of {1}", copy, original);
    }
}
