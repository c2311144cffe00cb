using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RecoveryCoach.Web.Tests.Infrastructure;
using RecoveryCoach.Web.Workers;

namespace RecoveryCoach.Web.Tests.Retention;

/// <summary>The web app runs the purge only where it runs the journeys; in production the Functions app's timer does.</summary>
public sealed class RetentionPurgeWorkerTests
{
    [Fact]
    public async Task The_web_app_runs_the_purge_when_it_runs_the_journeys_and_not_when_it_is_a_client()
    {
        await using var worker = new ReferralServiceFactory { RealEngine = true };
        await using var client = new ReferralServiceFactory { RealEngine = true, RunWorker = false };

        worker.Services.GetServices<IHostedService>().OfType<RetentionPurgeWorker>().Should().ContainSingle();
        client.Services.GetServices<IHostedService>().OfType<RetentionPurgeWorker>().Should().BeEmpty();
    }
}
