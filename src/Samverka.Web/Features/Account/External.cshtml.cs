using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
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

/// <summary>
/// Sign-in through the configured OpenID Connect provider. Only existing accounts: the first
/// time the account is found by the provider's e-mail claim and linked; afterwards by subject.
/// Administrators still give their second factor.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(ServiceRegistration.SignInRateLimit)]
public sealed class ExternalModel(
    SamverkaSignInManager signIn, UserManager<ApplicationUser> users, TwoFactorEnrolment enrolment, IOptions<AuthenticationSettings> settings) : PageModel
{
    public string? Message { get; private set; }

    public IActionResult OnPost(string? returnUrl)
    {
        if (!settings.Value.OpenIdConnect.Enabled)
        {
            return NotFound();
        }

        var properties = signIn.ConfigureExternalAuthenticationProperties(OpenIdConnectSetup.Scheme,
            Url.Page("/Account/External", "Callback", new { returnUrl }));
        return Challenge(properties, OpenIdConnectSetup.Scheme);
    }

    public async Task<IActionResult> OnGetCallbackAsync(string? returnUrl)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            Message = "Inloggningen med e-legitimation avbröts eller misslyckades. Försök igen.";
            return Page();
        }

        var user = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey) ?? await LinkByVerifiedEmailAsync(info);
        if (user is null)
        {
            Message = "Det finns inget konto i Samverka för den här identiteten. Kontakta kommunens administratör för Samverka.";
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
            return Page();
        }

        if (user.Role.RequiresSecondFactor() && !user.TwoFactorEnabled && !await users.IsLockedOutAsync(user))
        {
            // Same rule as with a password: an administrator sets up the second factor before being signed in.
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
            enrolment.Begin(HttpContext, user.Id);
            return RedirectToPage("/Account/TwoFactorSetup", new { ReturnUrl = returnUrl });
        }

        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (result.Succeeded)
        {
            return LocalRedirect(!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginTwoFactor", new { ReturnUrl = returnUrl });
        }

        Message = result.IsLockedOut ? "Kontot är tillfälligt spärrat." : "Inloggningen misslyckades.";
        return Page();
    }

    /// <summary>The first sign-in links the identity to the account with the same e-mail, if the provider vouches for the address.</summary>
    private async Task<ApplicationUser?> LinkByVerifiedEmailAsync(ExternalLoginInfo info)
    {
        var email = info.Principal.FindFirstValue(settings.Value.OpenIdConnect.EmailClaim) ?? info.Principal.FindFirstValue(ClaimTypes.Email);
        var verified = !settings.Value.OpenIdConnect.RequireVerifiedEmail
            || string.Equals(info.Principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase);
        if (email is null || !verified || await users.FindByEmailAsync(email) is not { } user)
        {
            return null;
        }

        // The link (provider and subject) is Identity's own user-login record.
        var linked = await users.AddLoginAsync(user, info);
        return linked.Succeeded ? user : null;
    }
}
