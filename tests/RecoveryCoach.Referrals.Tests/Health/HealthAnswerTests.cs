using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RecoveryCoach.Referrals.Health;

namespace RecoveryCoach.Referrals.Tests.Health;

/// <summary>What both hosts answer a probe: a status code and each check's status, nothing more.</summary>
public sealed class HealthAnswerTests
{
    [Fact]
    public async Task An_unhealthy_check_gives_503_and_its_name_and_status_without_its_description_or_exception()
    {
        var report = Report(("storage", HealthStatus.Healthy), ("smtp", HealthStatus.Unhealthy), ("rules", HealthStatus.Healthy));

        var body = await WriteAsync(report);

        HealthAnswer.StatusCodeFor(report).Should().Be(503);
        body.Should().Be("""{"status":"Unhealthy","checks":{"storage":"Healthy","smtp":"Unhealthy","rules":"Healthy"}}""");
    }

    [Fact]
    public async Task Every_check_healthy_gives_200()
    {
        var report = Report(("storage", HealthStatus.Healthy), ("smtp", HealthStatus.Healthy), ("rules", HealthStatus.Healthy));

        var body = await WriteAsync(report);

        HealthAnswer.StatusCodeFor(report).Should().Be(200);
        body.Should().StartWith("""{"status":"Healthy",""");
    }

    private static HealthReport Report(params (string Name, HealthStatus Status)[] checks) => new(
        checks.ToDictionary(
            c => c.Name,
            c => new HealthReportEntry(c.Status, "smtp.azurecomm.net:587 refused", TimeSpan.FromMilliseconds(3), new IOException("Connection refused 10.0.0.4"), null)),
        TimeSpan.FromMilliseconds(5));

    private static async Task<string> WriteAsync(HealthReport report)
    {
        using var body = new MemoryStream();
        await HealthAnswer.WriteAsync(body, report, CancellationToken.None);
        return Encoding.UTF8.GetString(body.ToArray());
    }
}
