using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Domain.Organisations;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Organisations;

[Authorize(Policy = Policies.ReadOrganisations)]
public sealed class DetailsModel(OrganisationService organisations, CurrentUserAccessor me) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;
    public bool CanEdit => me.User.Allows(Policies.EditOrganisations);
    public bool CanSeeHistory => me.User.Allows(Policies.ReadAudit);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await organisations.FindAsync(id, ct) is not { } organisation)
        {
            return NotFound();
        }

        Organisation = organisation;
        return Page();
    }
}
