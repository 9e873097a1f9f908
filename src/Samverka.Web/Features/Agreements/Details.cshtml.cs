using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Agreements;
using Samverka.Domain.Cases;
using Samverka.Domain.Formatting;
using Samverka.Web.Data;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Agreements;

/// <summary>
/// One agreement (/overenskommelser/{id}): its state and what is missing, the two-party budget with
/// computed totals and warnings, the sections, the structured facts, signing and the versions.
/// Every form posts to its own handler with the version seen; every accepted save is a new version.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DetailsModel(AgreementService agreements, SamverkaDbContext db, CurrentUserAccessor me, TimeProvider clock)
    : PageModel, IReloadsOnError, IHasSeveralForms
{
    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty] public SectionInput Section { get; set; } = new();
    [BindProperty] public FactsInput Facts { get; set; } = new();
    [BindProperty] public TermInput Term { get; set; } = new();
    [BindProperty] public SteeringGroupInput Steering { get; set; } = new();
    [BindProperty] public LineInput Line { get; set; } = new();
    [BindProperty] public StatedTotalInput Stated { get; set; } = new();
    [BindProperty] public SignatoriesInput Signers { get; set; } = new();
    [BindProperty] public AgreementVersionInput Approve { get; set; } = new();
    [BindProperty] public ConsultationInput Consultation { get; set; } = new();
    [BindProperty] public SignInput Sign { get; set; } = new();
    [BindProperty] public ScanInput Scan { get; set; } = new();
    [BindProperty] public IFormFile? ScanFile { get; set; }
    [BindProperty] public AmendmentDecisionInput AmendmentDecision { get; set; } = new();

    public string FormPrefix { get; private set; } = "";
    public AgreementDto Agreement { get; private set; } = null!;
    public Page<AgreementVersionDto> Versions { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, int Number, AgreementState State)> Amendments { get; private set; } = [];
    public (Guid Id, string Title, CaseState State)? Case { get; private set; }
    public Guid? PartnershipId { get; private set; }
    public IReadOnlyList<SelectListItem> PartyOptions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> YearOptions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> CategoryOptions { get; } =
        Enum.GetValues<BudgetCategory>().Select(c => new SelectListItem(c.Swedish(), c.ToString())).ToList();

    public bool CanReadAudit => me.User.Allows(Policies.ReadAudit);
    public bool Editable => Agreement.Permissions.Edit && Agreement.State == AgreementState.Draft;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        FillForms(except: null);
        return Page();
    }

    public Task<IActionResult> OnPostSectionAsync(CancellationToken ct) =>
        Done(nameof(Section), () => agreements.EditSectionAsync(Id, Section, ct), $"Avsnitt {Section.Number} är sparat.", $"avsnitt-{Section.Number}", $"avsnitt={Section.Number}");

    public Task<IActionResult> OnPostFactsAsync(CancellationToken ct) =>
        Done(nameof(Facts), () => agreements.SetFactsAsync(Id, Facts, ct), "Uppgifterna är sparade.", "uppgifter");

    public Task<IActionResult> OnPostTermAsync(CancellationToken ct) =>
        Done(nameof(Term), () => agreements.SetTermAsync(Id, Term, ct), "Avtalstiden är sparad.", "avtalstid");

    public Task<IActionResult> OnPostSteeringAsync(CancellationToken ct) =>
        Done(nameof(Steering), () => agreements.SetSteeringGroupAsync(Id, Steering, ct), "Styrgruppen är sparad.", "styrgrupp");

    public Task<IActionResult> OnPostLineAsync(CancellationToken ct) =>
        Done(nameof(Line), () => agreements.SaveLineAsync(Id, Line, ct), "Budgetraden är sparad.", "budget");

    public Task<IActionResult> OnPostStatedAsync(CancellationToken ct) =>
        Done(nameof(Stated), () => agreements.SetStatedTotalAsync(Id, Stated, ct), "Den angivna summan är sparad.", "budget");

    public Task<IActionResult> OnPostSignersAsync(CancellationToken ct) =>
        Done(nameof(Signers), () => agreements.SetSignatoriesAsync(Id, Signers, ct), "Undertecknarna är sparade.", "underskrifter");

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) =>
        Done(nameof(Approve), () => agreements.ApproveByCaseDecisionAsync(Id, Approve, ct), "Överenskommelsen är fastställd genom ärendets beslut och kan skrivas under.", "underskrifter");

    public Task<IActionResult> OnPostConsultationAsync(CancellationToken ct) =>
        Done(nameof(Consultation), () => agreements.RecordConsultationAsync(Id, Consultation, ct), "Samrådet är registrerat.", "underskrifter");

    public Task<IActionResult> OnPostSignAsync(CancellationToken ct) =>
        Done(nameof(Sign), () => agreements.SignAsync(Id, Sign, ct), "Underskriften är registrerad.", "underskrifter");

    public Task<IActionResult> OnPostScanAsync(CancellationToken ct) =>
        Done(nameof(Scan), () => agreements.AttachScanAsync(Id, Scan.Version, ScanFile, Scan.Correction, ct),
            Scan.Correction is null ? "Den inskannade överenskommelsen är bifogad." : "Rättelsen är bifogad; den tidigare kopian finns kvar.", "underskrifter");

    public Task<IActionResult> OnPostAmendmentDecisionAsync(CancellationToken ct) =>
        Done(nameof(AmendmentDecision), () => agreements.RecordAmendmentDecisionAsync(Id, AmendmentDecision, ct), "Beslutet om tillägget är registrerat; tillägget kan skrivas under.", "underskrifter");

    public async Task<IActionResult> OnPostAmendAsync(CancellationToken ct)
    {
        FormPrefix = "Amend";
        var amendment = await agreements.AmendAsync(Id, ct);
        TempData["Message"] = $"Tillägg {amendment.AmendmentNumber} är upprättat som utkast.";
        return Redirect($"/overenskommelser/{amendment.Id}");
    }

    public async Task ReloadAsync()
    {
        await LoadAsync(HttpContext.RequestAborted);
        FillForms(except: FormPrefix);
    }

    /// <summary>The forms show what is recorded; the one just refused keeps what the user typed.</summary>
    private void FillForms(string? except)
    {
        var a = Agreement;
        if (except != nameof(Facts))
        {
            Facts = new()
            {
                TargetGroup = a.Facts.TargetGroup, AgeFrom = a.Facts.AgeFrom, AgeTo = a.Facts.AgeTo, DecidingCommittee = a.Facts.DecidingCommittee,
                ResponsibleOffice = a.Facts.ResponsibleOffice, ResponsiblePerson = a.Facts.ResponsiblePerson, DecisionRule = a.Facts.DecisionRule,
                MeetingRhythm = a.Facts.MeetingRhythm, FollowUpForms = a.Facts.FollowUpForms,
                KeyFigures = string.Join("\n", a.Facts.KeyFigures ?? []),
            };
        }

        if (except != nameof(Term))
        {
            Term = new() { TermStart = a.TermStart, TermEnd = a.TermEnd, ExtensionDecidedIn = a.Facts.ExtensionDecidedIn?.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) };
        }

        if (except != nameof(Steering))
        {
            Steering = new() { Members = [.. a.SteeringGroup.Select(m => new MemberInput { PartyId = m.PartyId, Name = m.Name, Role = m.Role }), .. Blank(a, 2, p => new MemberInput { PartyId = p })] };
        }

        if (except != nameof(Signers))
        {
            Signers = new() { Signatories = [.. a.Signatories.Select(s => new SignatoryInput { Id = s.Id, PartyId = s.PartyId, Name = s.Name, Title = s.Title }), .. Blank(a, 1, p => new SignatoryInput { PartyId = p })] };
        }

        if (except != nameof(Line))
        {
            Line = new() { Year = a.TermStart?.Year };
        }

        if (except != nameof(Consultation))
        {
            Consultation = new() { On = a.Consultation?.On, Legal = a.Consultation?.Legal, Finance = a.Consultation?.Finance };
        }

        if (except != nameof(Sign))
        {
            Sign = new() { SignedOn = Swedish.Date(Swedish.Today(clock)) };
        }
    }

    /// <summary>Empty rows to fill in: one per party, <paramref name="each"/> times.</summary>
    private static IEnumerable<T> Blank<T>(AgreementDto a, int each, Func<Guid, T> row) =>
        Enumerable.Range(0, each).SelectMany(_ => a.Parties.Select(p => row(p.Id)));

    private async Task<IActionResult> Done(string form, Func<Task<Agreement>> change, string message, string anchor, string? query = null)
    {
        FormPrefix = form;
        await change();
        TempData["Message"] = message;
        return Redirect($"/overenskommelser/{Id}{(query is null ? "" : "?" + query)}#{anchor}");
    }

    /// <summary>The section to show open (the one just saved); the others read as their headings until opened.</summary>
    [FromQuery(Name = "avsnitt")]
    public int? OpenSection { get; set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        var a = await agreements.FindAsync(Id, ct) ?? throw new RecordNotFoundException("Överenskommelsen");
        Agreement = await agreements.ToDtoAsync(a, ct);
        Versions = (await agreements.VersionsAsync(Id, 1, 10, ct))!;
        Amendments = (await db.Agreements.AsNoTracking().Where(x => x.AmendsId == a.Id).OrderBy(x => x.AmendmentNumber)
            .Select(x => new { x.Id, x.AmendmentNumber, x.State }).Take(50).ToListAsync(ct)).Select(x => (x.Id, x.AmendmentNumber, x.State)).ToList();
        if (a.CaseId is { } caseId && await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.Id, c.Title, c.State }).FirstOrDefaultAsync(ct) is { } c)
        {
            Case = (c.Id, c.Title, c.State);
        }

        PartnershipId = await db.Partnerships.AsNoTracking().Where(p => p.AgreementId == a.Id).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        PartyOptions = Agreement.Parties.Select(p => new SelectListItem(p.Name, p.Id.ToString())).ToList();
        YearOptions = Agreement.TermStart is { } start && Agreement.TermEnd is { } end
            ? Enumerable.Range(start.Year, end.Year - start.Year + 1).Select(y => new SelectListItem(y.ToString(System.Globalization.CultureInfo.InvariantCulture), y.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList()
            : [];
    }
}
