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
    public AuthenticationSettings Rules => settings.Value;

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

            return Failed();
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

        return Failed();
    }

    private PageResult Failed()
    {
        // The same answer whether the address is unknown, the password wrong or the account locked:
        // the page must not tell a stranger which addresses have accounts.
        ModelState.AddModelError("", FailedMessage(settings.Value));
        return Page();
    }

    public static string FailedMessage(AuthenticationSettings settings) =>
        $"Inloggningen gick inte: fel e-postadress eller lösenord, eller så är kontot spärrat. Efter {settings.MaxFailedAttempts} "
        + $"misslyckade försök i rad spärras inloggningen i {settings.LockoutMinutes} minuter. Kontakta din administratör om det fortsätter.";

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
