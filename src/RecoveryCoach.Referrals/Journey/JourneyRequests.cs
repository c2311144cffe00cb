using System.Globalization;
using Microsoft.DurableTask.Client;
using RecoveryCoach.Referrals.Staff;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Referrals.Journey;

/// <summary>
/// What staff can ask of a referral's journey at any point: record a discharge from the trust,
/// close early, ask for more weeks. Each is checked against where the referral stands and then
/// passed to the journey as a <see cref="JourneySignal"/>; the journey acts on it in a moment.
/// Until it has, another request of the same kind is refused (<see cref="PendingRequestStore"/>),
/// and it is checked against the referral as read once the request holds it, so of two at once
/// one is accepted and the other told why not.
/// </summary>
public sealed class JourneyRequests(ReferralStore referrals, TaskStore tasks, PendingRequestStore pending, DurableTaskClient journeys, TimeProvider time)
{
    public async Task<StaffActionResult> DischargeAsync(string referralId, DischargeRequest request, StaffMember actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await VisibleAsync(referralId, actor, cancellationToken).ConfigureAwait(false) is not { } referral)
        {
            return NoReferral();
        }

        var errors = new FieldErrors();
        DateOnly? on = null;
        if (!DateOnly.TryParseExact(request.DischargedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add("dischargedOn", "Enter the date of discharge as YYYY-MM-DD");
        }
        else if (date > UkDate.Of(time.GetUtcNow()))
        {
            errors.Add("dischargedOn", "The date of discharge cannot be in the future");
        }
        else if (date < UkDate.Of(referral.SubmittedAt))
        {
            errors.Add("dischargedOn", "The date of discharge cannot be before the referral");
        }
        else
        {
            on = date;
        }

        if (errors.Any)
        {
            return StaffActionResult.From(errors);
        }

        return await HeldAsync(referral.Id, JourneyRequestKind.Discharge, "A discharge was recorded a moment ago and is on its way to the journey.", async referral =>
        {
            if (Finished(referral) is { } finished)
            {
                return finished;
            }

            if (referral.DischargedOn is { } recorded)
            {
                return new StaffActionResult.Conflict(string.Create(CultureInfo.InvariantCulture, $"The discharge on {recorded:yyyy-MM-dd} is already recorded."));
            }

            return await SignalAsync(referral, new JourneySignal(JourneySignalKind.Discharged, actor.Email, Date: on), cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StaffActionResult> CloseEarlyAsync(string referralId, StaffMember actor, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(referralId, actor, cancellationToken).ConfigureAwait(false) is not { } referral)
        {
            return NoReferral();
        }

        return await HeldAsync(referral.Id, JourneyRequestKind.EarlyClosure, $"Referral {referral.Reference}'s early closure was asked for a moment ago and is on its way to the journey.", async referral =>
        {
            if ((Finished(referral) ?? Closing(referral, await OpenTaskTypesAsync(referral.Id, cancellationToken).ConfigureAwait(false))) is { } conflict)
            {
                return conflict;
            }

            if (await NotRunningAsync(referral, cancellationToken).ConfigureAwait(false) is { } notRunning)
            {
                return notRunning;
            }

            var now = time.GetUtcNow();
            AuditEntry line = new(now, actor.Email, "early-closure-requested", "Early closure requested.");
            await referrals.ApplyAsync(referral.Id, $"early-closure-{now.UtcTicks.ToString(CultureInfo.InvariantCulture)}", now, current => (current.Referral, [line]), cancellationToken).ConfigureAwait(false);
            return await SignalAsync(referral, new JourneySignal(JourneySignalKind.EarlyClosureRequested, actor.Email), cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StaffActionResult> RequestExtensionAsync(string referralId, ExtensionRequest request, StaffMember actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await VisibleAsync(referralId, actor, cancellationToken).ConfigureAwait(false) is not { } referral)
        {
            return NoReferral();
        }

        var errors = new FieldErrors();
        var left = (referral.Journey?.MaxExtensionWeeks ?? 0) - (referral.Plan?.ExtensionWeeks ?? 0);
        if (request.Weeks is not { } weeks || weeks < 1 || weeks > Math.Max(left, 1))
        {
            errors.Add("weeks", left <= 1 ? "Ask for 1 week" : $"Ask for 1 to {left} weeks");
        }

        if (errors.Any)
        {
            return StaffActionResult.From(errors);
        }

        return await HeldAsync(referral.Id, JourneyRequestKind.Extension, "A request for more weeks was made a moment ago and is on its way to the team lead.", async referral =>
        {
            if (Finished(referral) is { } finished)
            {
                return finished;
            }

            var open = await OpenTaskTypesAsync(referral.Id, cancellationToken).ConfigureAwait(false);
            if (Closing(referral, open) is { } closing)
            {
                return closing;
            }

            if (referral.Status != ReferralStatus.Coaching)
            {
                return new StaffActionResult.Conflict("More weeks can be asked for only once the coaching agreement is in place.");
            }

            if ((referral.Journey?.MaxExtensionWeeks ?? 0) - (referral.Plan?.ExtensionWeeks ?? 0) < 1)
            {
                return new StaffActionResult.Conflict(string.Create(CultureInfo.InvariantCulture, $"The plan already has the most weeks the rules allow ({referral.Journey!.MaxExtensionWeeks} added)."));
            }

            if (open.Contains(CoachTaskType.ExtensionApproval))
            {
                return new StaffActionResult.Conflict("A request for more weeks is already waiting for a team lead.");
            }

            return await SignalAsync(referral, new JourneySignal(JourneySignalKind.ExtensionRequested, actor.Email, Weeks: request.Weeks), cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="act"/> on the referral as read once this request holds its kind, or
    /// refuses with <paramref name="duplicate"/> while another holds it. A request refused or
    /// failed lets go at once; one accepted is let go by the journey's step that acts on it.
    /// </summary>
    private async Task<StaffActionResult> HeldAsync(string referralId, JourneyRequestKind kind, string duplicate, Func<Referral, Task<StaffActionResult>> act, CancellationToken cancellationToken)
    {
        if (!await pending.TryHoldAsync(referralId, kind, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return new StaffActionResult.Conflict(duplicate);
        }

        StaffActionResult? result = null;
        try
        {
            var referral = (await referrals.GetAsync(referralId, cancellationToken).ConfigureAwait(false))?.Referral
                ?? throw new InvalidOperationException($"Referral {referralId} disappeared while a request for it was made.");
            result = await act(referral).ConfigureAwait(false);
            return result;
        }
        finally
        {
            if (result is not StaffActionResult.Accepted)
            {
                await pending.ReleaseAsync(referralId, kind, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The referral, when <paramref name="actor"/> may see it: it is their team's, or triage's for a team lead.</summary>
    private async Task<Referral?> VisibleAsync(string referralId, StaffMember actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var referral = (await referrals.GetAsync(referralId, cancellationToken).ConfigureAwait(false))?.Referral;
        return referral is not null && actor.CanSee(referral) ? referral : null;
    }

    private static StaffActionResult.Conflict? Finished(Referral referral) =>
        referral.IsFinished ? new($"Referral {referral.Reference} is {referral.Status.ToString().ToLowerInvariant()}.") : null;

    private static StaffActionResult.Conflict? Closing(Referral referral, IReadOnlySet<CoachTaskType> open) =>
        open.Contains(CoachTaskType.Closure) ? new($"Referral {referral.Reference} is already closing.") : null;

    /// <summary>The kinds of task the referral has open, read once per request.</summary>
    private async Task<IReadOnlySet<CoachTaskType>> OpenTaskTypesAsync(string referralId, CancellationToken cancellationToken) =>
        (await tasks.ForReferralAsync(referralId, cancellationToken).ConfigureAwait(false))
            .Where(t => t.Task.Status == CoachTaskStatus.Open)
            .Select(t => t.Task.Type)
            .ToHashSet();

    /// <summary>
    /// Passes the signal on to a running journey. The engine accepts events for instances that
    /// are unknown or finished and drops them, so the journey is looked up first.
    /// </summary>
    private async Task<StaffActionResult> SignalAsync(Referral referral, JourneySignal signal, CancellationToken cancellationToken)
    {
        if (await NotRunningAsync(referral, cancellationToken).ConfigureAwait(false) is { } notRunning)
        {
            return notRunning;
        }

        await journeys.RaiseEventAsync(referral.Id, JourneySignal.EventName, signal, cancellationToken).ConfigureAwait(false);
        return new StaffActionResult.Accepted(null);
    }

    private async Task<StaffActionResult.Conflict?> NotRunningAsync(Referral referral, CancellationToken cancellationToken) =>
        await journeys.GetInstanceAsync(referral.Id, cancellationToken).ConfigureAwait(false) is { IsCompleted: false }
            ? null
            : new StaffActionResult.Conflict($"The journey of referral {referral.Reference} is not running.");

    private static StaffActionResult.NotFound NoReferral() => new("There is no referral with that id.");
}
