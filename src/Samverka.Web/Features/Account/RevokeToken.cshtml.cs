using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Account;

/// <summary>The question before one of the person's own access tokens is revoked (/konto/nycklar/{id}/aterkalla): integrations using it stop at once.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class RevokeTokenModel(TokenService tokens, CurrentUserAccessor me) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    public TokenDto Token { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await FindAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await FindAsync(ct);
        TempData[nameof(IndexModel.Message)] = await tokens.RevokeAsync(me.User.UserId!.Value, Id, ct)
            ? "Nyckeln är återkallad och fungerar inte längre."
            : "Nyckeln fanns inte eller var redan återkallad.";
        return Redirect("/konto");
    }

    /// <summary>Only the person's own token, and only one still in use: anything else is not found here.</summary>
    private async Task FindAsync(CancellationToken ct) =>
        Token = (await tokens.ListAsync(me.User.UserId!.Value, ct)).FirstOrDefault(t => t.Id == Id && t.RevokedAt is null)
            ?? throw new RecordNotFoundException("Nyckeln");
}
