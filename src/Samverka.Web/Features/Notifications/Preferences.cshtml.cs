using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Domain.Deadlines;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Notifications;

/// <summary>My reminders: how each kind arrives, how long before, and my calendar address.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class PreferencesModel(InboxService inbox, CalendarFeedService feeds) : PageModel, IReloadsOnError
{
    [BindProperty]
    public PreferencesInput Input { get; set; } = new();

    public PreferencesDto Current { get; private set; } = new(Reminders.DefaultLeadDays, []);
    public string? FeedUrl { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync()
    {
        await ReloadAsync();
        Input = new PreferencesInput
        {
            LeadDays = Current.LeadDays,
            Kinds = Current.Kinds.Select(k => new PreferenceChoice { Kind = k.Kind, Delivery = k.Delivery }).ToList(),
        };
    }

    public async Task ReloadAsync()
    {
        Current = await inbox.PreferencesAsync(HttpContext.RequestAborted);
        FeedUrl = await feeds.UrlAsync(null, create: false, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }

        await inbox.SaveAsync(Input, HttpContext.RequestAborted);
        Message = "Dina val för påminnelser är sparade.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostFeedAsync()
    {
        await feeds.RenewAsync(null, HttpContext.RequestAborted);
        Message = "Din kalenderadress är klar. Lägg in den i din kalender som en prenumeration; en tidigare adress slutar gälla.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeFeedAsync()
    {
        await feeds.RevokeAsync(null, HttpContext.RequestAborted);
        Message = "Kalenderadressen är avstängd. Kalendrar som prenumererade på den får inget mer.";
        return RedirectToPage();
    }
}
