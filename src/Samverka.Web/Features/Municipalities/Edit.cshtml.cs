using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Municipalities;

/// <summary>Adds a municipality (/kommuner/ny, system administrators) or edits one: one form.</summary>
[Authorize(Policy = Policies.ManageMunicipality)]
public sealed class EditModel(MunicipalityService municipalities, CurrentUserAccessor me) : PageModel
{
    [BindProperty]
    public MunicipalityInput Input { get; set; } = new();

    [FromRoute]
    public Guid? Id { get; set; }

    public bool IsNew => Id is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (IsNew)
        {
            return me.User.Allows(Policies.SystemAdministration) ? Page() : Forbid();
        }

        if (await municipalities.FindAsync(Id!.Value, ct) is not { } m)
        {
            return NotFound();
        }

        Input = new MunicipalityInput { Name = m.Name, OrgNumber = m.OrgNumber, ContactEmail = m.ContactEmail, DayNoteRetentionMonths = m.DayNoteRetentionMonths, Version = m.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (IsNew)
        {
            if (!me.User.Allows(Policies.SystemAdministration))
            {
                return Forbid();
            }

            var created = await municipalities.CreateAsync(Input, ct);
            TempData["Message"] = $"{created.Name} är tillagd, med kommunstyrelsen som första nämnd.";
            return Redirect($"/kommuner/{created.Id}");
        }

        if (await municipalities.FindAsync(Id!.Value, ct) is not { } m)
        {
            return NotFound();
        }

        await municipalities.UpdateAsync(m, Input, ct);
        TempData["Message"] = "Uppgifterna är sparade.";
        return Redirect($"/kommuner/{m.Id}");
    }
}
