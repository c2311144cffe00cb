using System.Net;
using Azure.Data.Tables;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Staff;

/// <summary>Staff sessions live on the server: signing out ends the session, whoever holds a copy of the cookie.</summary>
public sealed class StaffSessionTests : IAsyncDisposable
{
    private readonly ReferralServiceFactory factory = new();

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public async Task After_sign_out_a_copy_of_the_cookie_is_refused_by_the_api_and_the_pages()
    {
        var client = factory.CreateClientWithoutRedirects();
        var cookie = CookieOf(await client.SignInAsync(StaffSignIn.CambridgeCoach));
        var before = await StatusWithAsync(cookie, "/api/tasks");

        using var signOut = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = StaffSignIn.TokenOf(await client.GetStringAsync(new Uri("/staff/tasks", UriKind.Relative))),
        });
        using var signedOut = await client.PostAsync(new Uri("/account/sign-out", UriKind.Relative), signOut);

        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        before.Should().Be(HttpStatusCode.OK);
        (await StatusWithAsync(cookie, "/api/tasks")).Should().Be(HttpStatusCode.Unauthorized, "the session ended on the server");
        (await StatusWithAsync(cookie, "/staff/tasks")).Should().Be(HttpStatusCode.Redirect, "the page sends the browser to sign in again");
    }

    [Fact]
    public async Task The_cookie_holds_only_a_key_and_the_stored_session_names_nobody_in_the_clear()
    {
        var cookie = CookieOf(await factory.CreateClientWithoutRedirects().SignInAsync(StaffSignIn.CambridgeCoach));

        var rows = new List<TableEntity>();
        await foreach (var row in new TableClient(TestServers.StorageConnectionString, factory.TaskHub + "StaffSessions").QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        rows.Should().ContainSingle("one member of staff signed in once");
        var stored = string.Join("|", rows.Single().Select(p => p.Value is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : p.Value?.ToString()));
        stored.Should().NotContain(StaffSignIn.CambridgeCoach).And.NotContain(cookie.Split('=', 2)[1], "rows are found by a hash of the key");
        cookie.Length.Should().BeLessThan(400, "the cookie carries a protected key, not the member of staff's claims");
        (await StatusWithAsync(cookie, "/api/tasks")).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_session_row_deleted_elsewhere_ends_the_session_at_once()
    {
        var cookie = CookieOf(await factory.CreateClientWithoutRedirects().SignInAsync(StaffSignIn.CambridgeCoach));
        var table = new TableClient(TestServers.StorageConnectionString, factory.TaskHub + "StaffSessions");
        var before = await StatusWithAsync(cookie, "/api/tasks");

        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        before.Should().Be(HttpStatusCode.OK);
        (await StatusWithAsync(cookie, "/api/tasks")).Should().Be(HttpStatusCode.Unauthorized);
    }

    private static string CookieOf(HttpResponseMessage signedIn) =>
        signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("recovery-coach-staff=", StringComparison.Ordinal)).Split(';')[0];

    private async Task<HttpStatusCode> StatusWithAsync(string cookie, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var response = await factory.CreateClientWithoutRedirects().SendAsync(request);
        return response.StatusCode;
    }
}
