using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Partnerships;

/// <summary>One partnership (/partnerskap/{id}): the meeting plan and the meetings held, the yearly follow-ups and the payments.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DetailsModel(PartnershipService partnerships, RenewalService renewals, CurrentUserAccessor me, TimeProvider clock) : PageModel, IReloadsOnError, IHasSeveralForms
{
    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty] public MeetingInput Meeting { get; set; } = new();
    [BindProperty] public FollowUpInput FollowUp { get; set; } = new();
    [BindProperty] public AssessmentInput Assess { get; set; } = new();
    [BindProperty] public PaidInput Paid { get; set; } = new();
    [BindProperty] public UsageInput Usage { get; set; } = new();
    [BindProperty] public ClaimInput Claim { get; set; } = new();
    [BindProperty] public SettleInput Settle { get; set; } = new();
    [BindProperty] public SurplusInput Surplus { get; set; } = new();
    [BindProperty] public CoordinationInput Coordination { get; set; } = new();
    [BindProperty] public EndInput End { get; set; } = new();
    [BindProperty] public ReviewInput Review { get; set; } = new();
    [BindProperty] public QuarterlyInput Quarter { get; set; } = new();
    [BindProperty] public SteeringMemberInput Member { get; set; } = new();
    [BindProperty] public SteeringLeaveInput Leave { get; set; } = new();
    [BindProperty] public IntervalInput Interval { get; set; } = new();
    [BindProperty] public StatementInput Statement { get; set; } = new();
    [BindProperty] public RenegotiationInput Renegotiation { get; set; } = new();
    [BindProperty] public RenegotiationNoteInput RenegotiationNote { get; set; } = new();
    [BindProperty] public LeaveInput LeavePartnership { get; set; } = new();
    [BindProperty] public DeclineInput Decline { get; set; } = new();

    /// <summary>The parties the user may decline an extension for: their own.</summary>
    public IReadOnlyList<SelectListItem> OwnPartyOptions { get; private set; } = [];
    [BindProperty] public IFormFile? StatementFile { get; set; }
    [BindProperty] public MeetingFileInput MeetingFile { get; set; } = new();
    [BindProperty] public IFormFile? MeetingUpload { get; set; }

    public IReadOnlyList<SelectListItem> MeetingOptions { get; private set; } = [];

    public IReadOnlyList<SelectListItem> StatementYearOptions { get; private set; } = [];

    public IReadOnlyList<SelectListItem> StatementKindOptions { get; } =
        Enum.GetValues<StatementKind>().Select(k => new SelectListItem(k.Swedish(), k.ToString())).ToList();

    public IReadOnlyList<SelectListItem> PartyOptions { get; private set; } = [];

    public IReadOnlyList<SelectListItem> IntervalOptions { get; } =
        Enum.GetValues<Domain.Guidelines.Interval>().Select(i => new SelectListItem(Domain.Guidelines.IntervalTexts.Swedish(i), i.ToString())).ToList();

    /// <summary>The latest finished quarter of the term and its draft, for the quarterly form.</summary>
    public (int Year, int Quarter, string Draft)? LatestQuarter { get; private set; }

    public string FormPrefix { get; private set; } = "";
    public PartnershipDto Partnership { get; private set; } = null!;
    public IReadOnlyList<SelectListItem> MemberOptions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> YearOptions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> PaymentOptions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> AssessYearOptions { get; private set; } = [];

    public static IReadOnlyList<SelectListItem> KindOptions { get; } =
        Enum.GetValues<MeetingKind>().Select(k => new SelectListItem(k.Swedish(), k.ToString())).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Fill(null);
        return Page();
    }

    public Task<IActionResult> OnPostMeetingAsync(CancellationToken ct) =>
        Done(nameof(Meeting), () => partnerships.RecordMeetingAsync(Id, Meeting, ct), "Mötet är registrerat.", "moten");

    public Task<IActionResult> OnPostFollowUpAsync(CancellationToken ct) =>
        Done(nameof(FollowUp), () => partnerships.SubmitFollowUpAsync(Id, FollowUp, ct), "Årsuppföljningen är inlämnad.", "uppfoljning");

    public Task<IActionResult> OnPostAssessAsync(CancellationToken ct) =>
        Done(nameof(Assess), () => partnerships.AssessFollowUpAsync(Id, Assess, ct), "Bedömningen är sparad.", "uppfoljning");

    public Task<IActionResult> OnPostPaidAsync(CancellationToken ct) =>
        Done(nameof(Paid), () => partnerships.MarkPaidAsync(Id, Paid, ct), "Utbetalningen är markerad som gjord.", "utbetalningar");

    public Task<IActionResult> OnPostUsageAsync(CancellationToken ct) =>
        Done(nameof(Usage), () => partnerships.ReportUsageAsync(Id, Usage, ct), "Använda medel är redovisade.", "medel");

    public Task<IActionResult> OnPostClaimAsync(CancellationToken ct) =>
        Done(nameof(Claim), () => partnerships.ClaimRepaymentAsync(Id, Claim, ct), "Återbetalningskravet är registrerat.", "aterbetalning");

    public Task<IActionResult> OnPostSettleAsync(CancellationToken ct) =>
        Done(nameof(Settle), () => partnerships.SettleClaimAsync(Id, Settle, ct), "Kravet är reglerat.", "aterbetalning");

    public Task<IActionResult> OnPostSurplusAsync(CancellationToken ct) =>
        Done(nameof(Surplus), () => partnerships.RecordSurplusAsync(Id, Surplus, ct), "Överskottet är registrerat.", "aterbetalning");

    public Task<IActionResult> OnPostCoordinationAsync(CancellationToken ct) =>
        Done(nameof(Coordination), () => partnerships.RecordCoordinationAsync(Id, Coordination, ct), "Samverkansmötet är registrerat.", "samverkan");

    public Task<IActionResult> OnPostReviewAsync(CancellationToken ct) =>
        Done(nameof(Review), () => partnerships.RecordReviewAsync(Id, Review, ct), "Trepartssamtalet är registrerat.", "uppfoljning-lopande");

    public Task<IActionResult> OnPostQuarterAsync(CancellationToken ct) =>
        Done(nameof(Quarter), () => partnerships.SaveQuarterlyAsync(Id, Quarter, ct), "Kvartalsuppföljningen är sparad.", "uppfoljning-lopande");

    public Task<IActionResult> OnPostMemberAsync(CancellationToken ct) =>
        Done(nameof(Member), () => partnerships.AddSteeringMemberAsync(Id, Member, ct), "Ledamoten är tillagd.", "styrgrupp");

    public Task<IActionResult> OnPostLeaveAsync(CancellationToken ct) =>
        Done(nameof(Leave), () => partnerships.RemoveSteeringMemberAsync(Id, Leave, ct), "Ändringen av styrgruppen är sparad.", "styrgrupp");

    public Task<IActionResult> OnPostIntervalAsync(CancellationToken ct) =>
        Done(nameof(Interval), () => partnerships.ChangeIntervalAsync(Id, Interval, ct), "Utbetalningsplanen är ändrad.", "utbetalningar");

    public Task<IActionResult> OnPostStatementAsync(CancellationToken ct) =>
        Done(nameof(Statement), () => partnerships.AttachStatementAsync(Id, Statement.Year, Statement.Kind, StatementFile, Statement, ct), "Filen är bifogad.", "uppfoljning");

    public async Task<IActionResult> OnGetFileAsync(Guid fileId, CancellationToken ct) =>
        await partnerships.FileAsync(Id, fileId, ct) is { } f
            ? File(f.Content, Domain.Organisations.FileFormats.ContentType(f.Format), f.FileName)
            : NotFound();

    public Task<IActionResult> OnPostMeetingFileAsync(CancellationToken ct) =>
        Done(nameof(MeetingFile), () => partnerships.AttachToMeetingAsync(Id, MeetingFile.MeetingId, MeetingUpload, MeetingFile, ct), "Bilagan är sparad.", "moten");

    public Task<IActionResult> OnPostRenegotiationAsync(CancellationToken ct) =>
        Done(nameof(Renegotiation), () => renewals.StartAsync(Id, Renegotiation, ct), "Omförhandlingen är inledd.", "fornyelse");

    public Task<IActionResult> OnPostRenegotiationNoteAsync(CancellationToken ct) =>
        Done(nameof(RenegotiationNote), () => renewals.LogAsync(Id, RenegotiationNote, ct), "Samtalet är loggat.", "fornyelse");

    public Task<IActionResult> OnPostLeavePartnershipAsync(CancellationToken ct) =>
        Done(nameof(LeavePartnership), () => renewals.LeaveAsync(Id, LeavePartnership, ct), "Beslutet att lämna är registrerat; partnerskapet upphör.", "slut");

    public Task<IActionResult> OnPostDeclineAsync(CancellationToken ct) =>
        Done(nameof(Decline), () => renewals.DeclineAsync(Id, Decline, ct), "Förlängningen är avböjd.", "fornyelse");

    public async Task<IActionResult> OnPostAmendmentAsync(CancellationToken ct)
    {
        FormPrefix = "RenegotiationNote";
        var opened = await renewals.DraftAmendmentAsync(Id, ct);
        TempData["Message"] = "Tillägget är upprättat. Ändra det, registrera beslutet och låt parterna skriva under; då gäller det i partnerskapet.";
        return Redirect(opened.Url);
    }

    public async Task<IActionResult> OnPostRenewAsync(CancellationToken ct)
    {
        FormPrefix = "Decline";
        var opened = await renewals.RenewAsync(Id, ct);
        TempData["Message"] = "Ärendet om en ny överenskommelse är öppnat, med gällande överenskommelse som utkast.";
        return Redirect(opened.Url);
    }

    public Task<IActionResult> OnPostEndAsync(CancellationToken ct) =>
        Done(nameof(End), () => partnerships.EndAsync(Id, End, ct), End.Terminate ? "Partnerskapet är hävt." : "Partnerskapet är avslutat.", "slut");

    public IReadOnlyList<SelectListItem> ReasonOptions { get; } =
        Enum.GetValues<RepaymentReason>().Select(r => new SelectListItem(r.Swedish(), r.ToString())).ToList();

    public IReadOnlyList<SelectListItem> OpenClaimOptions { get; private set; } = [];

    public async Task ReloadAsync()
    {
        await LoadAsync(HttpContext.RequestAborted);
        Fill(FormPrefix);
    }

    private void Fill(string? except)
    {
        if (except != nameof(Meeting))
        {
            Meeting = new() { Date = Swedish.Today(clock) is var today && today <= Partnership.TermEnd ? today : Partnership.TermEnd };
        }

        // Two proposals to fill in, each with one possible objection; a refused form keeps what was typed.
        while (Meeting.Decisions.Count < 2)
        {
            Meeting.Decisions.Add(new());
        }

        foreach (var d in Meeting.Decisions.Where(d => d.Objections.Count == 0))
        {
            d.Objections.Add(new());
        }

        if (except != nameof(FollowUp))
        {
            var year = Math.Clamp(Swedish.Today(clock).Year - 1, Partnership.TermStart.Year, Partnership.TermEnd.Year);
            // Prefilled from the activity log: the agreement's key figures summed for the year, and the nights walked.
            FollowUp = new()
            {
                Year = year,
                KeyFigures = FiguresFor(year).Select(f => new KeyFigureInput { Name = f.Key, Value = f.Value == 0 ? null : Swedish.Number(f.Value) }).ToList(),
            };
        }

        if (except != nameof(Member))
        {
            Member = new() { On = Swedish.Today(clock) is var day && day <= Partnership.TermEnd ? day : Partnership.TermEnd };
        }

        if (except != nameof(Leave))
        {
            Leave = new() { On = Member.On ?? Swedish.Today(clock) };
        }

        if (except != nameof(Paid))
        {
            // The next payment that can be made is the one to mark.
            Paid = new() { PaymentId = Partnership.Payments.Where(x => x.PaidOn is null && !x.Cancelled && x.Blocker is null).OrderBy(x => x.DueOn).Select(x => (Guid?)x.Id).FirstOrDefault() };
        }

        if (except != nameof(Settle))
        {
            Settle = new() { ClaimId = Partnership.Claims.Where(c => c.Status == ClaimStatus.Open).Select(c => (Guid?)c.Id).FirstOrDefault() };
        }

        if (except != nameof(MeetingFile))
        {
            MeetingFile = new() { MeetingId = Partnership.Meetings.Select(m => (Guid?)m.Id).FirstOrDefault() }; // the latest meeting (listed newest first)
        }

        if (except != nameof(Assess))
        {
            Assess = new() { Year = Partnership.FollowUps.Where(f => f.Assessment is null).Select(f => (int?)f.Year).Min() };
        }

        if (except != nameof(Statement))
        {
            // The report waiting for its statements is most likely the latest one not yet approved.
            Statement = new() { Year = Partnership.FollowUps.Where(f => f.Assessment != Assessment.Approved).Select(f => (int?)f.Year).Max() };
        }

        if (except != nameof(Decline))
        {
            Decline = new() { On = Swedish.Today(clock), PartyId = OwnPartyOptions.Count == 1 ? Guid.Parse(OwnPartyOptions[0].Value) : null };
        }

        if (except != nameof(RenegotiationNote))
        {
            RenegotiationNote = new() { Date = Swedish.Today(clock) };
        }

        if (except != nameof(Usage))
        {
            Usage = new() { Lines = Partnership.Lines.Select(l => new UsageLineInput { LineId = l.Id }).ToList() };
        }

        while (FollowUp.KeyFigures.Count < 3)
        {
            FollowUp.KeyFigures.Add(new());
        }
    }

    /// <summary>The key figures of a year from the log, plus nights walked where the partnership has night walks.</summary>
    public Func<int, IReadOnlyDictionary<string, decimal>> FiguresFor { get; private set; } = _ => new Dictionary<string, decimal>();

    private async Task<IActionResult> Done(string form, Func<Task<Partnership>> change, string message, string anchor)
    {
        FormPrefix = form;
        await change();
        TempData["Message"] = message;
        return Redirect($"/partnerskap/{Id}#{anchor}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var p = await partnerships.FindAsync(Id, ct) ?? throw new RecordNotFoundException("Partnerskapet");
        Partnership = partnerships.ToDto(p);
        FiguresFor = year =>
        {
            var figures = p.KeyFigureTotals(year).ToDictionary();
            if (p.NightWalks.Any(n => n.Date.Year == year) && !figures.Keys.Any(k => k.Equals(Domain.Partnerships.Partnership.NightsWalked, StringComparison.OrdinalIgnoreCase)))
            {
                figures[Domain.Partnerships.Partnership.NightsWalked] = p.NightWalks.Count(n => n.Date.Year == year);
            }

            return figures;
        };
        PaymentOptions = Partnership.Payments.Where(x => x.PaidOn is null)
            .Select(x => new SelectListItem($"{x.Year}: {Swedish.Kronor(x.Amount)}", x.Id.ToString())).ToList();
        AssessYearOptions = Partnership.FollowUps.Where(f => f.Assessment is null)
            .Select(f => new SelectListItem(f.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), f.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var today = Swedish.Today(clock);
        var lastEnded = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1).AddDays(-1); // the last day of the previous quarter
        var end = lastEnded < p.TermEnd ? lastEnded : p.TermEnd;
        if (end >= p.TermStart)
        {
            var (year, quarter) = (end.Year, (end.Month - 1) / 3 + 1);
            LatestQuarter = (year, quarter, p.DraftQuarter(year, quarter));
        }

        OpenClaimOptions = Partnership.Claims.Where(c => c.Status == ClaimStatus.Open)
            .Select(c => new SelectListItem($"{Swedish.Date(c.ClaimedOn)}: {Swedish.Kronor(c.Amount)}", c.Id.ToString())).ToList();
        MemberOptions = Partnership.SteeringGroup.Select(m => new SelectListItem(m.Name, m.Name)).ToList();
        MeetingOptions = Partnership.Meetings.Select(m => new SelectListItem($"{Swedish.Date(m.Date)}, {m.Kind.Swedish().ToLowerInvariant()}", m.Id.ToString())).ToList();
        StatementYearOptions = Partnership.FollowUps.Where(f => f.Assessment != Assessment.Approved)
            .Select(f => new SelectListItem(f.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), f.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var user = me.User;
        OwnPartyOptions = Partnership.Parties.Where(x => user.SeesAllMunicipalities
                || (x.Kind == Domain.Agreements.PartyKind.Municipality && user.MunicipalityIds.Contains(x.Id))
                || (x.Kind == Domain.Agreements.PartyKind.Organisation && user.OrganisationIds.Contains(x.Id)))
            .Select(x => new SelectListItem(x.Name, x.Id.ToString())).ToList();
        PartyOptions = Partnership.Parties.Select(x => new SelectListItem(x.Name, x.Id.ToString())).ToList();
        YearOptions = Enumerable.Range(Partnership.TermStart.Year, Partnership.TermEnd.Year - Partnership.TermStart.Year + 1)
            .Select(y => new SelectListItem(y.ToString(System.Globalization.CultureInfo.InvariantCulture), y.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }
}
