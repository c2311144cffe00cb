namespace RecoveryCoach.Referrals;

/// <summary>The outcome of something a member of staff asked of a task or a referral's journey.</summary>
public abstract record StaffActionResult
{
    /// <summary>Nothing has that id.</summary>
    public sealed record NotFound(string Detail) : StaffActionResult;

    /// <summary>The request is not well formed; nothing changed.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : StaffActionResult;

    /// <summary>The member of staff may see this but not do this to it, such as a coach answering triage.</summary>
    public sealed record Forbidden(string Detail) : StaffActionResult;

    /// <summary>The request is well formed but cannot be done now, for example on a closed referral; nothing changed.</summary>
    public sealed record Conflict(string Detail) : StaffActionResult;

    /// <summary>Done, or passed to the journey, which acts on it in a moment.</summary>
    public sealed record Accepted(object? Value) : StaffActionResult;

    internal static StaffActionResult From(FieldErrors errors) => new Invalid(errors.ToDictionary());
}
