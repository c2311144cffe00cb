using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Web.Tests.Infrastructure;
using RecoveryCoach.Testing.VirtualClock;
using Xunit.Abstractions;

namespace RecoveryCoach.Web.Tests.Fuzz;

/// <summary>
/// The fuzz corpus: hostile bodies and framings, made deterministically from valid requests,
/// sent to intake, every task type's completion, the journey requests and the page forms of a
/// real Kestrel host. Whatever arrives, the service answers below 500; what it refuses leaves
/// nothing stored or changed, and sends no email.
/// </summary>
public sealed class FuzzCorpusTests(ITestOutputHelper output)
{
    /// <summary>Addresses no other test uses, so the inbox shows which emails this run's referrals caused.</summary>
    private static readonly string Run = Guid.NewGuid().ToString("N")[..12];

    public static TheoryData<string> TaskTypes => ["triage", "initial-conversation", "agreement", "check-in", "extension-approval", "closure"];

    public static TheoryData<string> JourneyRequests => ["discharge", "extension", "early-closure"];

    [Fact]
    public async Task Intake_refuses_every_hostile_referral_below_500_storing_and_sending_nothing()
    {
        await using var factory = new BrowserServiceFactory();
        var body = SampleReferrals.Valid().With(r =>
        {
            r["person"]!["email"] = Address("intake-person");
            r["referrer"]!["email"] = Address("intake-referrer");
            r["careCoordinator"]!["email"] = Address("intake-referrer");
        });
        var runner = new FuzzRunner(
            factory.Address,
            () => Task.FromResult(new FuzzTarget("/api/referrals", null, async () => $"{await factory.Storage.CountReferralsAsync()} referrals stored")),
            FuzzRunner.Success);

        await runner.RunAsync([.. JsonCorpus.For(body), .. TransportCorpus.For(body.ToJsonString(), FuzzCase.Json)]);

        var failures = runner.Failures.Concat(await MailToRefusedAsync(factory, "intake-")).ToList();
        Report("intake", runner);
        failures.Should().BeEmpty(Listed(failures));
    }

    [Theory]
    [MemberData(nameof(TaskTypes))]
    public async Task Completing_a_task_refuses_every_hostile_form_below_500_leaving_the_task_open_and_sending_nothing(string type)
    {
        await using var factory = new BrowserServiceFactory();
        await using var journeys = new FuzzJourneys(factory);
        var by = type is "triage" or "extension-approval" ? JourneyDriver.Lead : JourneyDriver.Coach;
        var cookie = await factory.CookieAsync(by);
        var body = new JsonObject { ["outcome"] = ValidOutcome(type) };
        var runner = new FuzzRunner(
            factory.Address,
            async () =>
            {
                var (journey, taskId) = await journeys.AtTaskAsync(type);
                return new FuzzTarget($"/api/tasks/{taskId}/complete", cookie, () => journeys.SnapshotAsync(journey, taskId));
            },
            FuzzRunner.Success);

        await runner.RunAsync([.. JsonCorpus.For(body), .. TransportCorpus.For(body.ToJsonString(), FuzzCase.Json)]);

        var failures = runner.Failures.Concat(await journeys.UnrecordedMailAsync()).ToList();
        Report($"{type} completion", runner);
        failures.Should().BeEmpty(Listed(failures));
    }

    [Theory]
    [MemberData(nameof(JourneyRequests))]
    public async Task A_journey_request_refuses_every_hostile_body_below_500_changing_and_sending_nothing(string request)
    {
        await using var factory = new BrowserServiceFactory();
        await using var journeys = new FuzzJourneys(factory);
        var cookie = await factory.CookieAsync(JourneyDriver.Coach);
        var body = request switch
        {
            "discharge" => new JsonObject { ["dischargedOn"] = "2026-06-15" },
            "extension" => new JsonObject { ["weeks"] = 2 },
            _ => [],
        };
        var runner = new FuzzRunner(
            factory.Address,
            async () =>
            {
                var journey = request == "early-closure" ? await journeys.NewAsync() : await journeys.CoachingAsync();
                return new FuzzTarget($"/api/referrals/{journey.Id}/{request}", cookie, () => journeys.SnapshotAsync(journey));
            },
            FuzzRunner.Success);

        await runner.RunAsync([.. JsonCorpus.For(body), .. TransportCorpus.For(body.ToJsonString(), FuzzCase.Json)]);

        var failures = runner.Failures.Concat(await journeys.UnrecordedMailAsync()).ToList();
        Report($"{request} request", runner);
        failures.Should().BeEmpty(Listed(failures));
    }

