using Microsoft.Playwright;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Pages;

/// <summary>A referrer in a real browser: errors shown the NHS way, a confirmation, an email, and keyboard only.</summary>
[Collection(BrowserTests.Name)]
public sealed class ReferralFormBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_referrer_corrects_the_errors_the_summary_links_to_and_gets_a_reference_by_email()
    {
        await using var service = new BrowserServiceFactory();
        var page = await browser.NewPageAsync(service.Address);
        await page.GotoAsync("/refer");
        await page.ShouldBeAccessibleAsync();

        await page.GetByLabel("First name").FillAsync("Alex");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();
        var summary = page.Locator(".nhsuk-error-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));
        await page.ShouldBeAccessibleAsync();
        await page.ScreenshotAsync("referral-form-errors");

        await summary.GetByRole(AriaRole.Link, new() { Name = "Enter the person's family name" }).ClickAsync();
        (await page.EvaluateAsync<string>("() => document.activeElement.id")).Should().Be("person-familyName");
        (await page.GetByLabel("First name").InputValueAsync()).Should().Be("Alex", "what was entered is kept");

        await FillValidAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();
        var reference = await page.Locator("#reference").InnerTextAsync();
        await page.ShouldBeAccessibleAsync();
        await page.ScreenshotAsync("referral-confirmation");

        reference.Should().MatchRegex("^RC-[A-Z0-9]{6}$");
        (await MailDev.MessagesForAsync(reference)).Should().Contain(m => m.IsTo("sam.coordinator@example.nhs.uk") && m.Text.Contains(reference, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_referral_form_can_be_completed_with_the_keyboard_alone()
    {
        await using var service = new BrowserServiceFactory();
        var page = await browser.NewPageAsync(service.Address);
        await page.GotoAsync("/refer");
        await page.ScreenshotAsync("referral-form");

        await TypeIntoAsync(page, "person-givenName", "Jo");
        await TypeIntoAsync(page, "person-familyName", "Keyboard");
        await TypeIntoAsync(page, "person-dateOfBirth-day", "4");
        await TypeIntoAsync(page, "person-dateOfBirth-month", "5");
        await TypeIntoAsync(page, "person-dateOfBirth-year", "1990");
        await TypeIntoAsync(page, "person-email", "jo@example.com");
        await TypeIntoAsync(page, "person-postcode", "PE29 3AA");
        await TabToAsync(page, "referrer-relationship");
        await page.Keyboard.PressAsync("Space");
        foreach (var question in new[] { "inSecondaryMentalHealthServices", "readyToWorkTowardsDischarge", "strugglingWithDischarge" })
        {
            await TabToAsync(page, question);
            await page.Keyboard.PressAsync("Space");
        }

        await TypeIntoAsync(page, "reason", "Nervous about managing without the team");
        await TabToAsync(page, "consent");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()")).Should().Be("Send referral");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#reference")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^RC-"));
    }

    [Fact]
    public async Task A_referrer_follows_the_emailed_link_to_a_status_page_that_says_only_where_the_referral_stands()
    {
        await using var service = new BrowserServiceFactory();
        await using var journey = await JourneyDriver.StartAsync(factory: service);
        await journey.StageAsync("initial-conversation");
        var acknowledgement = await journey.MailKeyedAsync("acknowledgement-referrer");
        var link = System.Text.RegularExpressions.Regex.Match(acknowledgement.Text, @"https?://\S+/referral/[0-9a-f]{32}").Value;
        var page = await browser.NewPageAsync(service.Address);

        await page.GotoAsync(new Uri(link).PathAndQuery);

        await Assertions.Expect(page.Locator("#reference")).ToHaveTextAsync(journey.Reference);
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Being looked at");
        (await page.Locator("main").InnerTextAsync()).Should().NotContain("Alex").And.NotContain("Sam Coordinator").And.NotContain("Cambridge");
        await page.ShouldBeAccessibleAsync();
        await page.ScreenshotAsync("referral-status");
    }

    internal static async Task FillValidAsync(IPage page, string givenName = "Alex", string familyName = "Example", string reason = "Worried about losing weekly support")
    {
        await page.GetByLabel("First name").FillAsync(givenName);
        await page.GetByLabel("Last name").FillAsync(familyName);
        await page.GetByLabel("Day").FillAsync("10");
        await page.GetByLabel("Month").FillAsync("3");
        await page.GetByLabel("Year").FillAsync("1986");
        await page.GetByLabel("Their email address").FillAsync("alex.example@example.com");
        await page.GetByLabel("Their postcode").FillAsync("CB1 2AB");
        await page.GetByLabel("I am their care coordinator").CheckAsync();
        await page.GetByLabel("Your name").FillAsync("Sam Coordinator");
        await page.GetByLabel("Your email address").FillAsync("sam.coordinator@example.nhs.uk");
        await page.Locator("#inSecondaryMentalHealthServices").CheckAsync();
        await page.Locator("#readyToWorkTowardsDischarge").CheckAsync();
        await page.Locator("#strugglingWithDischarge").CheckAsync();
        await page.Locator("#reason").FillAsync(reason);
        await page.GetByLabel("The person agrees to be referred").CheckAsync();
    }

    /// <summary>Presses Tab until the element with <paramref name="id"/> has focus, as a keyboard user moves through a form.</summary>
    private static async Task TabToAsync(IPage page, string id)
    {
        for (var presses = 0; presses < 80; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string>("() => document.activeElement.id") == id)
            {
                return;
            }
        }

        throw new InvalidOperationException($"Tab never reached #{id}.");
    }

    private static async Task TypeIntoAsync(IPage page, string id, string text)
    {
        await TabToAsync(page, id);
        await page.Keyboard.TypeAsync(text);
    }
}
