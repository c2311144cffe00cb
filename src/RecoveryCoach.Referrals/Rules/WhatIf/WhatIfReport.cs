namespace RecoveryCoach.Referrals.Rules.WhatIf;

/// <summary>
/// What a set of rules would have decided differently for the referrals of a period. It names
/// referrals by reference and outcomes by rule only: no names, no reasons, nothing personal.
/// </summary>
/// <param name="Version">The version of the rules tried.</param>
/// <param name="Since">The start of the period: referrals submitted at or after it.</param>
/// <param name="Considered">How many decided referrals were decided again.</param>
/// <param name="Undecided">Referrals of the period not yet decided, left out: the rules in force will decide them.</param>
/// <param name="Changes">Each referral whose decision would change, oldest first.</param>
public sealed record WhatIfReport(string Version, DateTimeOffset Since, int Considered, int Undecided, IReadOnlyList<WhatIfChange> Changes);

/// <param name="Reference">The referral's reference, such as <c>RC-7K3M9Q</c>.</param>
/// <param name="DecidedBy">The rules version that made the stored decision.</param>
/// <param name="Before">The stored decision, in words.</param>
/// <param name="After">The decision the tried rules would make, in words.</param>
/// <param name="Rules">The rules whose outcome differs, as <c>file:rule</c>.</param>
public sealed record WhatIfChange(string Reference, DateTimeOffset SubmittedAt, string DecidedBy, string Before, string After, IReadOnlyList<string> Rules);
