using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Domain.Agreements;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Agreements;

/// <summary>
/// The question before a budget line is removed (/overenskommelser/{id}/budgetrader/{lineId}/ta-bort):
/// the line as it reads, "Ta bort" or "Avbryt". A page of its own, so it needs no script and works
/// with the keyboard at any width; the removal is a new version like every other change.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class RemoveLineModel(AgreementService agreements) : PageModel, IReloadsOnError
{
    [FromRoute] public Guid Id { get; set; }
    [FromRoute] public Guid LineId { get; set; }

    [BindProperty] public RemoveLineInput Input { get; set; } = new();

    public AgreementDto Agreement { get; private set; } = null!;
    public BudgetLineDto Line { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await ReloadAsync();
        Input = new() { Version = Agreement.Version, LineId = LineId };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.LineId = LineId;
        await agreements.RemoveLineAsync(Id, Input, ct);
        TempData["Message"] = "Budgetraden är borttagen.";
        return Redirect($"/overenskommelser/{Id}#budget");
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var a = await agreements.FindAsync(Id, ct) ?? throw new RecordNotFoundException("Överenskommelsen");
        Agreement = await agreements.ToDtoAsync(a, ct);
        // Only a draft the user may edit has lines to remove; anything else is not found here (the agreement page says why).
        Line = (Agreement.Permissions.Edit && Agreement.State == AgreementState.Draft ? Agreement.Budget.FirstOrDefault(l => l.Id == LineId) : null)
            ?? throw new RecordNotFoundException("Budgetraden");
    }
}
