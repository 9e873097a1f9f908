using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Account;

/// <summary>Signing out ends the server-side session, not only the cookie.</summary>
[AllowAnonymous]
public sealed class LogoutModel(SamverkaSignInManager signIn) : PageModel
{
    public bool SignedOut { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await signIn.SignOutAsync();
        }

        return RedirectToPage("/Account/Logout", "Done");
    }

    public void OnGetDone() => SignedOut = true;
}
