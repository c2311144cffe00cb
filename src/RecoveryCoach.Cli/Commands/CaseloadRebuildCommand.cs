using Azure;
using Microsoft.Extensions.Logging.Abstractions;
using RecoveryCoach.Cli.Output;
using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.Reports;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Cli.Commands;

/// <summary>
/// <c>caseload rebuild</c>: writes the staff caseload list, the search index and the report
/// facts again from the stored referrals and tasks, as after a deployment that adds them or a
/// line left behind.
/// </summary>
internal static class CaseloadRebuildCommand
{
    public static async Task<int> RunAsync(CommandLine line, Printer output, Printer errors, CancellationToken cancellationToken)
    {
        if (line.Folders.Count > 0)
        {
            return CliApp.UsageError(errors, $"caseload rebuild takes no folder, not \"{line.Folders[0]}\"");
        }

        if (StorageSettings.Read(line, errors) is not { } storage)
        {
            return CliApp.Failed;
        }

        var service = storage.Connection.CreateTableServiceClient();
        var options = Microsoft.Extensions.Options.Options.Create(new StorageOptions { Connection = storage.Connection, TablePrefix = storage.HubName });
        var index = new CaseloadIndex(service, options, NullLogger<CaseloadIndex>.Instance);
        var facts = new ReportFacts(service, options, NullLogger<ReportFacts>.Instance);
        var rebuild = new CaseloadRebuild(new ReferralStore(service, options), new TaskStore(service, options), index, facts, TimeProvider.System);
        output.Line($"Rebuilding the caseload index and report facts of task hub {output.Bold(storage.HubName)} in Table Storage account {service.AccountName}.");
        try
        {
            var written = await rebuild.RunAsync(cancellationToken).ConfigureAwait(false);
            output.Line(output.Green($"{RulesFolder.Count(written, "referral")} written."));
            return 0;
        }
        catch (Exception ex) when (ex is RequestFailedException || (ex is AggregateException aggregate && aggregate.InnerExceptions.All(e => e is RequestFailedException)))
        {
            errors.Line($"{errors.Red("error:")} Table Storage could not be read or written: {ex.Message.Split('\n')[0].Trim()}. Run it again: what was written stands.");
            return CliApp.Failed;
        }
    }
}
