using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Organisations;

[Authorize(Policy = Policies.ReadOrganisations)]
public sealed class IndexModel(OrganisationService organisations, CurrentUserAccessor me) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "sida")]
    public int? PageNumber { get; set; }

    public Page<OrganisationDto> Result { get; private set; } = null!;
    public bool CanRegister => me.User.Allows(Policies.EditOrganisations) && !me.User.IsOrganisationBound;

    public async Task OnGetAsync(CancellationToken ct) => Result = await organisations.ListAsync(Query, PageNumber, 25, ct);
}
