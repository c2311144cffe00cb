using Microsoft.Playwright;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Pages;

/// <summary>
/// Subject access in a real browser: an admin finds the person, opens the printable export and the
/// correction form, and every one of these pages meets WCAG 2.2 AA, errors included.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class SubjectAccessBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_finds_a_person_opens_their_printable_export_and_the_correction_form_and_each_is_accessible()
    {
        await using var service = new BrowserServiceFactory();
        await using var journey = await JourneyDriver.StartAsync(factory: service);
        await journey.StageAsync("initial-conversation");
        var page = await browser.NewPageAsync(service.Address);
        await page.SignInAsync("Ada Admin");

        await page.GetByRole(AriaRole.Link, new() { Name = "Subject access", Exact = true }).ClickAsync();
        await page.Locator("#nhs-number").FillAsync("943 476 5919");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Assertions.Expect(page.Locator("#results")).ToHaveTextAsync("1 referral found");
        await page.ShouldBeAccessibleAsync();

        await page.Locator("#export-html").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Records held about Alex Example");
        await page.ScreenshotAsync("subject-access-export");
        await page.ShouldBeAccessibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        (await page.Locator("header.nhsuk-header").IsVisibleAsync()).Should().BeFalse("the printed export is the records alone");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await page.GotoAsync($"/staff/referrals/{journey.Id}/correct");
        await page.Locator("#field-3").CheckAsync();
        await page.Locator("#value").FillAsync("not an email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Correct" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToBeVisibleAsync();
        await page.ShouldBeAccessibleAsync();
    }
}
