using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryCoach.Web.Staff;

namespace RecoveryCoach.Web.Pages.Account;

/// <summary>
/// Staff sign-in. Outside Development it hands over to OpenID Connect at once; in Development it
/// lets a developer pick one of <see cref="DevelopmentStaff"/>, and its form is refused anywhere else.
/// </summary>
public sealed class SignInModel(IWebHostEnvironment environment) : PageModel
{
    public string ReturnUrl { get; private set; } = "/staff/tasks";

    public IActionResult OnGet(string? returnUrl)
    {
        ReturnUrl = Local(returnUrl);
        return environment.IsDevelopment()
            ? Page()
            : Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl }, OpenIdConnectDefaults.AuthenticationScheme);
    }

    public async Task<IActionResult> OnPostAsync(string? email, string? returnUrl)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        var member = DevelopmentStaff.All.FirstOrDefault(m => m.Email == email);
        if (member is null)
        {
            return BadRequest();
        }

        var principal = new System.Security.Claims.ClaimsPrincipal(StaffClaims.IdentityOf(member, CookieAuthenticationDefaults.AuthenticationScheme));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return LocalRedirect(Local(returnUrl));
    }

    private string Local(string? returnUrl) => returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : "/staff/tasks";
}
