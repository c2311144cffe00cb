using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks.Outcomes;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Pages;

/// <summary>
/// A team lead reads a quarter's report in a real browser, chosen by keyboard alone: it meets
/// WCAG 2.2 AA, every chart is an image with a title and the same figures in a table, small
/// numbers show as "fewer than 5", and it prints without the page's controls.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ReportsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_team_lead_chooses_a_quarter_by_keyboard_and_reads_and_prints_its_report()
    {
        await using var service = new BrowserServiceFactory();
        var store = service.Services.GetRequiredService<ReferralStore>();
        var start = new DateTimeOffset(2026, 4, 6, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 12; i++)
        {
            await store.CreateAsync(Coached(start.AddDays(i), i), start, [], CancellationToken.None);
        }

        var page = await browser.NewPageAsync(service.Address);
        await page.SignInAsync("Lee Lead");

        await page.GotoAsync("/staff/tasks");
        await page.GetByRole(AriaRole.Link, new() { Name = "Reports" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#team").FocusAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Locator("#period-quarter").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the report" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("the whole service, April to June 2026 (Q2)");
        await page.ShouldBeAccessibleAsync();
        await page.SetViewportSizeAsync(1100, 1400);
        await page.Locator("#wellbeing").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync("reports", fullPage: false);
        (await page.Locator("svg.rc-chart[role=img] title").CountAsync()).Should().Be(await page.Locator("svg.rc-chart").CountAsync()).And.BeGreaterThan(5);
        await Assertions.Expect(page.Locator("#table-closures")).ToContainTextAsync("Completed as planned");
        await Assertions.Expect(page.Locator("#table-wellbeing tbody tr").First.Locator("td").First).ToHaveTextAsync("12");
        await Assertions.Expect(page.Locator("#chart-wellbeing")).ToContainTextAsync("mean at closure: 7.0");
        await Assertions.Expect(page.Locator("#table-closures td[data-disclosure=FewerThanFive]")).ToHaveTextAsync("fewer than 5");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".rc-report-choice")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("header.nhsuk-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#table-goals")).ToBeVisibleAsync();
    }

    /// <summary>A Cambridge referral whose coaching closed after six weeks: all but one completed, one moved away.</summary>
    private static Referral Coached(DateTimeOffset at, int n)
    {
        var agreed = at.AddDays(5);
        var plan = new CoachingPlan(agreed, [new Goal("Volunteer", "volunteering")], new Wellbeing(4, 5, 5, 6), 6, 7, "Pat Peer");
        return StoredReferrals.Cambridge(at, $"RC-BRWS{n:D2}", "Number" + n) with
        {
            Status = ReferralStatus.Closed,
            Coach = "casey.coach@cpft.nhs.uk",
            FirstContactAt = at.AddDays(2),
            Plan = plan,
            Closure = new ClosureRecord(agreed.AddDays(42), n == 0 ? ClosureReasons.MovedAway : ClosureReasons.Completed, [new GoalProgress(1, 1)], [], new Wellbeing(7, 7, 7, 4)),
        };
    }
}
