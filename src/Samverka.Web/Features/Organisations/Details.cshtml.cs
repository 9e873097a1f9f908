using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Domain.Organisations;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Organisations;

[Authorize(Policy = Policies.ReadOrganisations)]
public sealed class DetailsModel(OrganisationService organisations, DocumentService documents, CurrentUserAccessor me) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;
    public bool CanEdit { get; private set; }

    /// <summary>The role edits organisations, but not this one: the page says who does.</summary>
    public bool EditsElsewhere => !CanEdit && me.User.Allows(Policies.EditOrganisations);
    public bool CanSeeHistory => me.User.Allows(Policies.ReadAudit);
    public IReadOnlyList<DocumentDto> Documents { get; private set; } = [];
    public CompletenessDto? Completeness { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await organisations.FindAsync(id, ct) is not { } organisation)
        {
            return NotFound();
        }

        Organisation = organisation;
        CanEdit = me.User.Allows(Policies.EditOrganisations) && await organisations.MayWriteAsync(id, ct);
        Documents = await documents.ListAsync(id, ct);
        Completeness = await documents.CompletenessAsync(id, ct);
        return Page();
    }
}
