using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Domain.Municipalities;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Municipalities;

[Authorize(Policy = Policies.MunicipalStaff)]
public sealed class DetailsModel(MunicipalityService municipalities, Guidelines.GuidelineService guidelines, CurrentUserAccessor me, TimeProvider clock) : PageModel
{
    public Municipality Municipality { get; private set; } = null!;
    public IReadOnlyList<CommitteeDto> Committees { get; private set; } = [];
    public MandatePeriod Period { get; private set; }
    public Guidelines.GuidelineDto? Guideline { get; private set; }
    public bool CanManage => me.User.Allows(Policies.ManageMunicipality);
    public bool CanSeeHistory => me.User.Allows(Policies.ReadAudit);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await municipalities.FindAsync(id, ct) is not { } municipality)
        {
            return NotFound();
        }

        Municipality = municipality;
        Committees = await municipalities.CommitteesAsync(id, ct);
        Period = MandatePeriod.Containing(Domain.Formatting.Swedish.Today(clock));
        Guideline = await guidelines.CurrentAsync(id, ct) is { } current ? await guidelines.ToDtoAsync(current, ct) : null;
        return Page();
    }
}
