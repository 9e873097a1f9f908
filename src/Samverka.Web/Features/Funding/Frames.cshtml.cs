using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samverka.Domain.Formatting;
using Samverka.Web.Features.Api;
using Samverka.Web.Features.Municipalities;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Funding;

/// <summary>The committees' yearly IOP frames against what approved cases commit (/kommuner/{id}/ramar).</summary>
[Authorize(Policy = Policies.MunicipalStaff)]
public sealed class FramesModel(FundingService funding, MunicipalityService municipalities, CurrentUserAccessor me, TimeProvider clock) : PageModel, IReloadsOnError
{
    [FromRoute]
    public Guid MunicipalityId { get; set; }

    [FromQuery(Name = "sida")]
    public int? PageNumber { get; set; }

    [BindProperty]
    public FrameInput Input { get; set; } = new();

    public string MunicipalityName { get; private set; } = "";
    public int FirstYear { get; private set; }
    public IReadOnlyList<FrameRowDto> Rows { get; private set; } = [];
    public Page<CommitmentDto> Commitments { get; private set; } = null!;
    public IReadOnlyList<SelectListItem> CommitteeOptions { get; private set; } = [];
    public bool CanEdit => me.User.Allows(Policies.ManageMunicipality);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await ReloadAsync();
        Input.Year = FirstYear;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await ReloadAsync(); // 404 for a municipality outside the user's scope, before anything else
        if (!CanEdit)
        {
            return Forbid();
        }

        await funding.SetFrameAsync(MunicipalityId, Input, ct);
        TempData["Message"] = $"Ramen för {Input.Year} är sparad.";
        return Redirect($"/kommuner/{MunicipalityId}/ramar");
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var municipality = await municipalities.FindAsync(MunicipalityId, ct) ?? throw new RecordNotFoundException("Kommunen");
        MunicipalityName = municipality.Name;
        FirstYear = Swedish.Today(clock).Year;
        Rows = await funding.FramesAsync(MunicipalityId, FirstYear, 4, ct);
        Commitments = await funding.CommitmentsAsync(MunicipalityId, FirstYear, FirstYear + 3, PageNumber, 25, ct);
        CommitteeOptions = Rows.DistinctBy(r => r.CommitteeId).Select(r => new SelectListItem(r.CommitteeName, r.CommitteeId.ToString())).ToList();
    }
}
