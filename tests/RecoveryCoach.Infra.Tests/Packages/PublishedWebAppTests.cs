using System.Net;

namespace RecoveryCoach.Infra.Tests.Packages;

/// <summary>
/// The web package runs as App Service runs it: from its publish folder, with nothing from the
/// build tree, against Azurite.
/// </summary>
[Collection(PublishedPackageTests.Name)]
public sealed class PublishedWebAppTests(PublishedPackages packages)
{
    /// <summary>What App Service's health check would find ready (infra/modules/web.bicep's healthCheckPath).</summary>
    private const string ReadinessPath = "/healthz/ready";

    [Fact]
    public async Task The_published_web_app_starts_from_its_folder_against_Azurite_and_answers_ready()
    {
        var app = await packages.WebAppAsync();

        using var response = await app.Client.GetAsync(new Uri(ReadinessPath, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK, "{0} should answer 200\n{1}", ReadinessPath, app.Describe());
    }

    [Fact]
    public async Task The_published_web_app_serves_the_referral_form_with_the_NHS_frontend_it_ships()
    {
        var app = await packages.WebAppAsync();

        using var page = await app.Client.GetAsync(new Uri("/refer", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        using var stylesheet = await app.Client.GetAsync(new Uri("/nhsuk/nhsuk-frontend.min.css", UriKind.Relative));

        page.StatusCode.Should().Be(HttpStatusCode.OK, app.Describe());
        html.Should().Contain("nhsuk-frontend.min.css");
        stylesheet.StatusCode.Should().Be(HttpStatusCode.OK, "the stylesheet the form links to should be served from the package");
    }
}
