using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Partnerships;

/// <summary>
/// The partnership's people (/partnerskap/{id}/deltagare): who works in it, and, for them only, the
/// young people referred to the activity. Everyone else sees the team and a notice, never a participant.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ParticipantsModel(PersonalDataService personalData, TimeProvider clock) : PageModel, IReloadsOnError, IHasSeveralForms
{
    [FromRoute]
    public Guid Id { get; set; }

    [FromQuery(Name = "sida")]
    public int? PageNumber { get; set; }

    [BindProperty] public TeamInput Team { get; set; } = new();
    [BindProperty] public ReferInput Refer { get; set; } = new();
    [BindProperty] public RemoveFromTeamInput Remove { get; set; } = new();

    public string FormPrefix { get; private set; } = "";
    public DateOnly Today => Swedish.Today(clock);
    public Partnership Partnership { get; private set; } = null!;
    public PersonalDataAccess Access { get; private set; } = new(false, false);
    public IReadOnlyList<TeamMemberDto> Members { get; private set; } = [];
    public IReadOnlyList<TeamChangeDto> History { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Candidates { get; private set; } = [];
    public IReadOnlyList<SelectListItem> MemberOptions => Members.Select(m => new SelectListItem($"{m.Name} ({m.Side})", m.Id.ToString())).ToList();
    public IReadOnlyList<SelectListItem> MeetingOptions { get; private set; } = [];
    public Page<ParticipantDto> List { get; private set; } = new([], 1, 50, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostTeamAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Team);
        var member = await personalData.AddToTeamAsync(Id, Team, ct);
        TempData["Message"] = $"{member.Name} arbetar nu i partnerskapet.";
        return Redirect($"/partnerskap/{Id}/deltagare#team");
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Remove);
        await personalData.RemoveFromTeamAsync(Id, Remove.MemberId ?? Guid.Empty, Remove.Reason, ct);
        TempData["Message"] = "Personen arbetar inte längre i partnerskapet.";
        return Redirect($"/partnerskap/{Id}/deltagare#team");
    }

    public async Task<IActionResult> OnPostReferAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Refer);
        var participant = await personalData.ReferAsync(Id, Refer, ct);
        TempData["Message"] = "Deltagaren är registrerad. Registrera samtycket innan praktiken börjar.";
        return Redirect($"/partnerskap/{Id}/deltagare/{participant.Id}");
    }

    public Task ReloadAsync() => LoadAsync(HttpContext.RequestAborted);

    private async Task LoadAsync(CancellationToken ct)
    {
        (Partnership, Access) = await personalData.AccessAsync(Id, ct);
        Members = await personalData.TeamAsync(Id, ct);
        History = await personalData.TeamHistoryAsync(Id, ct);
        if (Access.ManageTeam)
        {
            var on = Members.Select(m => m.UserId).ToHashSet();
            Candidates = (await personalData.CandidatesAsync(Partnership, ct)).Where(c => !on.Contains(c.UserId))
                .Select(c => new SelectListItem($"{c.Name} ({c.Side})", c.UserId.ToString())).ToList();
        }

        if (Access.OnTeam)
        {
            List = await personalData.ParticipantsAsync(Id, PageNumber, ct);
            MeetingOptions = Partnership.Coordination.OrderByDescending(c => c.Date)
                .Select(c => new SelectListItem($"{Swedish.Date(c.Date)}, {c.ReferringUnit}", c.Id.ToString())).ToList();
            // The latest coordination meeting is the likeliest; a refused form keeps the one chosen.
            Refer.CoordinationMeetingId ??= Partnership.Coordination.OrderByDescending(c => c.Date).Select(c => (Guid?)c.Id).FirstOrDefault();
        }
    }
}
