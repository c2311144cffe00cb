using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using RecoveryCoach.Benchmarks.Reporting;
using RecoveryCoach.Benchmarks.Service;

namespace RecoveryCoach.Benchmarks.Workloads;

/// <summary>
/// One member of staff working through their team's list in a browser of their own (its own
/// cookies and connections): the team's worklist, a referral and its task picked from the
/// list's links, and the caseload list every fifth round, each page asked for as soon as the last
/// one was answered. With no pause for reading, a few sessions stand for many people who do pause.
/// </summary>
/// <remarks>
/// The worklist is the team view (<c>?view=team</c>): "My tasks", the page's default, lists only
/// tasks someone has taken on, and nobody has taken any on here, so it would link to nothing.
/// </remarks>
public sealed partial class StaffSession : IDisposable
{
    public const string Worklist = "worklist GET /staff/tasks?view=team";
    public const string ReferralPage = "referral GET /staff/referrals/{id}";
    public const string TaskPage = "task GET /staff/tasks/{id}";
    public const string Dashboard = "caseload GET /staff/caseload";

    private const int DashboardEvery = 5;

    private readonly ServiceApi api;
    private readonly Random random;
    private readonly int offset;

    private StaffSession(ServiceApi api, int number)
    {
        this.api = api;
        // The same picks on every run, and a different dashboard round for each session.
        random = new Random(number);
        offset = number % DashboardEvery;
    }

    /// <summary>Rounds finished within the run.</summary>
    public int Rounds { get; private set; }

    /// <summary>Worklists that answered but linked to no task, so the round stopped there.</summary>
    public int EmptyWorklists { get; private set; }

    /// <summary>Signs <paramref name="email"/> in through the Development sign-in page, as session <paramref name="number"/>.</summary>
    public static async Task<StaffSession> SignInAsync(Uri baseAddress, string email, int number, CancellationToken cancellationToken)
    {
        var api = new ServiceApi(baseAddress);
        try
        {
            await api.SignInAsync(email, cancellationToken).ConfigureAwait(false);
            return new StaffSession(api, number);
        }
        catch
        {
            api.Dispose();
            throw;
        }
    }

    /// <summary>Goes round until <paramref name="runFor"/> has passed; a round under way when it ends is finished.</summary>
    public async Task RunAsync(PageTimings timings, TimeSpan runFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timings);
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < runFor)
        {
            await RoundAsync(timings, cancellationToken).ConfigureAwait(false);
            Rounds++;
        }
    }

    /// <summary>One round: the worklist, then a referral and its task from it, and the dashboard on every fifth.</summary>
    public async Task RoundAsync(PageTimings timings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timings);
        var list = await PageAsync(timings, Worklist, "/staff/tasks?view=team", cancellationToken).ConfigureAwait(false);
        if (list is not null)
        {
            var rows = WorklistRow().Matches(list);
            if (rows.Count == 0)
            {
                EmptyWorklists++;
            }
            else
            {
                var row = rows[random.Next(rows.Count)];
                await PageAsync(timings, ReferralPage, $"/staff/referrals/{row.Groups["referral"].Value}", cancellationToken).ConfigureAwait(false);
                await PageAsync(timings, TaskPage, $"/staff/tasks/{row.Groups["task"].Value}", cancellationToken).ConfigureAwait(false);
            }
        }

        if ((Rounds + offset) % DashboardEvery == 0)
        {
            await PageAsync(timings, Dashboard, "/staff/caseload", cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => api.Dispose();

    /// <summary>Any answer but 200 is an error: a redirect here means the session was sent to sign in again.</summary>
    private Task<string?> PageAsync(PageTimings timings, string page, string path, CancellationToken cancellationToken) =>
        timings.MeasureAsync(page, Stopwatch.GetTimestamp(), async ct =>
        {
            var (status, body) = await api.GetPageAsync(path, ct).ConfigureAwait(false);
            return status == HttpStatusCode.OK ? (body, null) : (null, $"HTTP {(int)status}");
        }, cancellationToken);

    /// <summary>A worklist row: its referral's link, then its task's.</summary>
    [GeneratedRegex("href=\"/staff/referrals/(?<referral>[^\"/?]+)\".*?href=\"/staff/tasks/(?<task>[^\"/?]+)\"", RegexOptions.Singleline)]
    private static partial Regex WorklistRow();
}
