using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RecoveryCoach.Referrals.Rules.Live;

/// <summary>
/// Watches the rules folder and reloads the rules once the files have been quiet for a moment.
/// Saving a file raises several events, and a policy owner may save the three files one after
/// another; waiting for a quiet spell means the rules are read once, whole. The wait runs on the
/// real clock, never the service's, because it is about files on disk, not about referrals.
/// Where the folder cannot be watched, the files are read every two seconds instead.
/// </summary>
public sealed class RulesetWatcher(RulesInForce rules, IOptions<RulesOptions> options, ILogger<RulesetWatcher> logger) : BackgroundService
{
    /// <summary>How often the files are read when the folder cannot be watched; reading and hashing three files is cheap.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var quietFor = TimeSpan.FromMilliseconds(options.Value.ReloadDelayMilliseconds);
        var changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var watcher = new FileSystemWatcher(rules.Folder, "*.json")
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            IncludeSubdirectories = false,
        };
        watcher.Changed += (_, _) => changes.Writer.TryWrite(true);
        watcher.Created += (_, _) => changes.Writer.TryWrite(true);
        watcher.Deleted += (_, _) => changes.Writer.TryWrite(true);
        watcher.Renamed += (_, _) => changes.Writer.TryWrite(true);
        watcher.Error += (_, e) =>
        {
            // Events were lost (the buffer overflowed); a full read finds whatever they were.
            logger.RulesWatchFailed(e.GetException(), rules.Folder);
            changes.Writer.TryWrite(true);
        };
        PeriodicTimer? poll = null;
        try
        {
            watcher.EnableRaisingEvents = true;
        }
        catch (IOException ex)
        {
            // Out of inotify instances, or a file system that sends no events: look every few seconds instead.
            logger.RulesPolled(ex, rules.Folder, PollInterval.TotalSeconds);
            poll = new PeriodicTimer(PollInterval);
            _ = PollAsync(poll, changes.Writer, stoppingToken);
        }

        // The files may have changed between loading them and watching them.
        changes.Writer.TryWrite(true);
        try
        {
            while (await changes.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                changes.Reader.TryRead(out _);
                while (await ChangedAgainWithinAsync(changes.Reader, quietFor, stoppingToken).ConfigureAwait(false))
                {
                    changes.Reader.TryRead(out _);
                }

                rules.Reload();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        finally
        {
            poll?.Dispose();
        }
    }

    private static async Task PollAsync(PeriodicTimer poll, ChannelWriter<bool> changes, CancellationToken stoppingToken)
    {
        try
        {
            while (await poll.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                changes.TryWrite(true);
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping.
        }
    }

    private static async Task<bool> ChangedAgainWithinAsync(ChannelReader<bool> changes, TimeSpan wait, CancellationToken stoppingToken)
    {
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        quiet.CancelAfter(wait);
        try
        {
            return await changes.WaitToReadAsync(quiet.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
