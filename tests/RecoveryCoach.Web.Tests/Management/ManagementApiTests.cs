using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Management;

public sealed class ManagementApiTests(ManagementServiceFactory factory) : IClassFixture<ManagementServiceFactory>, IAsyncLifetime
{
    private const string Instances = "/runtime/webhooks/durabletask/instances";
    private HttpClient http = null!;

    public async Task InitializeAsync() => http = await factory.SignedInAsync(StaffSignIn.Admin);

    public Task DisposeAsync()
    {
        http.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Only_an_admin_may_use_it()
    {
        using var coach = await factory.SignedInAsync(StaffSignIn.CambridgeCoach);

        var anonymous = await factory.CreateClient().GetAsync(new Uri(Instances, UriKind.Relative));
        var notAdmin = await coach.GetAsync(new Uri(Instances, UriKind.Relative));
        var admin = await http.GetAsync(new Uri(Instances, UriKind.Relative));

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        notAdmin.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        admin.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private DurableTaskClient Durable => factory.Services.GetRequiredService<DurableTaskClient>();

    [Fact]
    public async Task Status_is_202_while_running_and_200_with_output_and_history_when_done()
    {
        var id = await Durable.ScheduleNewOrchestrationInstanceAsync("WaitsForGo", "ready");
        await UntilStatusAsync(id, "Running");

        var running = await http.GetAsync(new Uri($"{Instances}/{id}", UriKind.Relative));
        running.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var raised = await http.PostAsJsonAsync(new Uri($"{Instances}/{id}/raiseEvent/Go", UriKind.Relative), "steady");
        raised.StatusCode.Should().Be(HttpStatusCode.Accepted);
        await UntilStatusAsync(id, "Completed");

        var done = await http.GetAsync(new Uri($"{Instances}/{id}?showHistory=true", UriKind.Relative));
        done.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = (await done.Content.ReadFromJsonAsync<JsonObject>())!;
        body["runtimeStatus"]!.GetValue<string>().Should().Be("Completed");
        body["input"]!.GetValue<string>().Should().Be("ready");
        body["output"]!.GetValue<string>().Should().Be("ready then steady");
        body["historyEvents"]!.AsArray().Select(e => e!["what"]!.GetValue<string>()).Should().Contain("Event Go received").And.Contain("Completed");
    }

    [Fact]
    public async Task Raising_to_an_unknown_instance_is_404_and_to_a_finished_one_410()
    {
        var id = await Durable.ScheduleNewOrchestrationInstanceAsync("Quick", "x");
        await UntilStatusAsync(id, "Completed");

        (await http.PostAsJsonAsync(new Uri($"{Instances}/nobody/raiseEvent/Go", UriKind.Relative), "x")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await http.PostAsJsonAsync(new Uri($"{Instances}/{id}/raiseEvent/Go", UriKind.Relative), "x")).StatusCode.Should().Be(HttpStatusCode.Gone);
        (await http.GetAsync(new Uri($"{Instances}/nobody", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Terminate_ends_a_running_instance_with_the_reason()
    {
        var id = await Durable.ScheduleNewOrchestrationInstanceAsync("WaitsForGo", "x");
        await UntilStatusAsync(id, "Running");

        var response = await http.PostAsync(new Uri($"{Instances}/{id}/terminate?reason=withdrawn", UriKind.Relative), null);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var status = await UntilStatusAsync(id, "Terminated");
        status["output"]!.GetValue<string>().Should().Be("withdrawn");
    }

    [Fact]
    public async Task Terminating_an_instance_that_has_not_started_is_refused_and_leaves_it_pending()
    {
        var id = await Durable.ScheduleNewOrchestrationInstanceAsync("WaitsForGo", "x", new StartOrchestrationOptions { StartAt = DateTimeOffset.UtcNow.AddHours(1) });

        var response = await http.PostAsync(new Uri($"{Instances}/{id}/terminate?reason=withdrawn", UriKind.Relative), null);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.GetValue<string>().Should().Be("The instance has not started");
        (await Durable.GetInstanceAsync(id))!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Pending);
    }

    [Fact]
    public async Task The_list_filters_by_status_and_pages_with_the_continuation_header()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await Durable.ScheduleNewOrchestrationInstanceAsync("WaitsForGo", "listed"));
        }

        foreach (var id in ids)
        {
            await UntilStatusAsync(id, "Running");
        }

        var seen = new List<string>();
        string? continuation = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Instances}?runtimeStatus=Running&top=1");
            if (continuation is not null)
            {
                request.Headers.Add("x-ms-continuation-token", continuation);
            }

            var response = await http.SendAsync(request);
            var page = (await response.Content.ReadFromJsonAsync<JsonArray>())!;
            page.Count.Should().BeLessThanOrEqualTo(1);
            seen.AddRange(page.Select(i => i!["instanceId"]!.GetValue<string>()));
            continuation = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
        }
        while (continuation is not null);

        seen.Should().Contain(ids);
        foreach (var id in seen)
        {
            (await Durable.GetInstanceAsync(id))!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Running);
        }
    }

    [Fact]
    public async Task Purge_deletes_an_instance_once()
    {
        var id = await Durable.ScheduleNewOrchestrationInstanceAsync("Quick", "x");
        await UntilStatusAsync(id, "Completed");

        var purged = await http.DeleteAsync(new Uri($"{Instances}/{id}", UriKind.Relative));
        var again = await http.DeleteAsync(new Uri($"{Instances}/{id}", UriKind.Relative));

        purged.StatusCode.Should().Be(HttpStatusCode.OK);
        (await purged.Content.ReadFromJsonAsync<JsonObject>())!["instancesDeleted"]!.GetValue<int>().Should().Be(1);
        again.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Purging_a_running_instance_is_a_conflict_and_leaves_it_running()
    {
        var id = await Durable.ScheduleNewOrchestrationInstanceAsync("WaitsForGo", "x");
        await UntilStatusAsync(id, "Running");

        var purge = await http.DeleteAsync(new Uri($"{Instances}/{id}", UriKind.Relative));

        purge.StatusCode.Should().Be(HttpStatusCode.Conflict);
        purge.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await Durable.GetInstanceAsync(id))!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Running);
    }

    [Fact]
    public async Task A_status_that_does_not_exist_is_400_naming_the_parameter()
    {
        var response = await http.GetAsync(new Uri($"{Instances}?runtimeStatus=Running,Asleep", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["runtimeStatus"]![0]!.GetValue<string>().Should().Contain("'Asleep'");
    }

    private async Task<JsonObject> UntilStatusAsync(string id, string status) =>
        (await Eventually.UntilAsync(
            async () => await http.GetAsync(new Uri($"{Instances}/{id}", UriKind.Relative)) is { StatusCode: HttpStatusCode.OK or HttpStatusCode.Accepted } response
                ? await response.Content.ReadFromJsonAsync<JsonObject>()
                : null,
            body => body?["runtimeStatus"]?.GetValue<string>() == status,
            $"instance {id} should reach {status}"))!;
}

public sealed class ManagementApiOffTests(ReferralServiceFactory factory) : IClassFixture<ReferralServiceFactory>
{
    [Fact]
    public async Task The_management_api_is_off_unless_enabled()
    {
        using var admin = await factory.SignedInAsync(StaffSignIn.Admin);

        var response = await admin.GetAsync(new Uri("/runtime/webhooks/durabletask/instances", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
