using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samverka.Domain.Formatting;
using Samverka.Domain.Organisations;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Organisations;

/// <summary>Hands in documents for an organisation (/organisationer/{id}/handlingar).</summary>
[Authorize(Policy = Policies.EditOrganisations)]
public sealed class DocumentsModel(OrganisationService organisations, DocumentService documents, TimeProvider clock) : PageModel, IReloadsOnError
{
    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty]
    public UploadInput Input { get; set; } = new();

    public Organisation Organisation { get; private set; } = null!;
    public IReadOnlyList<DocumentDto> Documents { get; private set; } = [];
    public IReadOnlyList<SelectListItem> KindOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (!await organisations.MayWriteAsync(Id, ct))
        {
            return Forbid();
        }

        Input.Year = Swedish.Today(clock).Year - 1;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var uploaded = await documents.UploadAsync(Id, Input.Kind, Input.Year, Input.File, ct);
        TempData["Message"] = $"{uploaded.Kind} {uploaded.Year} är inlämnad ({uploaded.FileName}).";
        return RedirectToPage(new { id = Id });
    }

    public async Task ReloadAsync() => await LoadAsync(HttpContext.RequestAborted);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await organisations.FindAsync(Id, ct) is not { } organisation)
        {
            return false;
        }

        Organisation = organisation;
        Documents = await documents.ListAsync(Id, ct);
        KindOptions = (await documents.KindsAsync(Id, ct)).Select(k => new SelectListItem(k, k)).ToList();
        return true;
    }
}

public sealed class UploadInput
{
    public string? Kind { get; set; }
    public int? Year { get; set; }
    public IFormFile? File { get; set; }
}
