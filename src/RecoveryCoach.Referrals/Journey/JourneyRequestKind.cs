namespace RecoveryCoach.Referrals.Journey;

/// <summary>The requests staff send a running journey, one of each kind at a time per referral.</summary>
public enum JourneyRequestKind
{
    Discharge,
    EarlyClosure,
    Extension,
}
