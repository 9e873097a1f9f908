using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Cases;

/// <summary>An initiative (/arenden/nytt): by a representative for their organisation, or by an official on an organisation's behalf.</summary>
[Authorize(Policy = Policies.OpenCases)]
public sealed class NewModel(CaseService cases, CurrentUserAccessor me) : PageModel, IReloadsOnError
{
    [BindProperty]
    public InitiativeInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> MunicipalityOptions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> OrganisationOptions { get; private set; } = [];
    public bool IsRepresentative => me.User.IsOrganisationBound;

    private IReadOnlyList<NamedDto> _municipalities = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ReloadAsync();
        Input.MunicipalityId ??= me.User.MunicipalityIds.FirstOrDefault() is var own && own != Guid.Empty ? own
            : await cases.LikelyMunicipalityAsync(_municipalities, ct); // a representative: preselected when only one is likely
        if (OrganisationOptions.Count == 1)
        {
            Input.OrganisationId = Guid.Parse(OrganisationOptions[0].Value);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var c = await cases.OpenAsync(Input, ct);
        TempData["Message"] = IsRepresentative ? "Initiativet är registrerat. Kommunen hör av sig för att inleda en dialog med er." : "Initiativet är registrerat. Nästa steg är att inleda dialogen med organisationen.";
        return Redirect($"/arenden/{c.Id}");
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        _municipalities = await cases.MunicipalitiesWithGuidelinesAsync(ct);
        MunicipalityOptions = _municipalities.Select(m => new SelectListItem(m.Name, m.Id.ToString())).ToList();
        OrganisationOptions = (await cases.OwnOrganisationsAsync(ct)).Select(o => new SelectListItem(o.Name, o.Id.ToString())).ToList();
    }
}
