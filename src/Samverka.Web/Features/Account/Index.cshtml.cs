using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Domain.Common;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Account;

/// <summary>My account: password, second factor, and personal access tokens for integrations.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(UserManager<ApplicationUser> users, SamverkaSignInManager signIn, TokenService tokens, CurrentUserAccessor me,
    Notifications.CalendarFeedService feeds)
    : PageModel, IReloadsOnError
{
    [BindProperty]
    public PasswordInput Password { get; set; } = new();

    [BindProperty]
    public TokenInput Input { get; set; } = new();

    public ApplicationUser Account { get; private set; } = null!;
    public IReadOnlyList<TokenDto> Tokens { get; private set; } = [];
    public string? NewSecret { get; private set; }

    /// <summary>The person's calendar address, when they have made one.</summary>
    public string? FeedUrl { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task ReloadAsync()
    {
        Account = (await users.GetUserAsync(User))!;
        Tokens = await tokens.ListAsync(Account.Id, HttpContext.RequestAborted);
        FeedUrl = await feeds.UrlAsync(null, create: false, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        ModelState.Remove(nameof(Input) + "." + nameof(TokenInput.Name));
        await ReloadAsync();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await users.ChangePasswordAsync(Account, Password.Current, Password.New);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? "Password.Current" : "Password.New", error.Description);
            }

            return Page();
        }

        // A new password ends every other session; this browser gets a fresh one.
        await signIn.EndAllSessionsAsync(Account.Id);
        await signIn.RefreshSignInAsync(Account);
        Message = "Lösenordet är bytt.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTokenAsync()
    {
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Password.", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        var created = await tokens.CreateAsync(me.User.UserId!.Value, Input, HttpContext.RequestAborted);
        NewSecret = created.Secret;
        Input = new TokenInput();
        ModelState.Clear();
        await ReloadAsync();
        return Page();
    }

    public static bool MustUseSecondFactor(Role role) => role.RequiresSecondFactor();
}

public sealed class PasswordInput
{
    [Required(ErrorMessage = "Ange ditt nuvarande lösenord.")]
    public string Current { get; set; } = "";

    [Required(ErrorMessage = "Ange ett nytt lösenord.")]
    [StringLength(256, MinimumLength = 12, ErrorMessage = "Det nya lösenordet ska ha minst 12 tecken.")]
    public string New { get; set; } = "";
}
