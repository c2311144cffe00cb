using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Referrals;

/// <summary>
/// Every link in every kind of email the service sends leads to an HTML page: the public status
/// page for people, the staff page (through sign-in) for staff; never to the JSON API.
/// </summary>
public sealed partial class EmailLinkTests
{
    private const string Site = "http://127.0.0.1:7071";

    /// <summary>The kinds of email the journeys below send, by the start of their key; each must be among the mail followed.</summary>
    private static readonly string[] Kinds =
    [
        "acknowledgement-referrer", "acknowledgement-person", "team-notice", "triage-notice", "task-", "reminder-", "escalation-",
        "risk-", "missed-check-ins-", "discharged-care-coordinator", "closed-referrer", "closed-person",
    ];

    [Fact]
    public async Task Every_link_in_every_kind_of_email_opens_an_html_page_for_its_reader()
    {
        await using var coached = await JourneyDriver.StartAsync();
        await using var triaged = await JourneyDriver.StartAsync(SampleReferrals.Valid(postcode: "SW1A 1AA"), coached.Factory);
        await triaged.TaskOfStageAsync("triage");
        var agreedAt = await coached.AgreeAsync();
        var first = await coached.TaskOfStageAsync("check-in");
        await coached.AdvanceAsync(agreedAt.AddDays(9).AddHours(2) - coached.Now);
        await coached.MailKeyedAsync($"escalation-{first}");
        await coached.CompleteAsync(first, Forms.CheckIn(sessionHeld: false));
        var second = await coached.CompleteStageAsync("check-in", Forms.CheckIn(sessionHeld: false, riskConcern: true));
        await coached.MailKeyedAsync($"missed-check-ins-{second}");
        await coached.MailKeyedAsync($"risk-{second}-care-coordinator");
        var today = DateOnly.FromDateTime(coached.Now.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await coached.RequestAsync("discharge", new JsonObject { ["dischargedOn"] = today })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await coached.MailKeyedAsync("discharged-care-coordinator");
        (await coached.RequestAsync("early-closure", new JsonObject())).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await coached.CompleteStageAsync("closure", Forms.Closure("ended-early"));
        await coached.MailKeyedAsync("closed-person");

        var mail = (await coached.MailAsync(atLeast: 15)).Concat(await triaged.MailAsync(atLeast: 3)).ToList();
        using var anonymous = coached.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var lead = await coached.AsAsync(StaffSignIn.CambridgeLead);
        var followed = new List<string>();
        foreach (var message in mail)
        {
            var links = Link().Matches(message.Text).Select(m => m.Value.TrimEnd('.', ',', ')')).ToList();
            links.Should().NotBeEmpty("email {0} should link to a page", message.Key);
            foreach (var link in links)
            {
                link.Should().StartWith(Site).And.NotContain("/api/", "email {0} links to pages", message.Key);
                var path = new Uri(link[Site.Length..], UriKind.Relative);
                var reader = link.Contains("/staff/", StringComparison.Ordinal) ? lead : anonymous;
                using var answer = await reader.GetAsync(path);
                answer.StatusCode.Should().Be(HttpStatusCode.OK, "{0} in email {1}", link, message.Key);
                answer.Content.Headers.ContentType!.MediaType.Should().Be("text/html", "{0} in email {1}", link, message.Key);
                if (reader == lead)
                {
                    using var signedOut = await anonymous.GetAsync(path);
                    signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect, "a staff link asks whoever is not signed in to sign in");
                    signedOut.Headers.Location!.OriginalString.Should().Contain("/account/sign-in");
                }

                followed.Add(message.Key);
            }
        }

        Kinds.Should().OnlyContain(kind => followed.Any(key => key.StartsWith(kind, StringComparison.Ordinal)), "every kind of email was sent and its links followed");
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
