using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Staff;

/// <summary>
/// Another site cannot make a signed-in browser write through the API: a cookie-authenticated write
/// needs this site's Origin (or Referer) or a staff page's antiforgery token, and a body must be JSON.
/// </summary>
public sealed class CrossSiteRequestTests : IAsyncLifetime
{
    private const string Evil = "http://evil.example";
    private JourneyDriver journey = null!;
    private string taskId = null!;

    public async Task InitializeAsync()
    {
        journey = await JourneyDriver.StartAsync();
        taskId = await journey.TaskOfStageAsync("initial-conversation");
    }

    public async Task DisposeAsync() => await journey.DisposeAsync();

    [Fact]
    public async Task A_claim_from_another_origin_is_refused_and_the_task_stays_unclaimed()
    {
        using var request = Post($"/api/tasks/{taskId}/claim", origin: Evil);

        using var answer = await (await journey.AsAsync(JourneyDriver.Coach)).SendAsync(request);

        answer.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await answer.Content.ReadAsStringAsync()).Should().Contain("Cross-site request refused");
        (await AssigneeAsync()).Should().BeNull("nothing happened");
    }

    [Fact]
    public async Task A_form_encoded_early_closure_from_another_origin_is_refused_and_the_referral_goes_on()
    {
        using var request = Post($"/api/referrals/{journey.Id}/early-closure", origin: Evil);
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "x" });

        using var answer = await (await journey.AsAsync(JourneyDriver.Coach)).SendAsync(request);

        answer.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.UnsupportedMediaType);
        JourneyDriver.Actions(await journey.StateAsync()).Should().NotContain("early-closure-requested");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_write_whose_body_is_not_json_is_refused_even_from_this_site(string contentType)
    {
        using var request = Post($"/api/tasks/{taskId}/claim", origin: null);
        request.Content = new StringContent("{}", Encoding.UTF8);
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var answer = await (await journey.AsAsync(JourneyDriver.Coach)).SendAsync(request);

        answer.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await AssigneeAsync()).Should().BeNull();
    }

    [Fact]
    public async Task Without_an_origin_a_referer_from_another_site_is_refused_and_one_from_this_site_is_let_through()
    {
        var client = await SignedInWithoutOriginAsync();
        using var fromElsewhere = Post($"/api/tasks/{taskId}/claim", origin: null, referer: $"{Evil}/page");
        using var fromHere = Post($"/api/tasks/{taskId}/claim", origin: null, referer: new Uri(client.BaseAddress!, "/staff/tasks").ToString());

        using var refused = await client.SendAsync(fromElsewhere);
        var before = await AssigneeAsync();
        using var allowed = await client.SendAsync(fromHere);

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        before.Should().BeNull();
        allowed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await AssigneeAsync()).Should().Be(JourneyDriver.Coach);
    }

    [Fact]
    public async Task Without_origin_or_referer_a_write_needs_a_staff_pages_antiforgery_token()
    {
        var client = await SignedInWithoutOriginAsync();
        var token = StaffSignIn.TokenOf(await client.GetStringAsync(new Uri($"/staff/tasks/{taskId}", UriKind.Relative)));
        using var bare = Post($"/api/tasks/{taskId}/claim", origin: null);
        using var forged = Post($"/api/tasks/{taskId}/claim", origin: null);
        forged.Headers.Add("RequestVerificationToken", "not-a-token");
        using var withToken = Post($"/api/tasks/{taskId}/claim", origin: null);
        withToken.Headers.Add("RequestVerificationToken", token);

        using var bareAnswer = await client.SendAsync(bare);
        using var forgedAnswer = await client.SendAsync(forged);
        var before = await AssigneeAsync();
        using var tokenAnswer = await client.SendAsync(withToken);

        token.Should().NotBeNullOrEmpty("the staff task page carries a form");
        bareAnswer.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        forgedAnswer.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        before.Should().BeNull();
        tokenAnswer.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_write_from_this_sites_origin_goes_through()
    {
        using var answer = await (await journey.AsAsync(JourneyDriver.Coach)).PostAsync(new Uri($"/api/tasks/{taskId}/claim", UriKind.Relative), null);

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        (await AssigneeAsync()).Should().Be(JourneyDriver.Coach);
    }

    [Fact]
    public async Task The_anonymous_referral_submission_stays_open_to_other_origins()
    {
        using var request = Post("/api/referrals", origin: Evil);
        request.Content = JsonContent.Create(SampleReferrals.Valid());

        using var answer = await journey.Factory.CreateClient().SendAsync(request);

        answer.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    private static HttpRequestMessage Post(string path, string? origin, string? referer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (referer is not null)
        {
            request.Headers.Referrer = new Uri(referer);
        }

        return request;
    }

    private async Task<HttpClient> SignedInWithoutOriginAsync()
    {
        var client = await journey.Factory.SignedInAsync(JourneyDriver.Coach);
        client.DefaultRequestHeaders.Remove("Origin");
        return client;
    }

    private async Task<string?> AssigneeAsync()
    {
        var task = await (await journey.AsAsync(JourneyDriver.Lead)).GetFromJsonAsync<JsonObject>(new Uri($"/api/tasks/{taskId}", UriKind.Relative));
        return task!["assignee"]?.GetValue<string>();
    }
}
