using Microsoft.Extensions.FileProviders;

namespace RecoveryCoach.Web.Hosting;

/// <summary>
/// Serves the pages' static files to anyone: the NHS.UK frontend the build copies beside the
/// app (its stylesheet asks for its images under <c>/assets</c>), and the service's own files
/// in <c>wwwroot</c>.
/// </summary>
internal static class NhsukFrontend
{
    public static IApplicationBuilder UseNhsukFrontend(this IApplicationBuilder app)
    {
        var frontend = Path.Combine(AppContext.BaseDirectory, "nhsuk");
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(frontend), RequestPath = "/nhsuk" });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.Combine(frontend, "assets")), RequestPath = "/assets" });
        return app.UseStaticFiles();
    }
}
