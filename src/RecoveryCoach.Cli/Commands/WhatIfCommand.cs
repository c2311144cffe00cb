using System.Globalization;
using Azure;
using RecoveryCoach.Cli.Output;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Rules.WhatIf;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Cli.Commands;

/// <summary>
/// <c>rules what-if [folder] --since 90d</c>: decides the stored referrals of the period again
/// with the folder's rules and lists each decision that would change, by reference only.
/// </summary>
internal static class WhatIfCommand
{
    public const string SinceOption = "--since";

    private const string DefaultPeriod = "90d";

    public static async Task<int> RunAsync(CommandLine line, Printer output, Printer errors, CancellationToken cancellationToken)
    {
        if (RulesFolder.From(line, errors) is not { } folder)
        {
            return CliApp.Usage;
        }

        var period = line.Option(SinceOption) ?? DefaultPeriod;
        if (Period(period) is not { } length)
        {
            return CliApp.UsageError(errors, $"{SinceOption} takes a number of days, weeks or hours, such as 90d, 12w or 48h, not \"{period}\"");
        }

        if (RulesFolder.Load(folder, output) is not { } rules)
        {
            return CliApp.Failed;
        }

        if (StorageSettings.Read(line, errors) is not { } storage)
        {
            return CliApp.Failed;
        }

        var service = storage.Connection.CreateTableServiceClient();
        var referrals = new ReferralStore(service, Microsoft.Extensions.Options.Options.Create(new StorageOptions { Connection = storage.Connection, TablePrefix = storage.HubName }));
        var since = DateTimeOffset.UtcNow - length;
        output.Line($"What if rules {output.Bold(rules.Version)} ({Path.GetFullPath(folder)}) had decided the referrals submitted since {Day(since)} ({period})?");
        output.Line(output.Dim($"Table Storage account {service.AccountName}, task hub {storage.HubName}; read only."));
        output.Line();

        WhatIfReport report;
        try
        {
            report = await WhatIfAnalysis.RunAsync(rules, referrals, since, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            return Unreadable(errors, ex);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is RequestFailedException))
        {
            // The SDK's retries all failed to reach the server.
            return Unreadable(errors, ex.InnerExceptions[^1]);
        }
        catch (RulesetException ex)
        {
            foreach (var error in ex.Errors)
            {
                output.Line(error);
            }

            output.Line(output.Red("A rule could not decide a stored referral; fix it before these rules go live."));
            return CliApp.Failed;
        }

        output.Line($"{RulesFolder.Count(report.Considered, "decided referral")} decided again; {report.Undecided} not yet decided, left out.");
        if (report.Changes.Count == 0)
        {
            output.Line(output.Green("No decision would change."));
        }
        else
        {
            output.Line(output.Yellow($"{RulesFolder.Count(report.Changes.Count, "decision")} would change:"));
            output.Line();
            var table = new Table("Reference", "Submitted", "Decided by", "Before", "After", "Rules");
            foreach (var change in report.Changes)
            {
                table.Row(change.Reference, Day(change.SubmittedAt), change.DecidedBy, change.Before, new Cell(change.After, output.Yellow), string.Join(", ", change.Rules));
            }

            table.WriteTo(output);
        }

        output.Line();
        output.Line(output.Dim("Nothing was written: what-if only reads."));
        return 0;
    }

    private static int Unreadable(Printer errors, Exception ex)
    {
        errors.Line($"{errors.Red("error:")} the referrals could not be read from Table Storage: {ex.Message.Split('\n')[0].Trim()}");
        return CliApp.Failed;
    }

    private static TimeSpan? Period(string text)
    {
        if (text.Length < 2 || !int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            return null;
        }

        return text[^1] switch
        {
            'd' => TimeSpan.FromDays(count),
            'w' => TimeSpan.FromDays(7 * count),
            'h' => TimeSpan.FromHours(count),
            _ => null,
        };
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
