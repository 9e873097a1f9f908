using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samverka.Domain.Formatting;
using Samverka.Domain.Funding;
using Samverka.Web.Features.Api;
using Samverka.Web.Features.Cases;
using Samverka.Web.Features.Municipalities;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Funding;

/// <summary>The register of other support the municipality gives organisations (/kommuner/{id}/annat-stod), behind the double-funding check.</summary>
[Authorize(Policy = Policies.MunicipalStaff)]
public sealed class SupportModel(FundingService funding, MunicipalityService municipalities, CurrentUserAccessor me, TimeProvider clock) : PageModel, IReloadsOnError
{
    [FromRoute]
    public Guid MunicipalityId { get; set; }

    [FromQuery(Name = "sida")]
    public int? PageNumber { get; set; }

    [BindProperty]
    public SupportInput Input { get; set; } = new();

    public string MunicipalityName { get; private set; } = "";
    public Page<OtherSupportDto> Result { get; private set; } = null!;
    public IReadOnlyList<SelectListItem> CommitteeOptions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> KindOptions { get; } =
        Enum.GetValues<SupportKind>().Select(k => new SelectListItem(k.Swedish(), k.ToString())).ToList();
    public bool CanEdit => me.User.Allows(Policies.CaseWork);

    public async Task<IActionResult> OnGetAsync()
    {
        await ReloadAsync();
        Input.FromYear = Input.ToYear = Swedish.Today(clock).Year;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await ReloadAsync(); // 404 for a municipality outside the user's scope, before anything else
        if (!CanEdit)
        {
            return Forbid();
        }

        var support = await funding.AddSupportAsync(MunicipalityId, Input, ct);
        TempData["Message"] = $"Stödet till ”{support.Activity}” är registrerat.";
        return Redirect($"/kommuner/{MunicipalityId}/annat-stod");
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var municipality = await municipalities.FindAsync(MunicipalityId, ct) ?? throw new RecordNotFoundException("Kommunen");
        MunicipalityName = municipality.Name;
        Result = await funding.SupportAsync(MunicipalityId, PageNumber, 25, ct);
        CommitteeOptions = (await municipalities.CommitteesAsync(MunicipalityId, ct)).Select(c => new SelectListItem(c.Name, c.Id.ToString())).ToList();
    }
}
