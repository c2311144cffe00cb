using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Hosting;

/// <summary>
/// The probes monitoring calls, anonymously: <c>/healthz</c> while the process runs, and
/// <c>/healthz/ready</c> with storage, mail and rules checked for real against Azurite and
/// maildev, each taken down in turn.
/// </summary>
public sealed class HealthTests : IDisposable
{
    private readonly string rules = Directory.CreateTempSubdirectory("rules-").FullName;

    public HealthTests()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "rules"), "*.json"))
        {
            File.Copy(file, Path.Combine(rules, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(rules, recursive: true);

    [Fact]
    public async Task The_liveness_probe_answers_while_the_process_runs_and_checks_nothing()
    {
        await using var factory = new ReferralServiceFactory { SmtpPort = TestServers.ClosedPort() };

        var response = await factory.CreateClientWithoutRedirects().GetAsync(new Uri("/healthz", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the process is up even while mail is down");
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task With_storage_mail_and_rules_in_order_the_service_is_ready()
    {
        await using var factory = new ReferralServiceFactory { RulesPath = rules };

        var (status, checks) = await ReadyAsync(factory.CreateClientWithoutRedirects());

        status.Should().Be(HttpStatusCode.OK);
        checks.Should().Equal(Checks(storage: "Healthy", smtp: "Healthy", rules: "Healthy"));
    }

    [Fact]
    public async Task With_storage_down_the_service_is_not_ready_until_storage_is_back()
    {
        var azurite = StorageConnection.FromConnectionString(TestServers.StorageConnectionString);
        var targets = new[] { azurite.BlobServiceUri, azurite.QueueServiceUri, azurite.TableServiceUri };
        var ports = targets.Select(_ => TestServers.ClosedPort()).ToArray();
        var storage = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + $"BlobEndpoint=http://127.0.0.1:{ports[0]}{targets[0].AbsolutePath};QueueEndpoint=http://127.0.0.1:{ports[1]}{targets[1].AbsolutePath};TableEndpoint=http://127.0.0.1:{ports[2]}{targets[2].AbsolutePath};";
        await using var factory = new ReferralServiceFactory { RulesPath = rules }.WithWebHostBuilder(b => b.UseSetting("AzureWebJobsStorage", storage));
        var client = factory.CreateClient();

        var up = await WithStorageAsync(ports, targets, () => ReadyAsync(client));
        var down = await Eventually.UntilAsync(() => ReadyAsync(client), r => r.Status == HttpStatusCode.ServiceUnavailable, "the probe to see storage down", describe: Describe);
        var back = await WithStorageAsync(ports, targets, () => Eventually.UntilAsync(() => ReadyAsync(client), r => r.Status == HttpStatusCode.OK, "the probe to see storage back", describe: Describe));

        up.Status.Should().Be(HttpStatusCode.OK);
        down.Checks.Should().Equal(Checks(storage: "Unhealthy", smtp: "Healthy", rules: "Healthy"));
        back.Checks.Should().Equal(Checks(storage: "Healthy", smtp: "Healthy", rules: "Healthy"));
    }

    [Fact]
    public async Task With_the_mail_server_down_the_service_is_not_ready_and_the_answer_says_only_which_check_failed()
    {
        var port = TestServers.ClosedPort();
        await using var factory = new ReferralServiceFactory { RulesPath = rules, SmtpPort = port };

        var response = await factory.CreateClientWithoutRedirects().GetAsync(new Uri("/healthz/ready", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var body = await response.Content.ReadAsStringAsync();
        JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse("""{"status":"Unhealthy","checks":{"storage":"Healthy","smtp":"Unhealthy","rules":"Healthy"}}"""))
            .Should().BeTrue("an anonymous caller learns each check's status and nothing else, but got {0}", body);
        body.Should().NotContain(TestServers.SmtpHost).And.NotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.NotContain("Exception");
    }

    [Fact]
    public async Task With_the_rule_files_refused_the_service_is_not_ready_until_they_are_put_right()
    {
        await using var factory = new ReferralServiceFactory { RulesPath = rules };
        var client = factory.CreateClientWithoutRedirects();
        var path = Path.Combine(rules, Ruleset.EligibilityFile);
        var good = await File.ReadAllTextAsync(path);

        var before = await ReadyAsync(client);
        await File.WriteAllTextAsync(path, good.Replace("referral.ReadyToWorkTowardsDischarge", "referral.ReadyToWorkTowardDischarge", StringComparison.Ordinal));
        var refused = await Eventually.UntilAsync(() => ReadyAsync(client), r => r.Status == HttpStatusCode.ServiceUnavailable, "the probe to see the refused rules", TimeSpan.FromSeconds(60), Describe);
        await File.WriteAllTextAsync(path, good);
        var fixedAgain = await Eventually.UntilAsync(() => ReadyAsync(client), r => r.Status == HttpStatusCode.OK, "the probe to see the rules put right", TimeSpan.FromSeconds(60), Describe);

        before.Status.Should().Be(HttpStatusCode.OK);
        refused.Checks.Should().Equal(Checks(storage: "Healthy", smtp: "Healthy", rules: "Unhealthy"));
        fixedAgain.Checks.Should().Equal(Checks(storage: "Healthy", smtp: "Healthy", rules: "Healthy"));
    }

    private static async Task<(HttpStatusCode Status, Dictionary<string, string> Checks)> ReadyAsync(HttpClient client)
    {
        var response = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var checks = body["checks"]!.AsObject().ToDictionary(c => c.Key, c => c.Value!.GetValue<string>());
        return (response.StatusCode, checks);
    }

    private static Dictionary<string, string> Checks(string storage, string smtp, string rules) =>
        new() { ["storage"] = storage, ["smtp"] = smtp, ["rules"] = rules };

    private static string Describe((HttpStatusCode Status, Dictionary<string, string> Checks) ready) =>
        $"{(int)ready.Status} {string.Join(", ", ready.Checks.Select(c => $"{c.Key}={c.Value}"))}";

    /// <summary>Storage up: each port where nothing listened forwards to Azurite while <paramref name="act"/> runs.</summary>
    private static async Task<T> WithStorageAsync<T>(int[] ports, Uri[] targets, Func<Task<T>> act)
    {
        var forwarders = ports.Select((port, i) => new TcpForwarder(port, targets[i].Host, targets[i].Port)).ToList();
        try
        {
            forwarders.ForEach(f => f.Start());
            return await act();
        }
        finally
        {
            foreach (var forwarder in forwarders)
            {
                await forwarder.DisposeAsync();
            }
        }
    }
}
