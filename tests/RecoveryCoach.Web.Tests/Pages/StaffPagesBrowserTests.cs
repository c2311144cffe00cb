using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Pages;

/// <summary>
/// Staff in a real browser: a coach signs in, works a referral from the worklist to closure while
/// weeks pass on the host's clock, and every page meets WCAG 2.2 AA; other teams see nothing;
/// what a referrer typed is shown as text, never run.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed partial class StaffPagesBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_coach_works_a_referral_from_the_worklist_to_closure_and_the_timeline_shows_each_step()
    {
        await using var service = new BrowserServiceFactory();
        var referral = await service.CreateClient().SubmitAcceptedAsync(SampleReferrals.Valid());
        var reference = referral["reference"]!.GetValue<string>();
        var page = await browser.NewPageAsync(service.Address);

        await page.SignInAsync("Casey Coach");
        await page.GotoAsync("/staff/tasks?view=team");
        await OpenTaskAsync(page, reference, "Contact the person and hold the initial conversation");
        await page.ScreenshotAsync("task-initial-conversation");
        await page.ShouldBeAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Take this task on" }).ClickAsync();
        await page.Locator("#attempts-0-at").FillAsync("15/6/2026");
        await page.Locator("#attempts-0-method").CheckAsync();
        await page.Locator("#attempts-0-reached").CheckAsync();
        await page.GetByLabel("Coaching is right for the person").CheckAsync();
        await CompleteAsync(page);

        await page.GotoAsync("/staff/tasks");
        await OpenTaskAsync(page, reference, "Record the coaching agreement");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete task" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToBeVisibleAsync();
        await page.ShouldBeAccessibleAsync();
        await page.Locator("#goals-0-description").FillAsync("Volunteer at the community garden");
        await page.Locator("#goals-0-category").SelectOptionAsync("volunteering");
        foreach (var answer in new[] { "baseline-lifeSatisfaction", "baseline-worthwhile", "baseline-happyYesterday", "baseline-anxiousYesterday" })
        {
            await page.Locator("#" + answer).FillAsync("5");
        }

        await page.Locator("#peerSupportWorker").FillAsync("Pat Peer");
        await page.Locator("#personAgreed").CheckAsync();
        await page.ScreenshotAsync("task-agreement");
        await CompleteAsync(page);

        for (var week = 1; week <= 6; week++)
        {
            await page.GotoAsync("/staff/tasks");
            if (week == 1)
            {
                await page.ScreenshotAsync("worklist");
                await page.ShouldBeAccessibleAsync();
            }

            await OpenTaskAsync(page, reference, "Check in");
            await service.AdvanceAsync(TimeSpan.FromDays(7) - TimeSpan.FromHours(1));
            await page.Locator("#sessionHeld").CheckAsync();
            await page.GetByLabel("+1 more than expected").CheckAsync();
            if (week == 1)
            {
                await page.ShouldBeAccessibleAsync();
            }

            await CompleteAsync(page);
        }

        await service.AdvanceAsync(TimeSpan.FromHours(6));
        await page.GotoAsync("/staff/tasks");
        await OpenTaskAsync(page, reference, "Record outcomes and close");
        await page.GetByLabel("+2 much more than expected").CheckAsync();
        foreach (var answer in new[] { "wellbeing-lifeSatisfaction", "wellbeing-worthwhile", "wellbeing-happyYesterday", "wellbeing-anxiousYesterday" })
        {
            await page.Locator("#" + answer).FillAsync("7");
        }

        await page.GetByLabel("Completed as planned").CheckAsync();
        await page.ShouldBeAccessibleAsync();
        await CompleteAsync(page);

        var timeline = await UntilTimelineHasAsync(page, "Referral closed: coaching was completed as planned.");
        await page.ScreenshotAsync("referral-page");
        await page.ShouldBeAccessibleAsync();
        await page.GotoAsync("/staff/caseload");
        await Assertions.Expect(page.Locator("#figure-active")).ToHaveTextAsync("0");

        timeline.Should().Contain("Contact attempt 1 by phone: reached the person")
            .And.Contain("Record the coaching agreement: 1 goal(s), 6 weeks")
            .And.Contain(StaffSignIn.CambridgeCoach)
            .And.NotContain("Referral page viewed", "views are in the access log; the timeline is for care");
        TaskDone().Count(timeline).Should().Be(9, "conversation, agreement, six check-ins and closure");
    }

    [Fact]
    public async Task A_team_lead_answers_triage_and_a_request_for_more_weeks_on_their_forms()
    {
        await using var service = new BrowserServiceFactory();
        await using var triaged = await JourneyDriver.StartAsync(SampleReferrals.Valid(postcode: "SW1A 1AA"), service);
        await using var coached = await JourneyDriver.StartAsync(factory: service);
        var triage = await triaged.TaskOfStageAsync("triage");
        await coached.AgreeAsync();
        await coached.StageAsync("check-in");
        (await coached.RequestAsync("extension", new System.Text.Json.Nodes.JsonObject { ["weeks"] = 2 })).StatusCode.Should().Be(System.Net.HttpStatusCode.Accepted);
        var page = await browser.NewPageAsync(service.Address);
        await page.SignInAsync("Lee Lead");

        await page.GotoAsync($"/staff/tasks/{triage}");
        await page.ShouldBeAccessibleAsync();
        await page.GetByLabel("Cambridge").CheckAsync();
        await CompleteAsync(page);
        await page.GotoAsync("/staff/tasks?view=team");
        await OpenTaskAsync(page, coached.Reference, "Approve or decline more weeks");
        await page.ShouldBeAccessibleAsync();
        await page.Locator("#approved").CheckAsync();
        await page.Locator("#weeks").FillAsync("2");
        await CompleteAsync(page);

        await page.GotoAsync("/staff/rules");
        await page.ShouldBeAccessibleAsync();
        await page.GotoAsync("/staff/rules/" + await page.Locator("#in-force").InnerTextAsync());
        await Assertions.Expect(page.Locator("#no-changes")).ToBeVisibleAsync();
        await page.ShouldBeAccessibleAsync();

        await triaged.UntilAsync(s => s["allocation"]?["team"]?["code"]?.GetValue<string>() == "cambridge", "the lead's choice of team should be recorded");
        await coached.UntilAsync(s => s["coaching"]!["extensionWeeks"]!.GetValue<int>() == 2, "the two weeks should be added");
    }

    [Fact]
    public async Task A_coach_closes_a_referral_early_from_its_page_and_the_closure_task_follows()
    {
        await using var service = new BrowserServiceFactory();
        await using var journey = await JourneyDriver.StartAsync(factory: service);
        await journey.AgreeAsync();
        var page = await browser.NewPageAsync(service.Address);

        await page.SignInAsync("Casey Coach");
        await page.GotoAsync($"/staff/referrals/{journey.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close early" }).ClickAsync();

        (await page.Locator("#done").InnerTextAsync()).Should().Be("The referral is going to closure.");
        (await journey.TaskOfStageAsync("closure")).Should().NotBeNullOrEmpty();
        JourneyDriver.Actions(await journey.StateAsync()).Should().Contain("early-closure-requested");
    }

    [Fact]
    public async Task A_coach_of_another_team_cannot_open_the_referral_or_its_task_and_anyone_else_is_sent_to_sign_in()
    {
        await using var service = new BrowserServiceFactory();
        await using var journey = await JourneyDriver.StartAsync(factory: service);
        var task = await journey.TaskOfStageAsync("initial-conversation");
        var page = await browser.NewPageAsync(service.Address);

        await page.GotoAsync($"/staff/referrals/{journey.Id}");
        page.Url.Should().Contain("/account/sign-in", "nobody is signed in");
        await page.ShouldBeAccessibleAsync();
        await page.ScreenshotAsync("sign-in");
        await page.SignInAsync("Hana Coach");

        var referralPage = await page.GotoAsync($"/staff/referrals/{journey.Id}");
        var taskPage = await page.GotoAsync($"/staff/tasks/{task}");
        var api = await page.APIRequest.GetAsync($"/api/tasks/{task}");
        await page.GotoAsync("/staff/tasks?view=team");

        referralPage!.Status.Should().Be(404);
        taskPage!.Status.Should().Be(404);
        api.Status.Should().Be(404);
        (await page.ContentAsync()).Should().NotContain(journey.Reference);
    }

    [Fact]
    public async Task A_coach_finds_a_person_from_the_header_search_by_keyboard_and_reads_the_caseload()
    {
        await using var service = new BrowserServiceFactory();
        await using var journey = await JourneyDriver.StartAsync(factory: service);
        await journey.TaskOfStageAsync("initial-conversation");
        var page = await browser.NewPageAsync(service.Address);
        await page.SignInAsync("Casey Coach");

        await page.GotoAsync("/staff/tasks?view=team");
        await page.Locator("#header-search").FocusAsync();
        await page.Keyboard.TypeAsync("example al");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#results")).ToHaveTextAsync("1 referral found");
        await page.ShouldBeAccessibleAsync();
        await page.ScreenshotAsync("search");
        var name = page.GetByRole(AriaRole.Link, new() { Name = "Alex Example" });
        await name.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Alex Example");

        await page.GotoAsync("/staff/search?q=x");
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToBeVisibleAsync();
        await page.ShouldBeAccessibleAsync();

        await page.GotoAsync("/staff/caseload");
        await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync("1 open referral.");
        await page.ShouldBeAccessibleAsync();
        await page.ScreenshotAsync("caseload-list");
        await page.Locator("#stage").SelectOptionAsync("Coaching");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync("No open referrals match.");
        page.Url.Should().Contain("stage=Coaching");
    }

    [Fact]
    public async Task What_a_referrer_typed_is_shown_as_text_and_never_run()
    {
        await using var service = new BrowserServiceFactory();
        var script = "<script>window.injected = true</script>";
        var image = "<img src=x onerror=\"window.injected = true\">";
        var referral = await service.CreateClient().SubmitAcceptedAsync(SampleReferrals.Valid().With(r =>
        {
            r["person"]!["givenName"] = script;
            r["reason"] = "Worried " + image;
        }));
        var page = await browser.NewPageAsync(service.Address);
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await page.SignInAsync("Casey Coach");

        await page.GotoAsync($"/staff/referrals/{referral["id"]!.GetValue<string>()}");

        (await page.Locator("h1").InnerTextAsync()).Should().Contain(script);
        (await page.Locator("#reason").InnerTextAsync()).Should().Contain(image);
        (await page.EvaluateAsync<bool>("() => window.injected === true")).Should().BeFalse();
        (await page.Locator("main img").CountAsync()).Should().Be(0);
        dialogs.Should().Be(0);
    }

    [Fact]
    public async Task The_accessibility_check_finds_a_violation_when_there_is_one()
    {
        await using var service = new BrowserServiceFactory();
        var page = await browser.NewPageAsync(service.Address);
        await page.GotoAsync("/refer");

        await page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/assets/images/favicon.svg\"><input id=\"unlabelled\">')");
        var violations = await page.AccessibilityViolationsAsync();

        violations.Should().Contain(v => v.StartsWith("image-alt", StringComparison.Ordinal)).And.Contain(v => v.StartsWith("label", StringComparison.Ordinal));
    }

    /// <summary>Reloads the worklist until the referral's task of that kind is on it (the journey adds it a moment after the last step), then opens it.</summary>
    private static async Task OpenTaskAsync(IPage page, string reference, string title)
    {
        var row = page.Locator("tr", new() { HasText = reference }).Filter(new() { HasText = title });
        await Eventually.UntilAsync(() => ReloadedUnlessAsync(page, () => row.CountAsync(), count => count > 0), count => count > 0, $"'{title}' for {reference} should reach the worklist", TimeSpan.FromSeconds(20), interval: TimeSpan.FromMilliseconds(200));
        await row.First.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
    }

    /// <summary>Reloads the referral page until its timeline has <paramref name="text"/>; the journey writes a moment after the page answers.</summary>
    private static Task<string> UntilTimelineHasAsync(IPage page, string text) =>
        Eventually.UntilAsync(
            () => ReloadedUnlessAsync(page, () => page.Locator("#timeline").InnerTextAsync(), timeline => timeline.Contains(text, StringComparison.Ordinal)),
            timeline => timeline.Contains(text, StringComparison.Ordinal),
            $"the timeline should show '{text}'",
            TimeSpan.FromSeconds(20),
            interval: TimeSpan.FromMilliseconds(200));

    /// <summary>Reads the page, and reloads it for the next look when what it read is not yet <paramref name="enough"/>.</summary>
    private static async Task<T> ReloadedUnlessAsync<T>(IPage page, Func<Task<T>> read, Func<T, bool> enough)
    {
        var value = await read();
        if (!enough(value))
        {
            await page.ReloadAsync();
        }

        return value;
    }

    private static async Task CompleteAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete task" }).ClickAsync();
        await Assertions.Expect(page.Locator("#done")).ToContainTextAsync("done.");
    }

    [GeneratedRegex(": (session held|outcomes recorded|coaching is right|1 goal)")]
    private static partial Regex TaskDone();
}
