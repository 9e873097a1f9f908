using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Partnerships.Renewal;

/// <summary>Renegotiation and ending (/partnerskap/{id}/fornyelse): renewal dates, declining to extend, renewal as a new case, renegotiation to an amendment or a decision to leave, closing and termination.</summary>
public sealed class RenewalModel(PartnershipService partnerships, RenewalService renewals, CurrentUserAccessor me, TimeProvider clock) : PartnershipPage(partnerships)
{
    public override string Section => "fornyelse";

    protected override RecordKinds Reads => RecordKinds.None;

    [BindProperty] public RenegotiationInput Renegotiation { get; set; } = new();
    [BindProperty] public RenegotiationNoteInput RenegotiationNote { get; set; } = new();
    [BindProperty] public LeaveInput LeavePartnership { get; set; } = new();
    [BindProperty] public DeclineInput Decline { get; set; } = new();
    [BindProperty] public EndInput End { get; set; } = new();

    /// <summary>The parties the user may decline an extension for: their own.</summary>
    public IReadOnlyList<SelectListItem> OwnPartyOptions { get; private set; } = [];

    public Task<IActionResult> OnPostRenegotiationAsync(CancellationToken ct) =>
        Done(nameof(Renegotiation), () => renewals.StartAsync(Id, Renegotiation, ct), "Omförhandlingen är inledd.", "fornyelse");

    public Task<IActionResult> OnPostRenegotiationNoteAsync(CancellationToken ct) =>
        Done(nameof(RenegotiationNote), () => renewals.LogAsync(Id, RenegotiationNote, ct), "Samtalet är loggat.", "fornyelse");

    public Task<IActionResult> OnPostLeavePartnershipAsync(CancellationToken ct) =>
        Done(nameof(LeavePartnership), () => renewals.LeaveAsync(Id, LeavePartnership, ct), "Beslutet att lämna är registrerat; partnerskapet upphör.", "slut");

    public Task<IActionResult> OnPostDeclineAsync(CancellationToken ct) =>
        Done(nameof(Decline), () => renewals.DeclineAsync(Id, Decline, ct), "Förlängningen är avböjd.", "fornyelse");

    public Task<IActionResult> OnPostEndAsync(CancellationToken ct) =>
        Done(nameof(End), () => Partnerships.EndAsync(Id, End, ct), End.Terminate == true ? "Partnerskapet är hävt." : "Partnerskapet är avslutat.", "slut");

    /// <summary>Whether the term has run out, so closing is offered (before that a partnership can only be terminated or left).</summary>
    public bool TermOver => Swedish.Today(clock) > Partnership.TermEnd;

    public async Task<IActionResult> OnPostAmendmentAsync(CancellationToken ct)
    {
        FormPrefix = nameof(RenegotiationNote);
        var opened = await renewals.DraftAmendmentAsync(Id, ct);
        TempData["Message"] = "Tillägget är upprättat. Ändra det, registrera beslutet och låt parterna skriva under; då gäller det i partnerskapet.";
        return Redirect(opened.Url);
    }

    public async Task<IActionResult> OnPostRenewAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Decline);
        var opened = await renewals.RenewAsync(Id, ct);
        TempData["Message"] = "Ärendet om en ny överenskommelse är öppnat, med gällande överenskommelse som utkast.";
        return Redirect(opened.Url);
    }

    protected override async Task LoadAsync(CancellationToken ct)
    {
        await base.LoadAsync(ct);
        var user = me.User;
        OwnPartyOptions = Partnership.Parties.Where(x => user.SeesAllMunicipalities
                || (x.Kind == Domain.Agreements.PartyKind.Municipality && user.MunicipalityIds.Contains(x.Id))
                || (x.Kind == Domain.Agreements.PartyKind.Organisation && user.OrganisationIds.Contains(x.Id)))
            .Select(x => new SelectListItem(x.Name, x.Id.ToString())).ToList();
    }

    protected override void Fill(string? except)
    {
        var today = Swedish.Today(clock);
        if (except != nameof(Decline))
        {
            Decline = new() { On = today, PartyId = OwnPartyOptions.Count == 1 ? Guid.Parse(OwnPartyOptions[0].Value) : null };
        }

        if (except != nameof(RenegotiationNote))
        {
            RenegotiationNote = new() { Date = today };
        }
    }
}
