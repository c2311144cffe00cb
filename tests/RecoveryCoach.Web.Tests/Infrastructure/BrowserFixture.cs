using System.Text.Json;
using Microsoft.Playwright;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>
/// One headless Debian Chromium for every browser test, driven by Playwright without its own
/// browser download. The flags keep Chromium off the network this machine does not have.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A new browser context: its own cookies, a UK locale, and CSP bypassed only so axe-core can be injected.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = "en-GB", BypassCSP = true, ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>Checks a page with axe-core from npm against WCAG 2.2 A and AA, and saves screenshots when asked.</summary>
public static class PageChecks
{
    private static readonly string AxeScript = Path.Combine(Repository.Root, "node_modules", "axe-core", "axe.min.js");

    /// <summary>Every WCAG 2.0, 2.1 and 2.2 A and AA violation axe-core finds, as "rule: element" lines.</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(this IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        }

        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] } });
              return result.violations.flatMap(v => v.nodes.map(n => `${v.id}: ${n.target.join(' ')}`));
            }
            """);
        return [.. violations.EnumerateArray().Select(v => v.GetString()!)];
    }

    public static async Task ShouldBeAccessibleAsync(this IPage page)
    {
        var violations = await page.AccessibilityViolationsAsync();
        violations.Should().BeEmpty($"{page.Url} should meet WCAG 2.2 AA");
    }

    /// <summary>
    /// Saves a screenshot to the folder <c>RECOVERYCOACH_SCREENSHOTS</c> names, when it names one;
    /// the README's screenshots are refreshed this way.
    /// </summary>
    /// <param name="fullPage">False for what the window shows, for a page too long to show whole.</param>
    public static async Task ScreenshotAsync(this IPage page, string name, bool fullPage = true)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (Environment.GetEnvironmentVariable("RECOVERYCOACH_SCREENSHOTS") is { Length: > 0 } folder)
        {
            var path = Path.IsPathRooted(folder) ? folder : Path.Combine(Repository.Root, folder);
            Directory.CreateDirectory(path);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(path, name + ".png"), FullPage = fullPage });
        }
    }
}
