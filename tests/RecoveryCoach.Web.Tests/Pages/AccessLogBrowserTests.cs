using Microsoft.Playwright;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Pages;

/// <summary>
/// The two access log pages in a real browser, as an admin reads them: reached from the referral
/// page and the header, each view from outside the team tagged, the caller's address shown, and
/// both pages meeting WCAG 2.2 AA.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class AccessLogBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_reads_a_referrals_access_log_and_the_services_and_both_are_accessible()
    {
        await using var service = new BrowserServiceFactory();
        await using var journey = await JourneyDriver.StartAsync(factory: service);
        await journey.StageAsync("initial-conversation");
        var page = await browser.NewPageAsync(service.Address);
        await page.SignInAsync("Ada Admin");

        await page.GotoAsync($"/staff/referrals/{journey.Id}");
        await page.Locator("#access-log-link").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Access log");
        var referralLog = await page.Locator("#access-log").InnerTextAsync();
        await page.ScreenshotAsync("access-log-referral");
        await page.ShouldBeAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Access log", Exact = true }).ClickAsync();
        await page.Locator("#who").FillAsync(StaffSignIn.Admin);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var serviceLog = await page.Locator("#access-log").InnerTextAsync();
        await page.ScreenshotAsync("access-log-service");
        await page.ShouldBeAccessibleAsync();

        referralLog.Should().Contain("referral page").And.Contain("Outside their team").And.Contain("127.0.0.1").And.Contain(StaffSignIn.Admin);
        serviceLog.Should().Contain(journey.Reference).And.Contain("Outside their team").And.Contain("service access log");
    }
}
