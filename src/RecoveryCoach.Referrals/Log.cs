using Microsoft.Extensions.Logging;

namespace RecoveryCoach.Referrals;

/// <summary>
/// Every log line the referral domain writes, with stable event ids. Lines name referrals by id
/// and reference only: never a name, contact detail or clinical text.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Referral {ReferralId} ({Reference}) accepted as {Status}")]
    public static partial void ReferralAccepted(this ILogger logger, string referralId, string reference, ReferralStatus status);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Referral {ReferralId} returned again for a repeated idempotency key")]
    public static partial void ReferralReplayed(this ILogger logger, string referralId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Referral refused: {ErrorCount} fields invalid")]
    public static partial void ReferralInvalid(this ILogger logger, int errorCount);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Idempotency key reused for a different referral; first used for {ReferralId}")]
    public static partial void IdempotencyKeyReused(this ILogger logger, string referralId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Reference {Reference} was taken; drawing another")]
    public static partial void ReferenceCollision(this ILogger logger, string reference);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Referral {ReferralId} decided as {Status} by rules {RulesetVersion}")]
    public static partial void ReferralDecided(this ILogger logger, string referralId, ReferralStatus status, string rulesetVersion);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Referral {ReferralId} had no journey; starting it now")]
    public static partial void JourneyRestarted(this ILogger logger, string referralId);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Referral {ReferralId}: its journey is not running, so {Signal} was not passed on")]
    public static partial void JourneyNotRunning(this ILogger logger, string referralId, RecoveryCoach.Referrals.Journey.JourneySignalKind signal);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Referral {ReferralId}: email {NotificationKey} sent")]
    public static partial void NotificationSent(this ILogger logger, string referralId, string notificationKey);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Referral {ReferralId}: email {NotificationKey} failed: {Failure}")]
    public static partial void NotificationFailed(this ILogger logger, string referralId, string notificationKey, string failure);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Referral {ReferralId}: the outcome of its emails could not be recorded")]
    public static partial void NotificationNotRecorded(this ILogger logger, Exception exception, string referralId);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "Referral {ReferralId}: email {NotificationKey} withheld, its address has had {PerDay} referral emails today")]
    public static partial void NotificationWithheld(this ILogger logger, string referralId, string notificationKey, int perDay);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Warning, Message = "Referral {ReferralId}: email {NotificationKey} was sent but storage is down; recording it again (try {Attempt})")]
    public static partial void NotificationRecordRetried(this ILogger logger, string referralId, string notificationKey, int attempt);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Rules version {Version} loaded from {Folder}")]
    public static partial void RulesetLoaded(this ILogger logger, string version, string folder);

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Rules version {Version} now in force, replacing {Previous}")]
    public static partial void RulesetReloaded(this ILogger logger, string version, string previous);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Error, Message = "Rule files changed to version {Attempted} have {ErrorCount} errors; rules version {Version} stays in force")]
    public static partial void RulesetReloadRejected(this ILogger logger, string attempted, int errorCount, string version);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "Rule file error: {Error}")]
    public static partial void RulesetError(this ILogger logger, string error);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Rules version {Version} stored on its first decision")]
    public static partial void RulesetVersionStored(this ILogger logger, string version);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "Watching the rules folder {Folder} failed; reading it again now")]
    public static partial void RulesWatchFailed(this ILogger logger, Exception exception, string folder);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Information, Message = "The rule files match version {Version}, already in force; the last reload error is cleared")]
    public static partial void RulesetBackInForce(this ILogger logger, string version);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Warning, Message = "The rules folder {Folder} cannot be watched; its files are read every {Seconds} seconds instead")]
    public static partial void RulesPolled(this ILogger logger, Exception exception, string folder, double seconds);

    [LoggerMessage(EventId = 1307, Level = LogLevel.Warning, Message = "Rules version {Version} is in force with a value probably not meant: {Warning}")]
    public static partial void RulesetWarning(this ILogger logger, string version, string warning);

    [LoggerMessage(EventId = 1308, Level = LogLevel.Warning, Message = "Reporting the rules this host holds failed; it is tried again in 30 seconds")]
    public static partial void RulesHostReportFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Storage account {TableServiceUri} used through {Form}")]
    public static partial void StorageConnected(this ILogger logger, Uri tableServiceUri, string form);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Counting journeys by status failed ({ErrorType}); the gauge keeps the last count until the next try")]
    public static partial void JourneyCensusFailed(this ILogger logger, string errorType);

    [LoggerMessage(EventId = 1500, Level = LogLevel.Warning, Message = "The caseload line of referral {ReferralId} could not be brought in step; its next change, or a rebuild of the caseload index, will")]
    public static partial void CaseloadBehind(this ILogger logger, string referralId, Exception exception);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "The report facts of referral {ReferralId} could not be brought in step; its next change, or a rebuild, will")]
    public static partial void ReportFactsBehind(this ILogger logger, string referralId, Exception exception);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "A month's report summary could not be kept; the next report reads that month's facts again")]
    public static partial void ReportSummaryNotKept(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Referral {Reference} was past its retention date and is deleted; its tombstone is kept")]
    public static partial void ReferralPurged(this ILogger logger, string reference);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Referral {Reference} is past its retention date but under a legal hold; it is kept")]
    public static partial void PurgeHeld(this ILogger logger, string reference);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "Referral {Reference} is past its retention date but its journey is {RuntimeStatus}, not finished; it is kept until it is")]
    public static partial void PurgeJourneyNotFinished(this ILogger logger, string reference, Microsoft.DurableTask.Client.OrchestrationRuntimeStatus runtimeStatus);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Warning, Message = "A purge failed part-way; the next run finishes it")]
    public static partial void PurgeFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1604, Level = LogLevel.Information, Message = "A purge an earlier run left unfinished, after the referral row had gone, is finished")]
    public static partial void UnfinishedPurgeFinished(this ILogger logger);
}
