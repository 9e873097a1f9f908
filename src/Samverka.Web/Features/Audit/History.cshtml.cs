using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Audit;

[Authorize(Policy = Policies.ReadAudit)]
public sealed class HistoryModel(AuditLogService audit) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "sida")]
    public int? PageNumber { get; set; }

    public Page<AuditEntryDto> History { get; private set; } = null!;
    public string BackHref { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync(string entityType, Guid id, CancellationToken ct)
    {
        if (await audit.HistoryAsync(entityType, id, PageNumber, 50, ct) is not { } history)
        {
            return NotFound();
        }

        History = history;
        BackHref = entityType switch
        {
            "Organisation" => $"/organisationer/{id}",
            "Municipality" => $"/kommuner/{id}",
            "ApplicationUser" => $"/anvandare/{id}/redigera",
            "Guideline" => $"/riktlinjer/{id}",
            "Case" => $"/arenden/{id}",
            _ => "/",
        };
        return Page();
    }
}
