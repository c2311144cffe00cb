using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Referrals.Audit;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Staff;

/// <summary>
/// A person's request for their records, as an admin answers it: every referral of the person
/// found in every team, everything held exported and the export in the access log, and a wrong
/// detail corrected with the old value kept in the access log alone.
/// </summary>
public sealed class SubjectAccessTests
{
    [Fact]
    public async Task An_admin_finds_every_referral_of_a_person_in_any_team_by_nhs_number_with_or_without_spaces_or_by_name_and_date_of_birth()
    {
        await using var cambridge = await JourneyDriver.StartAsync();
        await using var huntingdon = await JourneyDriver.StartAsync(SampleReferrals.Valid(postcode: "PE29 3AA"), cambridge.Factory);
        await using var someoneElse = await JourneyDriver.StartAsync(SampleReferrals.Valid(dateOfBirth: "1990-01-01").With(r => r["person"]!.AsObject().Remove("nhsNumber")), cambridge.Factory);
        await huntingdon.StageAsync("initial-conversation");
        await cambridge.StageAsync("initial-conversation");
        await someoneElse.StageAsync("initial-conversation");
        var admin = await cambridge.AsAsync(StaffSignIn.Admin);

        var spaced = await admin.GetStringAsync(Find("nhs=943%20476%205919"));
        var unspaced = await admin.GetStringAsync(Find("nhs=9434765919"));
        var byNameAndBirth = await admin.GetStringAsync(Find("name=alex%20example&dob=10%2F03%2F1986"));
        var nameAlone = await admin.GetAsync(Find("name=alex%20example"));

        foreach (var page in new[] { spaced, unspaced, byNameAndBirth })
        {
            page.Should().Contain("2 referrals found").And.Contain(cambridge.Reference).And.Contain(huntingdon.Reference).And.NotContain(someoneElse.Reference);
        }

        nameAlone.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await nameAlone.Content.ReadAsStringAsync()).Should().Contain("href=\"#date-of-birth\"");
        (await Log(cambridge).MonthAsync(cambridge.Now, CancellationToken.None)).Should().Contain(e => e.Action == AccessActions.Searched && e.Who == StaffSignIn.Admin && e.Detail.StartsWith("subject access by NHS number", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Subject_access_is_for_admins_a_coach_and_a_team_lead_are_refused()
    {
        await using var journey = await JourneyDriver.StartAsync();

        var coach = await (await journey.AsAsync(StaffSignIn.CambridgeCoach)).GetAsync(Find("nhs=9434765919"));
        var lead = await (await journey.AsAsync(StaffSignIn.CambridgeLead)).GetAsync(new Uri($"/staff/subject-access/export?format=json&id={journey.Id}", UriKind.Relative));

        coach.StatusCode.Should().Be(HttpStatusCode.Redirect);
        coach.Headers.Location!.OriginalString.Should().StartWith("http://localhost/account/denied");
        lead.StatusCode.Should().Be(HttpStatusCode.Redirect);
        lead.Headers.Location!.OriginalString.Should().StartWith("http://localhost/account/denied");
        (await Log(journey).ForReferralAsync(journey.Id, CancellationToken.None)).Should().NotContain(e => e.Action == AccessActions.Exported);
    }

    [Fact]
    public async Task The_json_export_holds_each_section_with_the_persons_real_values_and_is_recorded_as_an_export()
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.AgreeAsync();
        await journey.MailAsync(atLeast: 1);
        var admin = await journey.AsAsync(StaffSignIn.Admin);
        (await (await journey.AsAsync(StaffSignIn.CambridgeCoach)).GetAsync(new Uri($"/staff/referrals/{journey.Id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await admin.GetAsync(new Uri($"/staff/subject-access/export?format=json&id={journey.Id}", UriKind.Relative));
        var html = await admin.GetAsync(new Uri($"/staff/subject-access/export?format=html&id={journey.Id}", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var referral = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["referrals"]!.AsArray().Should().ContainSingle().Subject!;
        referral["reference"]!.GetValue<string>().Should().Be(journey.Reference);
        referral["details"]!["person"]!["givenName"]!.GetValue<string>().Should().Be("Alex");
        referral["details"]!["person"]!["nhsNumber"]!.GetValue<string>().Should().Be("943 476 5919");
        referral["details"]!["reason"]!.GetValue<string>().Should().NotBeEmpty();
        referral["decisions"]!["eligibility"]!["eligible"]!.GetValue<bool>().Should().BeTrue();
        referral["decisions"]!["eligibility"]!["criteria"]!.AsArray().Should().NotBeEmpty();
        referral["decisions"]!["allocation"]!["team"]!["code"]!.GetValue<string>().Should().Be("cambridge");
        referral["tasks"]!.AsArray().Select(t => t!["title"]!.GetValue<string>()).Should().Contain("Contact the person and hold the initial conversation").And.Contain("Record the coaching agreement");
        referral["tasks"]!.AsArray().First(t => t!["title"]!.GetValue<string>() == "Record the coaching agreement")!["outcome"]!["peerSupportWorker"]!.GetValue<string>().Should().Be("Pat Peer");
        referral["timeline"]!.AsArray().Should().Contain(line => line!["action"]!.GetValue<string>() == "received");
        referral["emails"]!.AsArray().Should().Contain(mail => mail!["kind"]!.GetValue<string>().StartsWith("acknowledgement", StringComparison.Ordinal) && mail["status"]!.GetValue<string>() == "sent");
        referral["accessLog"]!.AsArray().Should().Contain(a => a!["who"]!.GetValue<string>() == StaffSignIn.CambridgeCoach && a["detail"]!.GetValue<string>() == "referral page");
        html.StatusCode.Should().Be(HttpStatusCode.OK);
        (await html.Content.ReadAsStringAsync()).Should().Contain("Records held about Alex Example").And.Contain(journey.Reference).And.Contain("Pat Peer");
        (await Log(journey).ForReferralAsync(journey.Id, CancellationToken.None)).Where(e => e.Action == AccessActions.Exported && e.Who == StaffSignIn.Admin)
            .Select(e => e.Detail).Should().BeEquivalentTo("subject access export (json)", "subject access export (html)");
    }

    [Fact]
    public async Task A_correction_changes_the_record_keeps_the_old_value_in_the_access_log_says_so_on_the_timeline_and_search_finds_the_new_name()
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.StageAsync("initial-conversation");
        var lead = await journey.AsAsync(StaffSignIn.CambridgeLead);

        var answer = await CorrectAsync(lead, journey.Id, "family-name", "Exampleton");
        var record = await journey.Factory.Services.GetRequiredService<ReferralStore>().GetAsync(journey.Id, CancellationToken.None);
        var found = await (await journey.AsAsync(StaffSignIn.CambridgeCoach)).GetStringAsync(new Uri("/staff/search?q=exampleton", UriKind.Relative));

        answer.StatusCode.Should().Be(HttpStatusCode.Redirect);
        record!.Referral.Details.Person.FamilyName.Should().Be("Exampleton");
        var line = record.Audit.Should().ContainSingle(a => a.Action == "corrected").Subject;
        line.Actor.Should().Be(StaffSignIn.CambridgeLead);
        line.Detail.Should().Contain("family name").And.NotContain("\"Example\"").And.NotContain("Exampleton");
        (await Log(journey).ForReferralAsync(journey.Id, CancellationToken.None)).Should().ContainSingle(e => e.Action == AccessActions.Changed)
            .Which.Detail.Should().Be("family name corrected from \"Example\" to \"Exampleton\"");
        found.Should().Contain("1 referral found").And.Contain("Alex Exampleton");
    }

    [Fact]
    public async Task An_invalid_correction_is_shown_beside_the_field_and_changes_nothing_and_a_coach_may_not_correct()
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.StageAsync("initial-conversation");
        var before = await journey.Factory.Services.GetRequiredService<ReferralStore>().GetAsync(journey.Id, CancellationToken.None);

        var invalid = await CorrectAsync(await journey.AsAsync(StaffSignIn.Admin), journey.Id, "email", "not an email");
        var coach = await (await journey.AsAsync(StaffSignIn.CambridgeCoach)).GetAsync(new Uri($"/staff/referrals/{journey.Id}/correct", UriKind.Relative));
        var after = await journey.Factory.Services.GetRequiredService<ReferralStore>().GetAsync(journey.Id, CancellationToken.None);

        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadAsStringAsync()).Should().Contain("There is a problem").And.Contain("href=\"#value\"").And.Contain("id=\"value-error\"");
        coach.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after!.Referral.Details.Person.Should().Be(before!.Referral.Details.Person);
        after.Audit.Should().NotContain(a => a.Action == "corrected");
        (await Log(journey).ForReferralAsync(journey.Id, CancellationToken.None)).Should().NotContain(e => e.Action == AccessActions.Changed);
    }

    private static async Task<HttpResponseMessage> CorrectAsync(HttpClient client, string id, string field, string value)
    {
        var path = new Uri($"/staff/referrals/{id}/correct", UriKind.Relative);
        var token = StaffSignIn.TokenOf(await client.GetStringAsync(path));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Field"] = field, ["Value"] = value, ["__RequestVerificationToken"] = token });
        return await client.PostAsync(path, form);
    }

    private static AccessLog Log(JourneyDriver journey) => journey.Factory.Services.GetRequiredService<AccessLog>();

    private static Uri Find(string query) => new($"/staff/subject-access?{query}", UriKind.Relative);
}