    [Fact]
    public async Task The_referral_form_refuses_every_hostile_post_below_500_storing_and_sending_nothing()
    {
        await using var factory = new BrowserServiceFactory();
        var (cookie, token) = await PageAsync(factory, "/refer", signedInAs: null);
        List<KeyValuePair<string, string>> fields =
        [
            new("__RequestVerificationToken", token),
            new("Form.GivenName", "Alex"),
            new("Form.FamilyName", "Example"),
            new("Form.BirthDay", "10"),
            new("Form.BirthMonth", "3"),
            new("Form.BirthYear", "1986"),
            new("Form.Email", Address("form-person")),
            new("Form.Postcode", "CB1 2AB"),
            new("Form.Relationship", "care-coordinator"),
            new("Form.ReferrerName", "Sam Coordinator"),
            new("Form.ReferrerEmail", Address("form-referrer")),
            new("Form.InSecondaryMentalHealthServices", "yes"),
            new("Form.ReadyToWorkTowardsDischarge", "yes"),
            new("Form.StrugglingWithDischarge", "yes"),
            new("Form.Reason", SampleReferrals.ReasonText),
            new("Form.Consent", "true"),
        ];
        var runner = new FuzzRunner(
            factory.Address,
            () => Task.FromResult(new FuzzTarget("/refer", cookie, async () => $"{await factory.Storage.CountReferralsAsync()} referrals stored")),
            FuzzRunner.Redirect);

        await runner.RunAsync([.. FormCorpus.For(fields), .. TransportCorpus.For(FormCorpus.Body(fields), FuzzCase.Form)]);

        var failures = runner.Failures.Concat(await MailToRefusedAsync(factory, "form-")).ToList();
        Report("referral form", runner);
        failures.Should().BeEmpty(Listed(failures));
    }

    [Fact]
    public async Task The_staff_task_form_refuses_every_hostile_post_below_500_leaving_the_task_open_and_sending_nothing()
    {
        await using var factory = new BrowserServiceFactory();
        await using var journeys = new FuzzJourneys(factory);
        var (first, firstTask) = await journeys.AtTaskAsync("agreement");
        var (cookie, token) = await PageAsync(factory, $"/staff/tasks/{firstTask}", signedInAs: JourneyDriver.Coach);
        List<KeyValuePair<string, string>> fields =
        [
            new("__RequestVerificationToken", token),
            new("Form.Goals[0].Description", "Volunteer at the community garden"),
            new("Form.Goals[0].Category", "volunteering"),
            new("Form.Baseline.LifeSatisfaction", "4"),
            new("Form.Baseline.Worthwhile", "4"),
            new("Form.Baseline.HappyYesterday", "4"),
            new("Form.Baseline.AnxiousYesterday", "6"),
            new("Form.PlannedWeeks", "6"),
            new("Form.CadenceDays", "7"),
            new("Form.PeerSupportWorker", "Pat Peer"),
            new("Form.PersonAgreed", "true"),
        ];
        var targets = 0;
        var runner = new FuzzRunner(
            factory.Address,
            async () =>
            {
                var (journey, taskId) = targets++ == 0 ? (first, firstTask) : await journeys.AtTaskAsync("agreement");
                return new FuzzTarget($"/staff/tasks/{taskId}", cookie, () => journeys.SnapshotAsync(journey, taskId));
            },
            FuzzRunner.Redirect);

        await runner.RunAsync([.. FormCorpus.For(fields), .. TransportCorpus.For(FormCorpus.Body(fields), FuzzCase.Form)]);

        var failures = runner.Failures.Concat(await journeys.UnrecordedMailAsync()).ToList();
        Report("staff task form", runner);
        failures.Should().BeEmpty(Listed(failures));
    }

    private static JsonObject ValidOutcome(string type) => type switch
    {
        "triage" => Forms.Triage("cambridge"),
        "initial-conversation" => Forms.CoachingIsRight(ReferralServiceFactory.ReferralDay),
        "agreement" => Forms.Agreement(),
        "check-in" => Forms.CheckIn(),
        "extension-approval" => Forms.Extension(approved: true, weeks: 2),
        _ => Forms.Closure("ended-early"),
    };

    private static string Address(string who) => $"fuzz-{Run}-{who}@example.com";

    /// <summary>The cookies a page sets (sign-in and antiforgery) and the antiforgery token of its form.</summary>
    private static async Task<(string Cookie, string Token)> PageAsync(BrowserServiceFactory factory, string page, string? signedInAs)
    {
        var jar = new CookieContainer();
        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = factory.Address };
        if (signedInAs is not null)
        {
            await client.SignInAsync(signedInAs);
        }

        var token = StaffSignIn.TokenOf(await client.GetStringAsync(new Uri(page, UriKind.Relative)));
        token.Should().NotBeNullOrEmpty($"{page} carries a form");
        return (jar.GetCookieHeader(factory.Address), token);
    }

    /// <summary>Emails to this run's addresses for <paramref name="prefix"/> that no stored referral explains: a refused case sent them.</summary>
    private static async Task<IEnumerable<string>> MailToRefusedAsync(BrowserServiceFactory factory, string prefix)
    {
        await factory.Services.GetRequiredService<VirtualClockEngine>().WhenIdleAsync();
        var stored = await factory.Storage.ReferencesAsync();
        var ours = $"fuzz-{Run}-{prefix}";
        return (await MailDev.AllAsync())
            .Where(m => m.To.Any(t => t.Address.StartsWith(ours, StringComparison.OrdinalIgnoreCase)))
            .Where(m => m.Header("x-referral-reference") is not { } reference || !stored.Contains(reference))
            .Select(m => $"an email '{m.Subject}' to {string.Join(',', m.To.Select(t => t.Address))} for no stored referral");
    }

    private void Report(string group, FuzzRunner runner)
    {
        var line = $"fuzz {group}: {runner.Sent} cases ({runner.Accepted} accepted) in {runner.Took.TotalSeconds:0.0} s, {runner.Failures.Count} failures";
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    private static string Listed(List<string> failures) =>
        $"no case may answer 5xx or change anything when refused; {failures.Count} did:\n" + string.Join('\n', failures);
}
