using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Partnerships;

/// <summary>The partnerships the user sees (/partnerskap), those ending last first.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(PartnershipService partnerships, CurrentUserAccessor me) : PageModel
{
    [FromQuery(Name = "sida")]
    public int? PageNumber { get; set; }

    [FromQuery(Name = "q")]
    public string? Query { get; set; }

    public Page<PartnershipSummaryDto> Result { get; private set; } = null!;
    public bool CanExport => me.User.Allows(Policies.CaseWork);
    public bool CanReadExports => me.User.Allows(Policies.MunicipalStaff);

    public async Task OnGetAsync(CancellationToken ct) => Result = await partnerships.ListAsync(Query, PageNumber, 25, ct);
}
