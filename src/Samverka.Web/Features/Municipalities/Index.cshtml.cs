using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Municipalities;

[Authorize(Policy = Policies.MunicipalStaff)]
public sealed class IndexModel(MunicipalityService municipalities, CurrentUserAccessor me) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "sida")]
    public int? PageNumber { get; set; }

    public Page<MunicipalityDto> Result { get; private set; } = null!;
    public bool CanCreate => me.User.Allows(Policies.SystemAdministration);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Result = await municipalities.ListAsync(PageNumber, 50, ct);
        // Someone who works for one municipality goes straight to it.
        return Result.Total == 1 && !me.User.SeesAllMunicipalities ? Redirect($"/kommuner/{Result.Items[0].Id}") : Page();
    }
}
