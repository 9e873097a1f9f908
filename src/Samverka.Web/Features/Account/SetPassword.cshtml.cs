using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Account;

/// <summary>Where an invited person (or one whose administrator issued a new link) chooses a password. The link works once.</summary>
[AllowAnonymous]
[EnableRateLimiting(ServiceRegistration.SignInRateLimit)]
public sealed class SetPasswordModel(UserManager<ApplicationUser> users, SamverkaSignInManager signIn) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "anvandare")]
    public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "kod")]
    public string? Code { get; set; }

    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (Input.Password != Input.Repeat)
        {
            ModelState.AddModelError("Input.Repeat", "Lösenorden är inte lika.");
            return Page();
        }

        var user = await users.FindByIdAsync(UserId.ToString());
        var result = user is null || string.IsNullOrEmpty(Code)
            ? IdentityResult.Failed(new IdentityError { Code = "InvalidToken" })
            : await users.ResetPasswordAsync(user, Code, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "InvalidToken" ? "" : "Input.Password", error.Code == "InvalidToken"
                    ? "Länken är ogiltig, redan använd eller för gammal. Be din administratör om en ny."
                    : error.Description);
            }

            return Page();
        }

        await signIn.EndAllSessionsAsync(user!.Id);
        Done = true;
        return Page();
    }
}

public sealed class NewPasswordInput
{
    [Required(ErrorMessage = "Välj ett lösenord.")]
    [StringLength(256, MinimumLength = 12, ErrorMessage = "Lösenordet ska ha minst 12 tecken.")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Skriv lösenordet en gång till.")]
    public string Repeat { get; set; } = "";
}
