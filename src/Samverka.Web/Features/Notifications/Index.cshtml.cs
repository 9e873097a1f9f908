using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Notifications;

/// <summary>The inbox: reminders newest first, each with a link to where it is done; read one by one or all at once.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(InboxService inbox) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "sida")]
    public int? PageNumber { get; set; }

    [BindProperty(SupportsGet = true, Name = "visa")]
    public string? Show { get; set; }

    public bool UnreadOnly => Show == "olasta";

    public Page<NotificationDto> Result { get; private set; } = new([], 1, 20, 0);
    public int Unread { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await inbox.ListAsync(UnreadOnly, PageNumber, 20, ct);
        Unread = await inbox.UnreadAsync(ct);
    }

    /// <summary>Marks it read and opens where it is done, in one step.</summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken ct)
    {
        await inbox.ReadAsync(id, ct);
        var link = await inbox.LinkAsync(id, ct);
        return link is not null && Url.IsLocalUrl(link) ? LocalRedirect(link) : RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken ct)
    {
        await inbox.ReadAsync(id, ct);
        return RedirectToPage(new { sida = PageNumber, visa = Show });
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var count = await inbox.ReadAllAsync(ct);
        Message = count == 0 ? "Du hade inga olästa påminnelser." : count == 1 ? "En påminnelse är markerad som läst." : $"{count} påminnelser är markerade som lästa.";
        return RedirectToPage();
    }
}
