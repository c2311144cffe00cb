using DurableTask.AzureStorage;
using Microsoft.Extensions.DependencyInjection;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>
/// Saves a journey's history, read from the task hub's History table as the Azure Storage
/// provider hands it out, as a golden recording for
/// <c>tests/RecoveryCoach.Referrals.Tests/Journey/Golden</c>. It writes only when
/// <c>RECOVERYCOACH_RECORD_GOLDEN</c> names a folder, so ordinary runs change nothing.
/// </summary>
public static class GoldenRecorder
{
    public const string Variable = "RECOVERYCOACH_RECORD_GOLDEN";

    public static async Task SaveAsync(ReferralServiceFactory factory, string instanceId, string recording)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } folder)
        {
            return;
        }

        var history = await factory.Services.GetRequiredService<AzureStorageOrchestrationService>().GetOrchestrationHistoryAsync(instanceId, executionId: null);
        Directory.CreateDirectory(folder);
        var readable = System.Text.Json.Nodes.JsonNode.Parse(history)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        await File.WriteAllTextAsync(Path.Combine(folder, recording + ".json"), readable);
    }
}
