using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RecoveryCoach.Infra.Tests.Deployment;

namespace RecoveryCoach.Infra.Tests;

/// <summary>
/// infra/main.bicep as a whole: where it may deploy, what it tells the deployer, and that no
/// secret, key or connection string with a key is written into it or its parameter files.
/// </summary>
public sealed partial class MainTests
{
    private static readonly string[] UkRegions = ["uksouth", "ukwest"];

    [Fact]
    public void The_location_parameter_allows_only_UK_regions_and_defaults_to_UK_South()
    {
        var location = Built.Template["parameters"]!["location"]!;

        location["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()).Should().BeEquivalentTo(UkRegions);
        location["defaultValue"]!.GetValue<string>().Should().Be("uksouth");
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void Every_regional_resource_is_in_the_UK_and_only_Communication_Services_are_global(string environment)
    {
        var located = Built.Snapshot(environment).Resources.Where(r => r["location"] is not null).ToList();

        located.Should().NotBeEmpty();
        foreach (var resource in located)
        {
            var type = Arm.Text(resource, "type");
            var location = Arm.Text(resource, "location");
            if (type.StartsWith("Microsoft.Communication/", StringComparison.Ordinal))
            {
                location.Should().Be("global", "Communication Services resources are global; their dataLocation keeps the data in the UK");
                Arm.At(resource, "properties", "dataLocation")?.GetValue<string>().Should().Be("UK", "{0} should keep its data in the UK", type);
            }
            else
            {
                location.Should().BeOneOf(UkRegions, "{0} {1} should be in a UK region", type, Arm.Text(resource, "name"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void Each_parameter_file_deploys_its_own_environment_to_UK_South(string environment)
    {
        var parameters = Built.Parameters(environment)["parameters"]!;

        parameters["environmentName"]!["value"]!.GetValue<string>().Should().Be(environment);
        parameters["location"]!["value"]!.GetValue<string>().Should().Be("uksouth");
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void The_outputs_are_the_two_apps_addresses(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var web = snapshot.Site("app,linux");
        var functions = snapshot.Site("functionapp,linux");

        Arm.Symbolic(snapshot.Outputs["webUrl"]!.GetValue<string>()).Should().Be($"https://{Arm.Ref(web, "defaultHostName")}");
        Arm.Symbolic(snapshot.Outputs["functionsUrl"]!.GetValue<string>()).Should().Be($"https://{Arm.Ref(functions, "defaultHostName")}");
        snapshot.Outputs["webAppName"]!.GetValue<string>().Should().Be(Arm.Text(web, "name"));
        snapshot.Outputs["functionAppName"]!.GetValue<string>().Should().Be(Arm.Text(functions, "name"));
    }

    [Fact]
    public void Every_secure_parameter_has_no_default_and_every_secret_looking_parameter_is_secure()
    {
        var templates = Arm.Templates(Built.Template).ToList();
        var parameters = templates.SelectMany(t => t["parameters"]?.AsObject() ?? []).ToList();

        templates.Should().HaveCountGreaterThan(1, "the modules are nested in main.json");
        parameters.Where(p => IsSecure(p.Value!)).Select(p => p.Key).Should().Contain(["staffSignInClientSecret", "smtpClientSecret", "smtpPassword"]);
        foreach (var (name, parameter) in parameters)
        {
            if (IsSecure(parameter!))
            {
                parameter!["defaultValue"].Should().BeNull("secure parameter {0} must have no default", name);
            }

            if (SecretLooking().IsMatch(name))
            {
                IsSecure(parameter!).Should().BeTrue("parameter {0} looks like a secret, so it must be @secure()", name);
            }
        }
    }

    [Fact]
    public void No_parameter_default_or_variable_holds_a_secret_key_or_connection_string_with_a_key()
    {
        var written = Arm.Templates(Built.Template).SelectMany(t =>
            (t["variables"]?.AsObject().Select(v => ($"variable {v.Key}", v.Value)) ?? [])
                .Concat(t["parameters"]?.AsObject().Select(p => ($"default of {p.Key}", p.Value?["defaultValue"])) ?? []));

        foreach (var (what, value) in written)
        {
            var text = value?.ToJsonString() ?? string.Empty;
            text.Should().NotMatchRegex(KeyMaterial().ToString(), "{0} must hold no key", what);
        }
    }

    [Fact]
    public void The_template_never_lists_keys_or_builds_a_connection_string_with_one()
    {
        var text = Built.Template.ToJsonString();

        text.Should().NotMatchRegex(KeyMaterial().ToString());
        text.Should().NotMatchRegex(@"\blist[A-Za-z]*\(", "nothing in the deployment reads keys or secrets back out of a resource");
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void The_parameter_files_take_each_secret_from_the_deployers_environment_with_no_fallback(string environment)
    {
        var file = Built.ParameterFile(environment);

        file.Should().MatchRegex(@"(?m)^param staffSignInClientSecret = readEnvironmentVariable\('STAFF_SIGNIN_CLIENT_SECRET'\)$");
        file.Should().MatchRegex(@"(?m)^param smtpClientSecret = readEnvironmentVariable\('SMTP_CLIENT_SECRET'\)$");
        file.Should().NotMatchRegex(KeyMaterial().ToString());
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void Every_app_setting_name_is_one_App_Service_on_Linux_accepts(string environment)
    {
        var snapshot = Built.Snapshot(environment);

        foreach (var kind in Kinds)
        {
            snapshot.AppSettings(snapshot.Site(kind)).Keys.Should().OnlyContain(name => SettingName().IsMatch(name), "Linux app settings allow only letters, digits and underscores");
        }
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void Both_apps_are_told_the_triage_inbox_and_every_teams_inbox_and_lead_from_the_parameter_file(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var notifications = Built.Parameters(environment)["parameters"]!["notifications"]!["value"]!;
        var expected = new Dictionary<string, string>
        {
            ["Notifications__TriageInbox"] = notifications["triageInbox"]!.GetValue<string>(),
            ["Notifications__ServicePhone"] = notifications["servicePhone"]!.GetValue<string>(),
        };
        foreach (var team in new[] { "cambridge", "huntingdon", "peterborough-fenland" })
        {
            expected[$"Notifications__TeamInboxes__{team.Replace('-', '_')}"] = notifications["teamInboxes"]![team]!.GetValue<string>();
            expected[$"Notifications__TeamLeadInboxes__{team.Replace('-', '_')}"] = notifications["teamLeadInboxes"]![team]!.GetValue<string>();
        }

        foreach (var kind in Kinds)
        {
            snapshot.AppSettings(snapshot.Site(kind)).Should().Contain(expected);
        }
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void Every_Key_Vault_reference_points_at_a_secret_the_deployment_keeps_in_its_vault(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var secrets = snapshot.OfType("Microsoft.KeyVault/vaults/secrets").Select(s => $"@Microsoft.KeyVault(SecretUri={Arm.Ref(s, "secretUri")})").ToList();
        var references = Kinds.SelectMany(kind => snapshot.AppSettings(snapshot.Site(kind)).Values).Where(v => v.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal)).ToList();

        references.Should().HaveCount(3, "the Functions app reads the SMTP password; the web app that and the staff sign-in secret");
        references.Should().OnlyContain(r => secrets.Contains(r));
    }

    private static readonly string[] Kinds = ["functionapp,linux", "app,linux"];

    private static bool IsSecure(JsonNode parameter) =>
        parameter["type"]?.GetValue<string>() is { } type && type.StartsWith("secure", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex SettingName();

    [GeneratedRegex("(?i)secret|password|connectionstring|key$")]
    private static partial Regex SecretLooking();

    /// <summary>What a storage key, SAS or key-bearing connection string looks like.</summary>
    [GeneratedRegex(@"(?i)AccountKey=|SharedAccessSignature|SharedAccessKey|sig=[A-Za-z0-9%]{20,}|listKeys\(|listAccountSas\(|listServiceSas\(|[A-Za-z0-9+/]{80,}={0,2}")]
    private static partial Regex KeyMaterial();
}
