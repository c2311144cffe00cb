using System.Text;
using System.Text.Json.Nodes;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Hosting;

/// <summary>
/// A body whose chunked framing is broken is the client's fault: 400 with problem details, and
/// nothing stored or done. Sent over raw TCP to a real Kestrel, which is what parses the chunks.
/// </summary>
public sealed class BadChunkingTests(BrowserServiceFactory factory) : IClassFixture<BrowserServiceFactory>
{
    private static readonly string Referral = SampleReferrals.Valid().ToJsonString();

    /// <summary>Each way of breaking the framing, around <paramref name="json"/> as the chunk's data.</summary>
    public static string Framed(string broken, string json) => broken switch
    {
        "a chunk size that is not hex" => $"zz\r\n{json}\r\n0\r\n\r\n",
        "a chunk without its closing CRLF" => $"{Encoding.UTF8.GetByteCount(json):x}\r\n{json}0\r\n\r\n",
        "a chunk size that overflows" => $"100000000000000000000\r\n{json}\r\n0\r\n\r\n",
        _ => throw new ArgumentOutOfRangeException(nameof(broken), broken, "No such framing."),
    };

    public static TheoryData<string> BrokenFraming =>
        ["a chunk size that is not hex", "a chunk without its closing CRLF", "a chunk size that overflows"];

    [Theory]
    [MemberData(nameof(BrokenFraming))]
    public async Task A_referral_with_broken_chunking_is_400_and_nothing_is_stored(string broken)
    {
        var stored = await factory.Storage.CountReferralsAsync();

        var response = await RawHttp.PostChunkedAsync(factory.Address, "/api/referrals", Framed(broken, Referral));

        response.Status.Should().Be(400, response.Body);
        response.Headers["content-type"].Should().StartWith("application/problem+json");
        JsonNode.Parse(response.Body)!["status"]!.GetValue<int>().Should().Be(400);
        (await factory.Storage.CountReferralsAsync()).Should().Be(stored, "nothing is stored");
    }

    [Theory]
    [MemberData(nameof(BrokenFraming))]
    public async Task A_task_completion_with_broken_chunking_is_400_and_the_task_stays_open(string broken)
    {
        await using var journey = await JourneyDriver.StartAsync(factory: factory);
        var task = await journey.TaskOfStageAsync("initial-conversation");
        var form = new JsonObject { ["outcome"] = Forms.CoachingIsRight(journey.Now) }.ToJsonString();

        var response = await RawHttp.PostChunkedAsync(factory.Address, $"/api/tasks/{task}/complete", Framed(broken, form), await factory.CookieAsync(StaffSignIn.CambridgeCoach));

        response.Status.Should().Be(400, response.Body);
        response.Headers["content-type"].Should().StartWith("application/problem+json");
        (await journey.TasksAsync("open")).Should().ContainSingle(t => t["id"]!.GetValue<string>() == task, "the task is not done");
    }

    [Fact]
    public async Task Well_formed_chunking_is_read_as_usual()
    {
        var response = await RawHttp.PostChunkedAsync(factory.Address, "/api/referrals", $"{Encoding.UTF8.GetByteCount(Referral):x}\r\n{Referral}\r\n0\r\n\r\n");

        response.Status.Should().Be(202, response.Body);
    }
}
