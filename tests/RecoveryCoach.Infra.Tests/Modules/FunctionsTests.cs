using RecoveryCoach.Infra.Tests.Deployment;

namespace RecoveryCoach.Infra.Tests.Modules;

/// <summary>infra/modules/functions.bicep: the journeys' worker, on Flex Consumption, .NET 10 isolated, connected by identity.</summary>
public sealed class FunctionsTests
{
    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void The_app_runs_dotnet_isolated_10_on_the_Flex_Consumption_plan(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var site = snapshot.Site("functionapp,linux");
        var plan = snapshot.OfType("Microsoft.Web/serverfarms").Single(p => Arm.Text(p, "id") == Arm.Text(site, "properties", "serverFarmId"));

        Arm.Text(plan, "sku", "name").Should().Be("FC1");
        Arm.Text(plan, "sku", "tier").Should().Be("FlexConsumption");
        plan["properties"]!["reserved"]!.GetValue<bool>().Should().BeTrue("Flex Consumption is Linux");
        Arm.Text(site, "properties", "functionAppConfig", "runtime", "name").Should().Be("dotnet-isolated");
        Arm.Text(site, "properties", "functionAppConfig", "runtime", "version").Should().Be("10.0");
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void The_app_takes_HTTPS_only_on_TLS_1_2_with_FTP_and_basic_auth_publishing_off(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var site = snapshot.Site("functionapp,linux");

        site["properties"]!["httpsOnly"]!.GetValue<bool>().Should().BeTrue();
        Arm.Text(site, "properties", "siteConfig", "minTlsVersion").Should().Be("1.2");
        Arm.Text(site, "properties", "siteConfig", "ftpsState").Should().Be("Disabled");
        foreach (var policy in new[] { "/ftp", "/scm" })
        {
            snapshot.Single("Microsoft.Web/sites/basicPublishingCredentialsPolicies", Arm.Text(site, "name") + policy)["properties"]!["allow"]!.GetValue<bool>().Should().BeFalse();
        }
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void The_package_is_read_from_its_blob_container_with_the_apps_identity(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var site = snapshot.Site("functionapp,linux");
        var storage = snapshot.Single("Microsoft.Storage/storageAccounts");
        var deployment = site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;

        Arm.Text(deployment, "type").Should().Be("blobContainer");
        Arm.Symbolic(Arm.Text(deployment, "value")).Should().Be($"{Arm.Ref(storage, "primaryEndpoints.blob")}functions-package");
        Arm.Text(deployment, "authentication", "type").Should().Be("UserAssignedIdentity");
        Arm.Text(deployment, "authentication", "userAssignedIdentityResourceId")
            .Should().Be(Arm.Text(snapshot.Single("Microsoft.ManagedIdentity/userAssignedIdentities", "-functions-id"), "id"));
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void AzureWebJobsStorage_is_an_identity_based_connection_with_the_apps_own_identity(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var settings = snapshot.AppSettings(snapshot.Site("functionapp,linux"));

        settings.Should().Contain(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage__accountName"] = Arm.Text(snapshot.Single("Microsoft.Storage/storageAccounts"), "name"),
            ["AzureWebJobsStorage__credential"] = "managedidentity",
            ["AzureWebJobsStorage__clientId"] = Arm.Ref(snapshot.Single("Microsoft.ManagedIdentity/userAssignedIdentities", "-functions-id"), "clientId"),
        });
        settings.Should().NotContainKey("AzureWebJobsStorage", "a connection string would carry the account key");
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void The_runtime_is_not_set_in_app_settings_which_Flex_Consumption_refuses(string environment)
    {
        var snapshot = Built.Snapshot(environment);

        snapshot.AppSettings(snapshot.Site("functionapp,linux")).Keys.Should().NotContain(["FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING"]);
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void Links_in_its_emails_point_to_the_web_app(string environment)
    {
        var snapshot = Built.Snapshot(environment);

        snapshot.AppSettings(snapshot.Site("functionapp,linux")).Should().Contain("Notifications__PublicBaseUrl", $"https://{Arm.Ref(snapshot.Site("app,linux"), "defaultHostName")}");
    }
}
