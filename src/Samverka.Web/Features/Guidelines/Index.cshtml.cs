using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Web.Features.Municipalities;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Guidelines;

/// <summary>A municipality's guidelines (/kommuner/{id}/riktlinjer) or one version of them (/riktlinjer/{id}).</summary>
[Authorize(Policy = Policies.MunicipalStaff)]
public sealed class IndexModel(GuidelineService guidelines, MunicipalityService municipalities, CurrentUserAccessor me) : PageModel
{
    [FromRoute]
    public Guid? MunicipalityId { get; set; }

    [FromRoute]
    public Guid? Id { get; set; }

    public string MunicipalityName { get; private set; } = "";
    public GuidelineDto? Shown { get; private set; }
    public IReadOnlyList<GuidelineSummaryDto> Versions { get; private set; } = [];
    public bool CanAdopt => me.User.Allows(Policies.ManageMunicipality);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var version = Id is { } id ? await guidelines.FindAsync(id, ct) : null;
        if (Id is not null && version is null)
        {
            return NotFound();
        }

        MunicipalityId ??= version?.MunicipalityId;
        if (MunicipalityId is not { } municipalityId || await municipalities.FindAsync(municipalityId, ct) is not { } municipality)
        {
            return NotFound();
        }

        MunicipalityName = municipality.Name;
        version ??= await guidelines.CurrentAsync(municipalityId, ct);
        Shown = version is null ? null : await guidelines.ToDtoAsync(version, ct);
        Versions = await guidelines.VersionsAsync(municipalityId, ct);
        return Page();
    }
}
