using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Web.Features.Cases;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Funding;

/// <summary>The question before a registration of other support is removed (/kommuner/{id}/annat-stod/{supportId}/ta-bort).</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class RemoveSupportModel(FundingService funding) : PageModel, IReloadsOnError
{
    [FromRoute] public Guid MunicipalityId { get; set; }
    [FromRoute] public Guid SupportId { get; set; }

    public OtherSupportDto Support { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        await ReloadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await ReloadAsync(); // 404 for a registration outside the user's scope
        await funding.RemoveSupportAsync(MunicipalityId, SupportId, ct);
        TempData["Message"] = $"Registreringen av stödet till ”{Support.Activity}” är borttagen.";
        return Redirect($"/kommuner/{MunicipalityId}/annat-stod");
    }

    public async Task ReloadAsync() =>
        Support = await funding.FindSupportAsync(MunicipalityId, SupportId, HttpContext.RequestAborted) ?? throw new RecordNotFoundException("Stödet");
}
