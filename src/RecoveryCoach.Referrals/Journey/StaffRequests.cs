namespace RecoveryCoach.Referrals.Journey;

/// <summary>Staff record that the person was discharged from the trust.</summary>
/// <param name="By">Their work email address.</param>
/// <param name="DischargedOn">The date of discharge, <c>YYYY-MM-DD</c>.</param>
public sealed record DischargeRequest(string? By, string? DischargedOn);

/// <summary>Staff ask to close the referral now.</summary>
/// <param name="By">Their work email address.</param>
public sealed record EarlyClosureRequest(string? By);

/// <summary>The coach asks a team lead for more weeks.</summary>
/// <param name="By">Their work email address.</param>
/// <param name="Weeks">How many, within the weeks the journey rules still allow.</param>
public sealed record ExtensionRequest(string? By, int? Weeks);
