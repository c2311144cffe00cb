using System.Text.Json;
using System.Text.Json.Serialization;
using RecoveryCoach.Web.Fhir;
using RecoveryCoach.Web.Hosting;
using RecoveryCoach.Web.Hosting.DataProtection;
using RecoveryCoach.Web.Hosting.RateLimits;
using RecoveryCoach.Web.Management;
using RecoveryCoach.Web.Referrals;
using RecoveryCoach.Web.Rules;
using RecoveryCoach.Web.Staff;
using RecoveryCoach.Web.SystemClients;
using RecoveryCoach.Web.Tasks;
using RecoveryCoach.Web.Workers;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Health;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddHostJson(Path.Combine(AppContext.BaseDirectory, "host.json"));
builder.AddReferralJourneys();
builder.AddTelemetry();
builder.Services.Configure<ManagementOptions>(builder.Configuration.GetSection(ManagementOptions.Section));
builder.Services.AddHostedService<RulesetStartupCheck>();
builder.Services.AddHealthChecks().AddReferralChecks();
builder.Services.AddHostedService<JourneySweepWorker>();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<StorageUnavailableHandler>();
builder.Services.AddExceptionHandler<BadRequestBodyHandler>();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));
builder.Services.AddSharedDataProtection();
builder.AddTransportSecurity();
builder.AddStaffSignIn();
builder.Services.AddRazorPages(pages =>
{
    pages.Conventions.AllowAnonymousToFolder("/Refer");
    pages.Conventions.AllowAnonymousToFolder("/Account");
    pages.Conventions.AllowAnonymousToPage("/Status");
    pages.Conventions.AuthorizeFolder("/Staff", StaffSignInExtensions.StaffPolicy);
    pages.Conventions.AuthorizeFolder("/Staff/Reports", StaffSignInExtensions.LeadsPolicy);
    pages.Conventions.AuthorizeFolder("/Staff/Audit", StaffSignInExtensions.AdminPolicy);
    pages.Conventions.AuthorizeFolder("/Staff/SubjectAccess", StaffSignInExtensions.AdminPolicy);
});
builder.AddSystemClients();
builder.AddFhirClients();
builder.Services.AddSubmissionRateLimits(builder.Configuration);

var app = builder.Build();
app.UseExceptionHandler();
app.UseWhen(context => context.Request.IsApi(), api => api.UseStatusCodePages());
app.UseWhen(context => !context.Request.IsApi() && !context.Request.IsFhir(), pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
app.UseRouting();
app.UseSecurityHeaders();
app.UseTransportSecurity();

app.UseNhsukFrontend();
app.UseJsonOnlyWrites();
app.UseAuthentication();
app.UseCrossSiteWriteCheck();
app.UseAuthorization();
app.UseRateLimiter();
app.MapReferrals();
app.MapJourney();
app.MapTasks();
app.MapManagement();
app.MapRules();
app.MapFhir();
app.MapRazorPages();
app.MapHealth();
app.MapGet("/", () => Results.Redirect("/refer")).AllowAnonymous();
app.Run();

/// <summary>The entry point, visible to functional tests.</summary>
public partial class Program;
