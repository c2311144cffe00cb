using RecoveryCoach.Infra.Tests.Deployment;

namespace RecoveryCoach.Infra.Tests.Modules;

/// <summary>infra/modules/monitoring.bicep: workspace-based Application Insights that both apps report to.</summary>
public sealed class MonitoringTests
{
    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void Application_Insights_keeps_its_data_in_the_Log_Analytics_workspace_with_IP_addresses_masked(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var insights = snapshot.Single("Microsoft.Insights/components")["properties"]!;

        insights["WorkspaceResourceId"]!.GetValue<string>().Should().Be(Arm.Text(snapshot.Single("Microsoft.OperationalInsights/workspaces"), "id"));
        insights["IngestionMode"]!.GetValue<string>().Should().Be("LogAnalytics");
        insights["DisableIpMasking"]!.GetValue<bool>().Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void Both_apps_get_its_connection_string(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var insights = snapshot.Single("Microsoft.Insights/components");

        foreach (var kind in new[] { "functionapp,linux", "app,linux" })
        {
            snapshot.AppSettings(snapshot.Site(kind)).Should().Contain("APPLICATIONINSIGHTS_CONNECTION_STRING", Arm.Ref(insights, "ConnectionString"));
        }
    }
}
