using System.Globalization;

namespace RecoveryCoach.Web.Tests.Engine.Chaos;

/// <summary>
/// What a chaos run does: how many journeys it carries to closure, and what it breaks meanwhile.
/// <c>./test.sh</c> runs <see cref="Quick"/>; <c>./chaos.sh</c> sets the <c>CHAOS_*</c>
/// variables for the full run (<see cref="FromEnvironment"/>).
/// </summary>
public sealed record ChaosPlan
{
    /// <summary>Referrals submitted and carried through to closure.</summary>
    public int Journeys { get; init; } = 30;

    /// <summary>Workers killed with SIGKILL, each at a random moment, and started again.</summary>
    public int Kills { get; init; } = 3;

    /// <summary>Times Azurite is made unreachable and brought back.</summary>
    public int AzuriteOutages { get; init; } = 1;

    /// <summary>How long Azurite stays down each time.</summary>
    public TimeSpan AzuriteDownFor { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the SMTP server is unreachable, once.</summary>
    public TimeSpan SmtpDownFor { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a referral is submitted.</summary>
    public TimeSpan SubmitEvery { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Journeys driven at most at once; a referral due beyond them waits its turn to be submitted.</summary>
    public int InFlight { get; init; } = 15;

    /// <summary>The seed of the moments chosen, printed so a run can be repeated.</summary>
    public int Seed { get; init; } = Environment.TickCount;

    /// <summary>How long each journey may take from submission to closure before it counts as stuck.</summary>
    public TimeSpan JourneyPatience { get; init; } = TimeSpan.FromMinutes(10);

    public static ChaosPlan Quick => new();

    /// <summary>The short plan, with each value the <c>CHAOS_*</c> variables set.</summary>
    public static ChaosPlan FromEnvironment()
    {
        var plan = Quick;
        return plan with
        {
            Journeys = Number("CHAOS_JOURNEYS") ?? plan.Journeys,
            Kills = Number("CHAOS_KILLS") ?? plan.Kills,
            AzuriteOutages = Number("CHAOS_AZURITE_OUTAGES") ?? plan.AzuriteOutages,
            SmtpDownFor = Number("CHAOS_SMTP_DOWN_SECONDS") is { } smtp ? TimeSpan.FromSeconds(smtp) : plan.SmtpDownFor,
            InFlight = Number("CHAOS_IN_FLIGHT") ?? plan.InFlight,
            SubmitEvery = Number("CHAOS_SUBMIT_EVERY_MS") is { } every ? TimeSpan.FromMilliseconds(every) : plan.SubmitEvery,
            Seed = Number("CHAOS_SEED") ?? plan.Seed,
        };
    }

    private static int? Number(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
