using System.IO.Compression;
using RecoveryCoach.Infra.Tests.Deployment;

namespace RecoveryCoach.Infra.Tests.Packages;

/// <summary>
/// infra/package.sh: what it publishes and zips is what deploy.sh sends to Azure, so each package
/// must hold what its host looks for at the package's root.
/// </summary>
[Collection(PublishedPackageTests.Name)]
public sealed class PackageTests(PublishedPackages packages)
{
    [Fact]
    public void The_Functions_package_holds_the_function_list_host_json_and_the_host_extensions()
    {
        File.Exists(Path.Combine(packages.Functions, "functions.metadata")).Should().BeTrue();
        File.Exists(Path.Combine(packages.Functions, "worker.config.json")).Should().BeTrue();
        File.Exists(Path.Combine(packages.Functions, "RecoveryCoach.Functions.dll")).Should().BeTrue();
        Directory.EnumerateFiles(Path.Combine(packages.Functions, ".azurefunctions"), "*.dll").Should().Contain(f => f.EndsWith("DurableTask.AzureStorage.dll", StringComparison.Ordinal));
        ShouldBeCopy(Path.Combine(packages.Functions, "host.json"), Path.Combine(Repository.Root, "host.json"));
    }

    [Fact]
    public void The_web_package_holds_the_app_host_json_and_the_NHS_frontend()
    {
        File.Exists(Path.Combine(packages.Web, "RecoveryCoach.Web.dll")).Should().BeTrue();
        File.Exists(Path.Combine(packages.Web, "appsettings.json")).Should().BeTrue();
        File.Exists(Path.Combine(packages.Web, "nhsuk", "nhsuk-frontend.min.css")).Should().BeTrue();
        ShouldBeCopy(Path.Combine(packages.Web, "host.json"), Path.Combine(Repository.Root, "host.json"));
    }

    [Fact]
    public void Both_packages_hold_the_repositorys_rules()
    {
        var shipped = Directory.GetFiles(Path.Combine(Repository.Root, "rules"), "*.json").Select(Path.GetFileName).ToList();

        shipped.Should().Contain(["eligibility.json", "allocation.json", "journey.json"]);
        foreach (var package in new[] { packages.Functions, packages.Web })
        {
            foreach (var file in shipped)
            {
                ShouldBeCopy(Path.Combine(package, "rules", file!), Path.Combine(Repository.Root, "rules", file!));
            }
        }
    }

    [Fact]
    public void Each_zip_holds_its_publish_folder_at_its_root_dot_folders_included()
    {
        foreach (var (zip, folder) in new[] { (packages.FunctionsZip, packages.Functions), (packages.WebZip, packages.Web) })
        {
            using var archive = ZipFile.OpenRead(zip);
            var entries = archive.Entries.Select(e => e.FullName).ToList();
            var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).ToList();

            entries.Should().BeEquivalentTo(files, "{0} should hold exactly what was published, at its root", zip);
        }

        using var functions = ZipFile.OpenRead(packages.FunctionsZip);
        functions.Entries.Select(e => e.FullName).Should().Contain(["host.json", "functions.metadata"]).And.Contain(e => e.StartsWith(".azurefunctions/", StringComparison.Ordinal));
    }

    private static void ShouldBeCopy(string copy, string original)
    {
        File.Exists(copy).Should().BeTrue("{0} should ship in the package", original);
        File.ReadAllBytes(copy).Should().Equal(File.ReadAllBytes(original), "{0} should be a copy of {1}", copy, original);
    }
}
