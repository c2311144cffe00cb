using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RecoveryCoach.Referrals.Rules.Live;

/// <summary>
/// The rules that decide new referrals. It starts with the files in the rules folder, and refuses
/// to start with broken ones. When the files change it checks them as a whole and puts them in
/// force only if every file is valid, swapping the whole ruleset at once: a bad edit never
/// half-applies and never stops the service, it keeps the last good rules in force and shows the
/// errors instead. A decision takes <see cref="Current"/> once and decides with it throughout.
/// </summary>
public sealed class RulesInForce
{
    private readonly Lock reloading = new();
    private readonly TimeProvider time;
    private readonly ILogger<RulesInForce> logger;
    private volatile RulesInForceState state;

    /// <exception cref="RulesetException">The rule files in the folder have errors.</exception>
    public RulesInForce(IOptions<RulesOptions> options, TimeProvider time, ILogger<RulesInForce> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var path = options.Value.Path;
        Folder = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path));
        this.time = time;
        this.logger = logger;
        var ruleset = Ruleset.Load(Folder);
        logger.RulesetLoaded(ruleset.Version, Folder);
        Warn(ruleset);
        state = new RulesInForceState(ruleset, time.GetUtcNow(), null);
    }

    /// <summary>The folder the rule files are read from, as a full path.</summary>
    public string Folder { get; }

    /// <summary>The ruleset deciding new referrals now.</summary>
    public Ruleset Current => state.Ruleset;

    /// <summary>The ruleset in force, since when, and the last refused change.</summary>
    public RulesInForceState State => state;

    /// <summary>
    /// Reads the rule files again and, when their content changed, puts them in force if they are
    /// valid as a whole. Files that hash to the version in force, or to one already refused,
    /// change nothing, so repeated change events for one save cost a read and a hash.
    /// </summary>
    public RulesReloadOutcome Reload()
    {
        lock (reloading)
        {
            var current = state;
            RuleFiles files;
            try
            {
                files = RuleFiles.Read(Folder);
            }
            catch (IOException ex)
            {
                return Refuse(current, "unreadable", [$"{Folder}: the rule files could not be read: {ex.Message}"]);
            }
            catch (UnauthorizedAccessException ex)
            {
                return Refuse(current, "unreadable", [$"{Folder}: the rule files could not be read: {ex.Message}"]);
            }

            if (files.Version == current.Ruleset.Version)
            {
                if (current.ReloadError is not null)
                {
                    state = current with { ReloadError = null };
                    logger.RulesetBackInForce(files.Version);
                }

                return RulesReloadOutcome.Unchanged;
            }

            if (current.ReloadError?.AttemptedVersion == files.Version)
            {
                return RulesReloadOutcome.Unchanged;
            }

            Ruleset next;
            try
            {
                next = Ruleset.Load(files);
            }
            catch (RulesetException ex)
            {
                return Refuse(current, files.Version, ex.Errors);
            }

            state = new RulesInForceState(next, time.GetUtcNow(), null);
            logger.RulesetReloaded(next.Version, current.Ruleset.Version);
            Warn(next);
            return RulesReloadOutcome.Reloaded;
        }
    }

    /// <summary>A live edit never passes through <c>rules validate</c>, so its warnings go to the log.</summary>
    private void Warn(Ruleset ruleset)
    {
        foreach (var warning in ruleset.Warnings)
        {
            logger.RulesetWarning(ruleset.Version, warning);
        }
    }

    private RulesReloadOutcome Refuse(RulesInForceState current, string attempted, IReadOnlyList<string> errors)
    {
        state = current with { ReloadError = new RulesetReloadError(attempted, time.GetUtcNow(), errors) };
        logger.RulesetReloadRejected(attempted, errors.Count, current.Ruleset.Version);
        foreach (var error in errors)
        {
            logger.RulesetError(error);
        }

        return RulesReloadOutcome.Rejected;
    }
}
