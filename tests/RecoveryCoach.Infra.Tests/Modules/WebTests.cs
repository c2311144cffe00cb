using RecoveryCoach.Infra.Tests.Deployment;

namespace RecoveryCoach.Infra.Tests.Modules;

/// <summary>infra/modules/web.bicep: pages and API on App Service for Linux, a client of the Functions app's task hub.</summary>
public sealed class WebTests
{
    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void The_web_app_runs_dotnet_10_on_Linux_HTTPS_only_on_TLS_1_2_with_FTP_and_basic_auth_publishing_off(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var site = snapshot.Site("app,linux");
        var plan = snapshot.OfType("Microsoft.Web/serverfarms").Single(p => Arm.Text(p, "id") == Arm.Text(site, "properties", "serverFarmId"));
        var config = site["properties"]!["siteConfig"]!;

        plan["properties"]!["reserved"]!.GetValue<bool>().Should().BeTrue("the plan is Linux");
        Arm.Text(config, "linuxFxVersion").Should().Be("DOTNETCORE|10.0");
        site["properties"]!["httpsOnly"]!.GetValue<bool>().Should().BeTrue();
        Arm.Text(config, "minTlsVersion").Should().Be("1.2");
        Arm.Text(config, "ftpsState").Should().Be("Disabled");
        config["alwaysOn"]!.GetValue<bool>().Should().BeTrue("the web app is the hub's client and serves the form at any hour");
        foreach (var policy in new[] { "/ftp", "/scm" })
        {
            snapshot.Single("Microsoft.Web/sites/basicPublishingCredentialsPolicies", Arm.Text(site, "name") + policy)["properties"]!["allow"]!.GetValue<bool>().Should().BeFalse();
        }
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void App_Service_probes_the_readiness_endpoint(string environment)
    {
        Arm.Text(Built.Snapshot(environment).Site("app,linux"), "properties", "siteConfig", "healthCheckPath").Should().Be("/healthz/ready");
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void The_web_app_is_a_client_of_the_hub_never_a_worker(string environment)
    {
        var snapshot = Built.Snapshot(environment);

        snapshot.AppSettings(snapshot.Site("app,linux")).Should().Contain("Durable__RunWorker", "false");
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void AzureWebJobsStorage_is_an_identity_based_connection_with_the_web_apps_own_identity(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var settings = snapshot.AppSettings(snapshot.Site("app,linux"));

        settings.Should().Contain(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage__accountName"] = Arm.Text(snapshot.Single("Microsoft.Storage/storageAccounts"), "name"),
            ["AzureWebJobsStorage__credential"] = "managedidentity",
            ["AzureWebJobsStorage__clientId"] = Arm.Ref(snapshot.Single("Microsoft.ManagedIdentity/userAssignedIdentities", "-web-id"), "clientId"),
        });
        settings.Should().NotContainKey("AzureWebJobsStorage");
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void Staff_sign_in_takes_the_issuer_and_client_from_the_parameters_and_the_secret_from_Key_Vault(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var parameters = Built.Parameters(environment)["parameters"]!;
        var secret = snapshot.Single("Microsoft.KeyVault/vaults/secrets", "/staff-signin-client-secret");

        snapshot.AppSettings(snapshot.Site("app,linux")).Should().Contain(new Dictionary<string, string>
        {
            ["StaffSignIn__Authority"] = parameters["staffSignInIssuer"]!["value"]!.GetValue<string>(),
            ["StaffSignIn__ClientId"] = parameters["staffSignInClientId"]!["value"]!.GetValue<string>(),
            ["StaffSignIn__ClientSecret"] = $"@Microsoft.KeyVault(SecretUri={Arm.Ref(secret, "secretUri")})",
        });
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void Record_systems_sign_in_at_the_FHIR_issuer_from_the_parameters_and_the_Development_key_is_never_set(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var parameters = Built.Parameters(environment)["parameters"]!;
        var settings = snapshot.AppSettings(snapshot.Site("app,linux"));
        var allowed = parameters["fhirAllowedClients"]!["value"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();

        settings.Should().Contain(new Dictionary<string, string>
        {
            ["Fhir__Authority"] = parameters["fhirIssuer"]!["value"]!.GetValue<string>(),
            ["Fhir__Audience"] = "api://recovery-coach-fhir",
        });
        settings.Where(s => s.Key.StartsWith("Fhir__AllowedClients__", StringComparison.Ordinal)).Select(s => s.Value).Should().Equal(allowed);
        settings.Keys.Should().NotContain(k => k.Contains("DevelopmentSigningKey", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void Data_Protection_keys_go_to_their_blob_protected_by_the_Key_Vault_key(string environment)
    {
        var snapshot = Built.Snapshot(environment);

        snapshot.AppSettings(snapshot.Site("app,linux")).Should().Contain(new Dictionary<string, string>
        {
            ["DataProtection__ContainerName"] = "dataprotection",
            ["DataProtection__BlobName"] = "keys.xml",
            ["DataProtection__KeyUri"] = Arm.Ref(snapshot.Single("Microsoft.KeyVault/vaults/keys", "/dataprotection"), "keyUri"),
        });
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void Behind_the_front_end_the_web_app_trusts_its_forwarded_headers_and_answers_only_its_own_host(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var site = snapshot.Site("app,linux");

        snapshot.AppSettings(site).Should().Contain(new Dictionary<string, string>
        {
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["AllowedHosts"] = Arm.Ref(site, "defaultHostName"),
        });
    }

    [Fact]
    public void Production_runs_two_instances_so_the_health_check_can_take_one_out()
    {
        Built.Snapshot("prod").Single("Microsoft.Web/serverfarms", "-web-plan")["sku"]!["capacity"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(2);
    }
}
