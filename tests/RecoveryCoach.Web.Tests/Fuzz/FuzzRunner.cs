using System.Diagnostics;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Fuzz;

/// <summary>
/// Sends a group's cases one after another over raw TCP to the real Kestrel, and collects every
/// case that broke a rule: any 5xx, any request left without an answer, and any refused case
/// after which the target's snapshot differs. A case the service accepts uses up its target
/// (the task is done, the referral closed), so the next case goes to a new one.
/// </summary>
public sealed class FuzzRunner(Uri server, Func<Task<FuzzTarget>> newTarget, Func<RawHttpResponse, bool> accepted)
{
    private readonly List<string> failures = [];

    public IReadOnlyList<string> Failures => failures;

    public int Sent { get; private set; }

    public int Accepted { get; private set; }

    public TimeSpan Took { get; private set; }

    /// <summary>The API's rule: 2xx is accepted, anything else refused.</summary>
    public static bool Success(RawHttpResponse response) => response is { Status: >= 200 and < 300 };

    /// <summary>The page forms' rule: a redirect is accepted; a page shown again with its errors, or a 4xx, is refused.</summary>
    public static bool Redirect(RawHttpResponse response) => response is { Status: >= 300 and < 400 };

    public async Task RunAsync(IEnumerable<FuzzCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var watch = Stopwatch.StartNew();
        var target = await newTarget();
        var before = await target.Snapshot();
        foreach (var fuzz in cases)
        {
            Sent++;
            RawHttpResponse response;
            try
            {
                response = await RawHttp.SendAsync(server, "POST", target.Path, Headers(fuzz, target), fuzz.Body);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException or System.Net.Sockets.SocketException)
            {
                failures.Add($"{fuzz.Name}: no answer ({ex.GetType().Name}: {ex.Message})");
                continue;
            }

            if (response.Status >= 500)
            {
                failures.Add($"{fuzz.Name}: {response.Status} {Shorten(response.Body)}");
            }
            else if (accepted(response))
            {
                Accepted++;
                target = await newTarget();
                before = await target.Snapshot();
            }
            else if (await target.Snapshot() is var after && after != before)
            {
                failures.Add($"{fuzz.Name}: {response.Status} {Shorten(response.Body)}; yet the service changed: before [{before}], after [{after}]");
                before = after;
            }
        }

        Took = watch.Elapsed;
    }

    private List<string> Headers(FuzzCase fuzz, FuzzTarget target)
    {
        var headers = fuzz.Headers.ToList();
        if (target.Cookie is not null)
        {
            headers.Add($"Cookie: {target.Cookie}");
            headers.Add($"Origin: {server.GetLeftPart(UriPartial.Authority)}");
        }

        return headers;
    }

    private static string Shorten(string body) => body.Length <= 200 ? body : body[..200];
}
