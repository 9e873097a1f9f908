using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samverka.Domain.Organisations;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Organisations;

/// <summary>Registers an organisation (/organisationer/ny) or edits one (/organisationer/{id}/redigera): one form.</summary>
[Authorize(Policy = Policies.EditOrganisations)]
public sealed class EditModel(OrganisationService organisations) : PageModel
{
    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    [FromRoute]
    public Guid? Id { get; set; }

    public bool IsNew => Id is null;

    public static IEnumerable<SelectListItem> LegalFormOptions =>
        LegalForms.All.Select(f => new SelectListItem(f.Swedish(), f.ToString()));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            if (await organisations.FindAsync(id, ct) is not { } o)
            {
                return NotFound();
            }

            if (!await organisations.MayWriteAsync(id, ct))
            {
                return Forbid();
            }

            Input = new OrganisationInput
            {
                OrgNumber = o.OrgNumber, Name = o.Name, LegalForm = o.LegalForm, StreetAddress = o.StreetAddress, PostalCode = o.PostalCode,
                City = o.City, Email = o.Email, Phone = o.Phone, MemberCount = o.MemberCount, Version = o.Version,
                Board = o.Board.Select(b => new BoardMemberInput { Name = b.Name, Position = b.Position, ElectedUntil = b.ElectedUntil }).ToList(),
                Contacts = o.Contacts.Select(c => new ContactInput { Name = c.Name, Role = c.Role, Email = c.Email, Phone = c.Phone }).ToList(),
            };
        }

        AddBlankRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var existing = Id is { } id ? await organisations.FindAsync(id, ct) : null;
        if (Id is not null && existing is null)
        {
            return NotFound();
        }

        if (existing is not null)
        {
            Input.OrgNumber = existing.OrgNumber; // not posted (it never changes), but shown again if the save is refused
        }

        AddBlankRows(); // shown again if the save is refused; blank rows are ignored when saving
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (existing is { } o)
        {
            await organisations.UpdateAsync(o, Input, ct);
            TempData["Message"] = "Uppgifterna är sparade.";
            return Redirect($"/organisationer/{o.Id}");
        }

        var created = await organisations.RegisterAsync(Input, ct);
        TempData["Message"] = $"{created.Name} är registrerad.";
        return Redirect($"/organisationer/{created.Id}");
    }

    /// <summary>Room for new board members and contacts: a few empty rows after the filled ones.</summary>
    private void AddBlankRows()
    {
        Input.Board ??= [];
        Input.Contacts ??= [];
        while (Input.Board.Count(b => string.IsNullOrWhiteSpace(b.Name)) < 3)
        {
            Input.Board.Add(new());
        }

        while (Input.Contacts.Count(c => string.IsNullOrWhiteSpace(c.Name)) < 2)
        {
            Input.Contacts.Add(new());
        }
    }
}
