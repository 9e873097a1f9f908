using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Samverka.Domain.Common;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Account;

[AllowAnonymous]
[EnableRateLimiting(ServiceRegistration.SignInRateLimit)]
public sealed class LoginModel(
    SamverkaSignInManager signIn, UserManager<ApplicationUser> users, TwoFactorEnrolment enrolment, IOptions<AuthenticationSettings> settings)
    : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool ExternalEnabled => settings.Value.OpenIdConnect.Enabled;
    public string ExternalName => settings.Value.OpenIdConnect.DisplayName;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is not null && user.Role.RequiresSecondFactor() && !user.TwoFactorEnabled)
        {
            // Administrators must set up a second factor before they are signed in at all.
            var check = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
            if (check.Succeeded)
            {
                enrolment.Begin(HttpContext, user.Id);
                return RedirectToPage("/Account/TwoFactorSetup", new { ReturnUrl });
            }

            return Failed(check);
        }

        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginTwoFactor", new { ReturnUrl });
        }

        return Failed(result);
    }

    private PageResult Failed(Microsoft.AspNetCore.Identity.SignInResult result)
    {
        ModelState.AddModelError("", result.IsLockedOut
            ? $"Kontot är tillfälligt spärrat efter för många misslyckade inloggningsförsök. Försök igen om {settings.Value.LockoutMinutes} minuter."
            : "Fel e-postadress eller lösenord.");
        return Page();
    }

    public string SafeReturnUrl(string? url) => !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) ? url : "/";
}

public sealed class LoginInput
{
    [Required(ErrorMessage = "Ange din e-postadress.")]
    [EmailAddress(ErrorMessage = "Ange en giltig e-postadress.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Ange ditt lösenord.")]
    public string Password { get; set; } = "";
}
