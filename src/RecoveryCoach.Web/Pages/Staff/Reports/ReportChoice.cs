using System.Globalization;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Reports;
using RecoveryCoach.Referrals.Staff;

namespace RecoveryCoach.Web.Pages.Staff.Reports;

/// <summary>
/// A report's team and period as the query string gives them
/// (<c>?team=cambridge&amp;period=quarter&amp;quarter=2026-Q3</c>, <c>?period=custom&amp;from=2025-12-01&amp;to=2026-11-30</c>),
/// read the same way by the page and by its CSV downloads. A value it does not take is named,
/// never echoed.
/// </summary>
public sealed record ReportChoice(string? Team, ReportPeriod Period)
{
    /// <summary>The whole service rather than one team.</summary>
    public const string AllTeams = "all";

    /// <summary>
    /// Reads the choice for <paramref name="member"/>: a team lead's own team unless they choose
    /// the whole service, an admin's whole service unless they choose a team, and this quarter
    /// unless a period is given.
    /// </summary>
    /// <param name="errors">Each field that could not be read, with what is wrong, in words.</param>
    public static ReportChoice? Read(IReadOnlyDictionary<string, string?> query, StaffMember member, DateOnly today, List<(string Field, string Message)> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(errors);
        string? Value(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        string? team = member.Role == StaffRole.Admin ? null : member.Team;
        switch (Value("team"))
        {
            case null:
                break;
            case AllTeams:
                team = null;
                break;
            case var code when RecoveryCoach.Referrals.Team.TryFind(code, out _) && (member.Role == StaffRole.Admin || code == member.Team):
                team = code;
                break;
            default:
                errors.Add(("team", "Choose your team or the whole service"));
                break;
        }

        ReportPeriod? period = null;
        switch (Value("period"))
        {
            case null:
                period = ReportPeriod.QuarterOf(today);
                break;
            case "month":
                period = ReportPeriod.TryParseMonth(Value("month"), out var month) ? month : Fail("month", "Enter the month as a year and month, like 2026-11");
                break;
            case "quarter":
                period = ReportPeriod.TryParseQuarter(Value("quarter"), out var quarter) ? quarter : Fail("quarter", "Choose a quarter, like 2026-Q3");
                break;
            case "custom":
                var from = Date("from", "start");
                var to = Date("to", "end");
                if (from is { } f && to is { } t)
                {
                    period = ReportPeriod.TryCustom(f, t, out var custom) ? custom
                        : t < f ? Fail("to", "The end date must be the same as or after the start date")
                        : Fail("to", string.Create(CultureInfo.InvariantCulture, $"A custom range can be up to {ReportPeriod.MaxDays - 1} days"));
                }

                break;
            default:
                errors.Add(("period", "Choose a month, a quarter or a custom range"));
                break;
        }

        return errors.Count == 0 && period is not null ? new ReportChoice(team, period) : null;

        ReportPeriod? Fail(string field, string message)
        {
            errors.Add((field, message));
            return null;
        }

        DateOnly? Date(string field, string end)
        {
            if (DateOnly.TryParseExact(Value(field), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year >= 2000)
            {
                return day;
            }

            errors.Add((field, $"Enter the {end} date of the range, like 2026-07-01"));
            return null;
        }
    }

    /// <summary>Whose figures, as a heading and the access log name them: "the whole service" or the team's name.</summary>
    public string Scope => Team is null ? "the whole service" : ReportTables.TeamName(Team);

    /// <summary>The query string that gives this choice back, for links and downloads.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Query()
    {
        yield return new("team", Team ?? AllTeams);
        switch (Period.Kind)
        {
            case ReportPeriodKind.Month:
                yield return new("period", "month");
                yield return new("month", Period.From.ToString("yyyy-MM", CultureInfo.InvariantCulture));
                break;
            case ReportPeriodKind.Quarter:
                yield return new("period", "quarter");
                yield return new("quarter", Period.QuarterName);
                break;
            default:
                yield return new("period", "custom");
                yield return new("from", Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                yield return new("to", Period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
        }
    }

    public string Link(string path) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, Query());
}
