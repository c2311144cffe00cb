using System.Globalization;
using System.Text;

namespace RecoveryCoach.Web.Tests.Engine.Chaos;

/// <summary>What a chaos run found: the three figures that must be zero, and how it went.</summary>
public sealed record ChaosReport(
    ChaosPlan Plan,
    int Accepted,
    int Closed,
    IReadOnlyList<string> Lost,
    IReadOnlyList<string> Stuck,
    IReadOnlyList<string> DuplicateEmails,
    int Emails,
    IReadOnlyList<ChaosEvent> Events,
    TimeSpan Duration)
{
    /// <summary>The longest any referral accepted before a kill or an Azurite stop waited, after the restart, to be decided.</summary>
    public TimeSpan WorstRecovery => Events.Select(e => e.Recovery).DefaultIfEmpty(TimeSpan.Zero).Max();

    /// <summary>The longest any journey in flight at a break waited, after the part came back, to move on a step.</summary>
    public TimeSpan WorstStall => Events.Select(e => e.Stall).DefaultIfEmpty(TimeSpan.Zero).Max();

    public override string ToString()
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"""
            Chaos run (seed {Plan.Seed}): {Plan.Journeys} journeys, {Plan.Kills} worker kills, {Plan.AzuriteOutages} Azurite outages, SMTP down {Plan.SmtpDownFor.TotalSeconds:0} s, two workers competing.
            Accepted {Accepted}, closed {Closed}; lost {Lost.Count}, duplicate emails {DuplicateEmails.Count} (of {Emails}), stuck {Stuck.Count}.
            Worst recovery: {WorstRecovery.TotalSeconds:0.0} s from a part coming back until every referral accepted before the break was decided; the longest a journey in flight then waited to move on a step: {WorstStall.TotalSeconds:0.0} s. Whole run {Duration.TotalSeconds:0} s.

            """));
        foreach (var e in Events)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {e.At.TotalSeconds,6:0.0} s  {e.What}; back after {(e.BackAt - e.At).TotalSeconds:0.0} s; {e.Waiting} referrals undecided then, all decided {e.Recovery.TotalSeconds:0.0} s after; {e.InFlight} journeys in flight, the slowest moved on {e.Stall.TotalSeconds:0.0} s after");
        }

        foreach (var line in Lost.Select(l => "  lost: " + l).Concat(Stuck.Select(s => "  stuck: " + s)).Concat(DuplicateEmails.Select(d => "  duplicate: " + d)))
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }
}

/// <summary>One break: when it happened, when the broken part was back, and how long the referrals waiting at that moment took to be decided after it.</summary>
public sealed record ChaosEvent(string What, TimeSpan At, TimeSpan BackAt, int Waiting, TimeSpan Recovery, int InFlight, TimeSpan Stall);
