using System.Globalization;
using System.Net;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Audit;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Staff;

/// <summary>
/// The reports page and its CSV downloads over HTTP: for team leads and admins only, a team
/// lead's own team or the whole service, a period it cannot read named, and the CSV holding the
/// page's figures exactly, small numbers withheld, with no names, recorded in the access log.
/// </summary>
public sealed class ReportsPageTests
{
    private const string Quarter = "/staff/reports?team=cambridge&period=quarter&quarter=2026-Q2";

    [Fact]
    public async Task Coaches_are_turned_away_from_reports_and_their_downloads()
    {
        await using var factory = new ReferralServiceFactory();
        using var coach = await factory.SignedInAsync(StaffSignIn.CambridgeCoach);

        var page = await coach.GetAsync(new Uri(Quarter, UriKind.Relative));
        var download = await coach.GetAsync(new Uri("/staff/reports/csv/closures?team=cambridge", UriKind.Relative));

        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Headers.Location!.OriginalString.Should().StartWith("http://localhost/account/denied");
        download.StatusCode.Should().Be(HttpStatusCode.Redirect);
        download.Headers.Location!.OriginalString.Should().StartWith("http://localhost/account/denied");
    }

    [Theory]
    [InlineData("team=huntingdon", "team")]
    [InlineData("period=quarter&quarter=2026-Q7", "quarter")]
    [InlineData("period=month&month=June", "month")]
    [InlineData("period=custom&from=2026-06-01&to=2026-05-01", "to")]
    [InlineData("period=fortnight", "period")]
    public async Task A_choice_a_team_lead_cannot_make_is_refused_naming_the_field(string query, string field)
    {
        await using var factory = new ReferralServiceFactory();
        using var lead = await factory.SignedInAsync(StaffSignIn.CambridgeLead);

        var page = await lead.GetAsync(new Uri("/staff/reports?" + query, UriKind.Relative));
        var download = await lead.GetAsync(new Uri("/staff/reports/csv/closures?" + query, UriKind.Relative));

        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await page.Content.ReadAsStringAsync()).Should().Contain($"href=\"#{field}\"").And.Contain("There is a problem").And.NotContain("table-closures");
        download.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await download.Content.ReadAsStringAsync()).Should().Contain(field);
    }

    [Fact]
    public async Task The_CSV_holds_the_figures_the_page_shows_small_numbers_withheld_and_no_names_and_its_download_is_logged()
    {
        await using var factory = new ReferralServiceFactory();
        var store = factory.Services.GetRequiredService<ReferralStore>();
        var at = new DateTimeOffset(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 9; i++)
        {
            var reason = i < 6 ? ClosureReasons.Completed : i < 8 ? ClosureReasons.MovedAway : ClosureReasons.Disengaged;
            await store.CreateAsync(Closed(at.AddHours(i), reason), at, [], CancellationToken.None);
        }

        using var lead = await factory.SignedInAsync(StaffSignIn.CambridgeLead);

        var page = await lead.GetStringAsync(new Uri(Quarter, UriKind.Relative));
        var response = await lead.GetAsync(new Uri("/staff/reports/csv/closures?team=cambridge&period=quarter&quarter=2026-Q2", UriKind.Relative));
        var csv = await response.Content.ReadAsStringAsync();
        using var reader = CsvReader.Create(new StringReader(csv));
        await reader.ReadHeaderAsync();
        var rows = new List<string> { string.Join(" | ", reader.Headers.ToArray()) };
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)));
        }

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("recovery-coach-closures-cambridge-2026-04-01-to-2026-06-30.csv");
        rows.Should().Equal("Reason | People", "Completed as planned | 6", "Moved out of the area | fewer than 5", "Stopped taking part | fewer than 5", "All | 9");
        page.Should().Contain("Completed as planned").And.Contain("<td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\" data-disclosure=\"FewerThanFive\">fewer than 5</td>");
        page.Should().Contain("Reports<span class=\"nhsuk-caption-l\">Cambridge, April to June 2026 (Q2)</span>");
        csv.Should().NotContain("Ollerenshaw").And.NotContain("@");
        var log = await factory.Services.GetRequiredService<AccessLog>().MonthAsync(factory.Clock.GetUtcNow(), CancellationToken.None);
        log.Should().ContainSingle(e => e.Action == AccessActions.Exported).Which.Detail.Should().Be("report closures for Cambridge, April to June 2026 (Q2)");
    }

    [Fact]
    public async Task A_team_lead_sees_their_own_team_and_this_quarter_unless_they_choose_the_whole_service()
    {
        await using var factory = new ReferralServiceFactory();
        using var lead = await factory.SignedInAsync(StaffSignIn.CambridgeLead);
        using var admin = await factory.SignedInAsync(StaffSignIn.Admin);

        var own = await lead.GetStringAsync(new Uri("/staff/reports", UriKind.Relative));
        var service = await lead.GetStringAsync(new Uri("/staff/reports?team=all", UriKind.Relative));
        var admins = await admin.GetStringAsync(new Uri("/staff/reports", UriKind.Relative));

        own.Should().Contain("Cambridge, April to June 2026 (Q2)").And.NotContain("<option value=\"huntingdon\"");
        service.Should().Contain("the whole service, April to June 2026 (Q2)");
        admins.Should().Contain("the whole service, April to June 2026 (Q2)").And.Contain("<option value=\"huntingdon\"");
    }

    private static Referral Closed(DateTimeOffset at, string reason) =>
        StoredReferrals.Cambridge(at, "RC-CLOSE" + at.Hour.ToString(CultureInfo.InvariantCulture)) with
        {
            Status = ReferralStatus.Closed,
            FirstContactAt = at.AddDays(2),
            Closure = new ClosureRecord(at.AddDays(20), reason),
        };
}
