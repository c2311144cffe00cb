using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>What a member of staff does in the browser before anything else.</summary>
public static class StaffBrowser
{
    /// <summary>Signs in on the Development sign-in page as the seeded member of staff named <paramref name="name"/>.</summary>
    public static async Task SignInAsync(this IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel(new Regex("^" + Regex.Escape(name) + ",")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync(name);
    }
}
