using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Account;

/// <summary>
/// Sets up the authenticator app, either for the signed-in user, or for an administrator
/// between password and first sign-in (carried by the pending-enrolment cookie). Anonymous by
/// policy because of the latter; without either it sends the visitor to sign in.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(ServiceRegistration.SignInRateLimit)]
public sealed class TwoFactorSetupModel(TwoFactorEnrolment enrolment, UserManager<ApplicationUser> users, SamverkaSignInManager signIn) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Key { get; private set; } = "";
    public string QrDataUri { get; private set; } = "";
    public bool Pending { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await UserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        (Key, QrDataUri) = await enrolment.KeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await UserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        if (ModelState.IsValid && await enrolment.ConfirmAsync(user, Input.Code))
        {
            if (Pending)
            {
                enrolment.End(HttpContext);
                await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "mfa");
                return LocalRedirect(!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            }

            TempData["Message"] = "Tvåstegsverifiering är aktiverad.";
            return RedirectToPage("/Account/Index");
        }

        if (ModelState.IsValid)
        {
            ModelState.AddModelError("Input.Code", "Koden stämmer inte. Kontrollera att telefonens klocka går rätt och ange koden som visas just nu.");
        }

        (Key, QrDataUri) = await enrolment.KeyAsync(user);
        return Page();
    }

    private async Task<ApplicationUser?> UserAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return await users.GetUserAsync(User);
        }

        Pending = true;
        // A locked account cannot finish signing in this way either.
        return await enrolment.PendingUserAsync(HttpContext) is { } pending && !await users.IsLockedOutAsync(pending) ? pending : null;
    }
}
