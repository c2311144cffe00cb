using System.Net;
using System.Text.Json.Nodes;
using RecoveryCoach.Web.Tests.Infrastructure;
using RecoveryCoach.Referrals.Rules;

namespace RecoveryCoach.Web.Tests.Rules;

/// <summary>
/// The rules as the running service holds them: live reload of the rule files, the version on
/// every decision, and the stored versions with their files and differences.
/// </summary>
public sealed class RulesApiTests : IDisposable
{
    /// <summary>Sixteen on the factory's referral day, 15 June 2026: too young under the shipped rules.</summary>
    private const string SixteenYearOld = "2010-01-01";

    /// <summary>Reloads wait for the files to be quiet for half a second; this allows for a slow machine.</summary>
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    private readonly string rules = Directory.CreateTempSubdirectory("rules-").FullName;

    public RulesApiTests()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "rules"), "*.json"))
        {
            File.Copy(file, Path.Combine(rules, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(rules, recursive: true);

    [Fact]
    public async Task The_rules_endpoints_need_a_signed_in_member_of_staff()
    {
        await using var factory = new ReferralServiceFactory { RulesPath = rules };

        var anonymous = await factory.CreateClient().GetAsync(new Uri("/api/rules", UriKind.Relative));
        using var coach = await factory.SignedInAsync(StaffSignIn.CambridgeCoach);
        var staff = await coach.GetAsync(new Uri("/api/rules", UriKind.Relative));

        anonymous.StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        staff.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_good_edit_to_the_rule_files_decides_new_referrals_within_seconds()
    {
        await using var factory = new ReferralServiceFactory { RulesPath = rules };
        using var client = await factory.SignedInAsync(StaffSignIn.Admin);
        var before = await DecidedAsync(client, SampleReferrals.Valid(dateOfBirth: SixteenYearOld));
        var oldVersion = (await client.GetFromJsonObjectAsync("/api/rules"))["version"]!.GetValue<string>();

        await EditAsync(Ruleset.EligibilityFile, ("referral.AgeInYears >= 17", "referral.AgeInYears >= 16"));
        var inForce = await UntilAsync(client, r => r["version"]!.GetValue<string>() != oldVersion);
        var after = await DecidedAsync(client, SampleReferrals.Valid(dateOfBirth: SixteenYearOld));

        before["status"]!.GetValue<string>().Should().Be("ineligible");
        before["eligibility"]!["rulesetVersion"]!.GetValue<string>().Should().Be(oldVersion);
        after["status"]!.GetValue<string>().Should().Be("allocated");
        after["eligibility"]!["rulesetVersion"]!.GetValue<string>().Should().Be(inForce["version"]!.GetValue<string>());
        inForce["reloadError"].Should().BeNull();
        var page = await client.GetStringAsync(new Uri($"/staff/rules/{oldVersion}", UriKind.Relative));
        page.Should().Contain("eligibility.json: Aged 17 to 65").And.Contain("adds 16").And.Contain("removes 17");
    }

    [Fact]
    public async Task A_bad_edit_keeps_the_last_good_rules_in_force_and_shows_every_error()
    {
        await using var factory = new ReferralServiceFactory { RulesPath = rules };
        using var client = await factory.SignedInAsync(StaffSignIn.Admin);
        var good = (await client.GetFromJsonObjectAsync("/api/rules"))["version"]!.GetValue<string>();

        // Half of this one save is good: it must not apply without the other half.
        await EditAsync(Ruleset.EligibilityFile, ("referral.AgeInYears >= 17", "referral.AgeInYears >= 16"), ("referral.StrugglingWithDischarge", "referral.StrugglingWithDischarg"));
        var state = await UntilAsync(client, r => r["reloadError"] is JsonObject);
        var decided = await DecidedAsync(client, SampleReferrals.Valid("PE19 1AB", dateOfBirth: SixteenYearOld));

        state["version"]!.GetValue<string>().Should().Be(good);
        var errors = state["reloadError"]!["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        errors.Should().ContainSingle().Which.Should().StartWith("eligibility.json:Struggling with the discharge process: ").And.Contain("StrugglingWithDischarg");
        state["reloadError"]!["attemptedVersion"]!.GetValue<string>().Should().Be(RuleFiles.Read(rules).Version);
        decided["status"]!.GetValue<string>().Should().Be("ineligible", "the age limit of the refused edit is not in force");
        decided["eligibility"]!["rulesetVersion"]!.GetValue<string>().Should().Be(good);
    }

    [Fact]
    public async Task A_bad_edit_put_right_clears_the_error()
    {
        await using var factory = new ReferralServiceFactory { RulesPath = rules };
        using var client = await factory.SignedInAsync(StaffSignIn.Admin);
        var path = Path.Combine(rules, Ruleset.JourneyFile);
        var text = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, text.Replace("\"Expression\": \"8\"", "\"Expression\": \"eight\"", StringComparison.Ordinal));
        await UntilAsync(client, r => r["reloadError"] is JsonObject);

        await File.WriteAllTextAsync(path, text);
        var state = await UntilAsync(client, r => r["reloadError"] is null);

        state["version"]!.GetValue<string>().Should().Be(RuleFiles.Read(rules).Version);
    }

    [Fact]
    public async Task A_decision_records_its_version_and_that_versions_files_can_be_read()
    {
        await using var factory = new ReferralServiceFactory { RulesPath = rules };
        using var client = await factory.SignedInAsync(StaffSignIn.Admin);

        var decided = await DecidedAsync(client, SampleReferrals.Valid());
        var version = decided["eligibility"]!["rulesetVersion"]!.GetValue<string>();
        var stored = await client.GetFromJsonObjectAsync($"/api/rules/versions/{version}");
        var list = await client.GetFromJsonArrayAsync("/api/rules/versions");

        decided["allocation"]!["rulesetVersion"]!.GetValue<string>().Should().Be(version);
        decided["journey"]!["rulesetVersion"]!.GetValue<string>().Should().Be(version);
        stored["version"]!.GetValue<string>().Should().Be(version);
        stored["firstUsedAt"]!.GetValue<DateTimeOffset>().Should().Be(ReferralServiceFactory.ReferralDay);
        stored["inForce"]!.GetValue<bool>().Should().BeTrue();
        var files = stored["files"]!.AsObject().ToDictionary(f => f.Key, f => f.Value!.GetValue<string>());
        files.Should().BeEquivalentTo(Ruleset.Files.ToDictionary(f => f, f => File.ReadAllText(Path.Combine(rules, f))));
        list.Should().ContainSingle().Which!["version"]!.GetValue<string>().Should().Be(version);
    }

    [Fact]
    public async Task The_diff_of_a_version_shows_what_the_rules_in_force_do_differently()
    {
        await using var factory = new ReferralServiceFactory { RulesPath = rules };
        using var client = await factory.SignedInAsync(StaffSignIn.Admin);
        var old = (await DecidedAsync(client, SampleReferrals.Valid()))["eligibility"]!["rulesetVersion"]!.GetValue<string>();
        await EditAsync(Ruleset.EligibilityFile, ("referral.AgeInYears >= 17", "referral.AgeInYears >= 16"));
        var now = (await UntilAsync(client, r => r["version"]!.GetValue<string>() != old))["version"]!.GetValue<string>();

        var diff = await client.GetFromJsonObjectAsync($"/api/rules/versions/{old}/diff");
        var stored = await client.GetFromJsonObjectAsync($"/api/rules/versions/{old}");

        diff["from"]!.GetValue<string>().Should().Be(old);
        diff["to"]!.GetValue<string>().Should().Be(now);
        var change = diff["changes"]!.AsArray().Should().ContainSingle().Which!;
        change["file"]!.GetValue<string>().Should().Be("eligibility.json");
        change["rule"]!.GetValue<string>().Should().Be("Aged 17 to 65");
        change["kind"]!.GetValue<string>().Should().Be("changed");
        change["fields"]![0]!["removed"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("17");
        change["fields"]![0]!["added"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("16");
        stored["inForce"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task The_version_in_force_can_be_read_before_it_has_decided_anything()
    {
        await using var factory = new ReferralServiceFactory { RulesPath = rules };
        using var client = await factory.SignedInAsync(StaffSignIn.Admin);
        var version = (await client.GetFromJsonObjectAsync("/api/rules"))["version"]!.GetValue<string>();

        var stored = await client.GetFromJsonObjectAsync($"/api/rules/versions/{version}");
        var diff = await client.GetFromJsonObjectAsync($"/api/rules/versions/{version}/diff");

        stored["firstUsedAt"].Should().BeNull();
        stored["inForce"]!.GetValue<bool>().Should().BeTrue();
        stored["files"]!.AsObject().Select(f => f.Key).Should().BeEquivalentTo(Ruleset.Files);
        diff["changes"]!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [InlineData("/api/rules/versions/latest")]
    [InlineData("/api/rules/versions/0123456789AB")]
    [InlineData("/api/rules/versions/0123/diff")]
    public async Task A_malformed_version_is_a_problem_naming_the_field(string url)
    {
        await using var factory = new ReferralServiceFactory { RulesPath = rules };
        using var client = await factory.SignedInAsync(StaffSignIn.Admin);

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.JsonAsync())["errors"]!["version"]!.AsArray().Should().ContainSingle();
    }

    [Theory]
    [InlineData("/api/rules/versions/0123456789ab")]
    [InlineData("/api/rules/versions/0123456789ab/diff")]
    public async Task A_version_that_never_decided_anything_is_not_found(string url)
    {
        await using var factory = new ReferralServiceFactory { RulesPath = rules };
        using var client = await factory.SignedInAsync(StaffSignIn.Admin);

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    private static async Task<JsonObject> DecidedAsync(HttpClient client, JsonObject referral)
    {
        var id = (await client.SubmitAcceptedAsync(referral))["id"]!.GetValue<string>();
        return await client.DecidedReferralAsync(id, emails: 2);
    }

    /// <summary>Polls the rules in force until <paramref name="done"/>, failing after a generous wait.</summary>
    private static Task<JsonObject> UntilAsync(HttpClient client, Func<JsonObject, bool> done) =>
        Eventually.UntilAsync(() => client.GetFromJsonObjectAsync("/api/rules"), done, "the rules in force should have changed", Generous, state => state.ToJsonString(), TimeSpan.FromMilliseconds(100));

    /// <summary>Saves <paramref name="file"/> once, with every change made.</summary>
    private async Task EditAsync(string file, params (string Old, string New)[] changes)
    {
        var path = Path.Combine(rules, file);
        var text = await File.ReadAllTextAsync(path);
        foreach (var (old, @new) in changes)
        {
            text.Should().Contain(old);
            text = text.Replace(old, @new, StringComparison.Ordinal);
        }

        await File.WriteAllTextAsync(path, text);
    }
}
