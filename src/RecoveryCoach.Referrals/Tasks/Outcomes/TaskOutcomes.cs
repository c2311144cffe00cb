namespace RecoveryCoach.Referrals.Tasks.Outcomes;

/// <summary>A team lead's choice of team for a referral no rule placed.</summary>
public sealed record TriageOutcome(string? Team);

/// <summary>One try to reach the person.</summary>
/// <param name="At">When it was made.</param>
/// <param name="Method">phone, email, letter or visit.</param>
/// <param name="Reached">Whether the person was reached.</param>
public sealed record ContactAttempt(DateTimeOffset? At, string? Method, bool? Reached);

/// <summary>The initial conversation: whether coaching is right for the person, decided together.</summary>
/// <param name="Outcome"><c>coaching-is-right</c>, <c>not-right-now</c> or <c>not-reached</c>.</param>
/// <param name="Attempts">Every try to reach the person.</param>
/// <param name="Signposting">Where else the person was pointed, when coaching is not right now.</param>
public sealed record InitialConversationOutcome(string? Outcome, IReadOnlyList<ContactAttempt>? Attempts, string? Signposting);

/// <summary>The coaching agreement.</summary>
/// <param name="Goals">One to six goals.</param>
/// <param name="Baseline">ONS4 at the start.</param>
/// <param name="PlannedWeeks">Within the journey rules' minimum and maximum; their default when left out.</param>
/// <param name="CadenceDays">Days between check-ins, 1 to 28; the journey rules' cadence when left out.</param>
/// <param name="PeerSupportWorker">Who gives peer support.</param>
/// <param name="PersonAgreed">The person agreed to the agreement.</param>
public sealed record AgreementOutcome(IReadOnlyList<Goal>? Goals, Wellbeing? Baseline, int? PlannedWeeks, int? CadenceDays, string? PeerSupportWorker, bool? PersonAgreed);

/// <summary>Progress on one goal against what was expected, from −2 (much less) to +2 (much more).</summary>
public sealed record GoalProgress(int? Goal, int? Rating);

/// <summary>A check-in.</summary>
/// <param name="SessionHeld">Whether a session took place.</param>
/// <param name="Progress">A rating for each goal.</param>
/// <param name="Notes">Optional notes; clinical text, never emailed or logged.</param>
/// <param name="RiskConcern">A concern about risk, which tells the team lead and care coordinator at once.</param>
public sealed record CheckInOutcome(bool? SessionHeld, IReadOnlyList<GoalProgress>? Progress, string? Notes, bool? RiskConcern);

/// <summary>A team lead's answer to a request for more weeks.</summary>
public sealed record ExtensionOutcome(bool? Approved, int? Weeks);

/// <summary>Closure: the outcomes the service reports, recorded once.</summary>
/// <param name="GoalOutcomes">A final rating for each goal.</param>
/// <param name="ConnectedWith">Organisations and activities the person was connected with.</param>
/// <param name="Wellbeing">ONS4 at the end.</param>
/// <param name="Reason"><c>completed</c>, <c>ended-early</c>, <c>disengaged</c> or <c>moved-away</c>.</param>
public sealed record ClosureOutcome(IReadOnlyList<GoalProgress>? GoalOutcomes, IReadOnlyList<string>? ConnectedWith, Wellbeing? Wellbeing, string? Reason);
