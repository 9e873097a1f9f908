using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samverka.Domain.Formatting;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Partnerships;

/// <summary>One participant (/partnerskap/{id}/deltagare/{participantId}): consent, placements, day notes, and the person's own data on request. Found only by the team.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ParticipantModel(PersonalDataService personalData, TimeProvider clock) : PageModel, IReloadsOnError, IHasSeveralForms
{
    [FromRoute]
    public Guid Id { get; set; }

    [FromRoute]
    public Guid ParticipantId { get; set; }

    [FromQuery(Name = "sida")]
    public int? PageNumber { get; set; }

    [BindProperty] public ConsentInput Consent { get; set; } = new();
    [BindProperty] public WithdrawInput Withdraw { get; set; } = new();
    [BindProperty] public PlacementInput Placement { get; set; } = new();
    [BindProperty] public EndPlacementInput EndPlacement { get; set; } = new();
    [BindProperty] public DayNoteInput Note { get; set; } = new();

    public string FormPrefix { get; private set; } = "";
    public string Title { get; private set; } = "";
    public bool Ended { get; private set; }
    public ParticipantDto Participant { get; private set; } = null!;
    public Page<DayNoteDto> Notes { get; private set; } = new([], 1, 50, 0);
    public IReadOnlyList<SelectListItem> OpenPlacements { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Fill(null);
        return Page();
    }

    /// <summary>Everything kept about the person, as a file to hand over on request (the hand-out is logged).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        File(await personalData.ExportAsync(Id, ParticipantId, ct), "application/json; charset=utf-8", "registerutdrag.json");

    public Task<IActionResult> OnPostConsentAsync(CancellationToken ct) =>
        Done(nameof(Consent), () => personalData.GiveConsentAsync(Id, ParticipantId, Consent, ct), "Samtycket är registrerat.", "samtycke");

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Withdraw);
        await personalData.WithdrawConsentAsync(Id, ParticipantId, Withdraw, ct);
        TempData["Message"] = "Samtycket är återkallat. Praktiken är avslutad och namn, födelsedatum och daganteckningar är raderade.";
        return Redirect($"/partnerskap/{Id}/deltagare");
    }

    public Task<IActionResult> OnPostPlacementAsync(CancellationToken ct) =>
        Done(nameof(Placement), () => personalData.PlaceAsync(Id, ParticipantId, Placement, ct), "Praktiken är registrerad.", "praktik");

    public Task<IActionResult> OnPostEndPlacementAsync(CancellationToken ct) =>
        Done(nameof(EndPlacement), () => personalData.EndPlacementAsync(Id, ParticipantId, EndPlacement, ct), "Praktiken är avslutad.", "praktik");

    public async Task<IActionResult> OnPostNoteAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Note);
        await personalData.WriteNoteAsync(Id, ParticipantId, Note, ct);
        TempData["Message"] = "Anteckningen är sparad.";
        return Redirect($"/partnerskap/{Id}/deltagare/{ParticipantId}#anteckningar");
    }

    public async Task ReloadAsync()
    {
        await LoadAsync(HttpContext.RequestAborted);
        Fill(FormPrefix);
    }

    private void Fill(string? except)
    {
        var today = Swedish.Today(clock);
        if (except != nameof(Consent))
        {
            Consent = new() { GivenOn = today };
        }

        if (except != nameof(Note))
        {
            Note = new() { Date = today };
        }
    }

    private async Task<IActionResult> Done(string form, Func<Task<ParticipantDto>> change, string message, string anchor)
    {
        FormPrefix = form;
        await change();
        TempData["Message"] = message;
        return Redirect($"/partnerskap/{Id}/deltagare/{ParticipantId}#{anchor}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var (partnership, _) = await personalData.AccessAsync(Id, ct);
        (Title, Ended) = (partnership.Title, partnership.Ended is not null);
        Participant = personalData.ToDto(await personalData.FindAsync(Id, ParticipantId, ct));
        Notes = await personalData.NotesAsync(ParticipantId, PageNumber, ct);
        OpenPlacements = Participant.Placements.Where(p => p.End is null || p.End > Swedish.Today(clock))
            .Select(p => new SelectListItem($"{p.Workplace} från {Swedish.Date(p.Start)}", p.Id.ToString())).ToList();
    }
}
