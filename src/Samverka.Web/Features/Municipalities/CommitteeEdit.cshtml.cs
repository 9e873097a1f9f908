using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Municipalities;

/// <summary>Adds a committee (/kommuner/{id}/namnder/ny) or edits one (/namnder/{id}/redigera).</summary>
[Authorize(Policy = Policies.ManageMunicipality)]
public sealed class CommitteeEditModel(MunicipalityService municipalities) : PageModel
{
    [BindProperty]
    public CommitteeInput Input { get; set; } = new();

    [FromRoute]
    public Guid? Id { get; set; }

    [FromRoute]
    public Guid? MunicipalityId { get; set; }

    public bool IsNew => Id is null;
    public bool IsExecutiveBoard { get; private set; }
    public string MunicipalityName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var posted = Input;
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input = posted;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (IsNew)
        {
            var municipality = (await municipalities.FindAsync(MunicipalityId!.Value, ct))!;
            await municipalities.AddCommitteeAsync(municipality, Input, ct);
            TempData["Message"] = $"{Input.Name} är tillagd.";
        }
        else
        {
            var committee = (await municipalities.FindCommitteeAsync(Id!.Value, ct))!;
            await municipalities.UpdateCommitteeAsync(committee, Input, ct);
            TempData["Message"] = "Nämnden är sparad.";
        }

        return Redirect($"/kommuner/{MunicipalityId}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            if (await municipalities.FindCommitteeAsync(id, ct) is not { } c)
            {
                return false;
            }

            MunicipalityId = c.MunicipalityId;
            IsExecutiveBoard = c.IsExecutiveBoard;
            Input = new CommitteeInput { Name = c.Name, Remit = c.Remit, CaseNumberPrefix = c.CaseNumberPrefix, Version = c.Version };
        }

        if (MunicipalityId is null || await municipalities.FindAsync(MunicipalityId.Value, ct) is not { } m)
        {
            return false;
        }

        MunicipalityName = m.Name;
        return true;
    }
}
