using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;

namespace Samverka.Web.Features.Partnerships.FollowUp;

/// <summary>Follow-up (/partnerskap/{id}/uppfoljning): the calendar, the yearly report with its statements and assessment, tripartite reviews, the quarterly follow-up and coordination meetings.</summary>
public sealed class FollowUpModel(PartnershipService partnerships, FollowUpService followUp, Activities.ActivityService activities, TimeProvider clock) : PartnershipPage(partnerships)
{
    public override string Section => "uppfoljning";

    /// <summary>The calendar's records; the quarterly draft and the year's key figures read only their quarter's and year's records.</summary>
    protected override RecordKinds Reads => RecordKinds.FollowUps | RecordKinds.Quarterly | RecordKinds.Reviews | RecordKinds.Coordination;

    [BindProperty] public FollowUpInput FollowUp { get; set; } = new();
    [BindProperty] public AssessmentInput Assess { get; set; } = new();
    [BindProperty] public StatementInput Statement { get; set; } = new();
    [BindProperty] public IFormFile? StatementFile { get; set; }
    [BindProperty] public ReviewInput Review { get; set; } = new();
    [BindProperty] public QuarterlyInput Quarter { get; set; } = new();
    [BindProperty] public CoordinationInput Coordination { get; set; } = new();

    public IReadOnlyList<SelectListItem> AssessYearOptions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> StatementYearOptions { get; private set; } = [];

    public IReadOnlyList<SelectListItem> StatementKindOptions { get; } =
        Enum.GetValues<StatementKind>().Select(k => new SelectListItem(k.Swedish(), k.ToString())).ToList();

    /// <summary>The quarter the quarterly form is for, and its draft: the one asked for (?kvartal=2026-2, a finished quarter still owed), else the latest finished.</summary>
    public (int Year, int Quarter, string Draft)? LatestQuarter { get; private set; }

    /// <summary>The finished quarters still owed, to switch the form to; earlier quarters can be completed too.</summary>
    public IReadOnlyList<(int Year, int Quarter)> OpenQuarters { get; private set; } = [];

    [FromQuery(Name = "kvartal")]
    public string? ChosenQuarter { get; set; }

    /// <summary>The year the yearly report is most likely for (the one before today's, within the term) and its key figures from the log.</summary>
    private int ReportYear { get; set; }

    private IReadOnlyDictionary<string, decimal> ReportFigures { get; set; } = new Dictionary<string, decimal>();

    public Task<IActionResult> OnPostFollowUpAsync(CancellationToken ct) =>
        Done(nameof(FollowUp), () => followUp.SubmitFollowUpAsync(Id, FollowUp, ct), "Årsuppföljningen är inlämnad.", "uppfoljning");

    public Task<IActionResult> OnPostAssessAsync(CancellationToken ct) =>
        Done(nameof(Assess), () => followUp.AssessFollowUpAsync(Id, Assess, ct), "Bedömningen är sparad.", "uppfoljning");

    public Task<IActionResult> OnPostStatementAsync(CancellationToken ct) =>
        Done(nameof(Statement), () => followUp.AttachStatementAsync(Id, Statement.Year, Statement.Kind, StatementFile, Statement, ct), "Filen är bifogad.", "uppfoljning");

    public Task<IActionResult> OnPostReviewAsync(CancellationToken ct) =>
        Done(nameof(Review), () => followUp.RecordReviewAsync(Id, Review, ct), "Trepartssamtalet är registrerat.", "uppfoljning-lopande");

    public Task<IActionResult> OnPostQuarterAsync(CancellationToken ct) =>
        Done(nameof(Quarter), () => followUp.SaveQuarterlyAsync(Id, Quarter, ct), "Kvartalsuppföljningen är sparad.", "uppfoljning-lopande");

    public Task<IActionResult> OnPostCoordinationAsync(CancellationToken ct) =>
        Done(nameof(Coordination), () => followUp.RecordCoordinationAsync(Id, Coordination, ct), "Samverkansmötet är registrerat.", "samverkan");

    protected override async Task LoadAsync(CancellationToken ct)
    {
        await base.LoadAsync(ct);
        AssessYearOptions = Years(Partnership.FollowUps.Where(f => f.Assessment is null));
        StatementYearOptions = Years(Partnership.FollowUps.Where(f => f.Assessment != Assessment.Approved));
        // The latest quarter of the term that is over, with its draft as it reads now.
        var today = Swedish.Today(clock);
        var lastEnded = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1).AddDays(-1); // the last day of the previous quarter
        var end = lastEnded < Partnership.TermEnd ? lastEnded : Partnership.TermEnd;
        OpenQuarters = await followUp.OpenQuartersAsync(Id, ct);
        if (end >= Partnership.TermStart)
        {
            var latest = (end.Year, (end.Month - 1) / 3 + 1);
            // The quarter just posted (a refused save shows the same quarter again), else the one asked for in the link.
            var asked = Quarter is { Year: { } py, Quarter: { } pq } ? (py, pq)
                : ChosenQuarter?.Split('-') is [var y, var q] && int.TryParse(y, out var year) && int.TryParse(q, out var quarter) ? (year, quarter) : ((int, int)?)null;
            var chosen = asked is { } a && (OpenQuarters.Contains(a) || a == latest) ? a : latest;
            LatestQuarter = (chosen.Item1, chosen.Item2, await followUp.DraftAsync(Id, chosen.Item1, chosen.Item2, ct));
        }

        ReportYear = Math.Clamp(Swedish.Today(clock).Year - 1, Partnership.TermStart.Year, Partnership.TermEnd.Year);
        ReportFigures = await activities.YearFiguresAsync(Id, ReportYear, ct);
    }

    protected override void Fill(string? except)
    {
        if (except != nameof(FollowUp))
        {
            // Prefilled from the activity log: the agreement's key figures summed for the year, and the nights walked.
            FollowUp = new()
            {
                Year = ReportYear,
                KeyFigures = ReportFigures.Select(f => new KeyFigureInput { Name = f.Key, Value = f.Value == 0 ? null : Swedish.Number(f.Value) }).ToList(),
            };
        }

        while (FollowUp.KeyFigures.Count < 3)
        {
            FollowUp.KeyFigures.Add(new());
        }

        if (except != nameof(Quarter) && LatestQuarter is { } chosen
            && Partnership.Quarterly.FirstOrDefault(q => q.Year == chosen.Year && q.Quarter == chosen.Quarter) is { } saved)
        {
            // Completing a quarter saved earlier: what is recorded fills the form.
            Quarter = new() { Completion = saved.Completion, PresentedToCommittee = saved.PresentedToCommittee, PresentedToBoard = saved.PresentedToBoard };
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
    }

    private static List<SelectListItem> Years(IEnumerable<YearlyFollowUp> reports) =>
        reports.Select(f => f.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(y => new SelectListItem(y, y)).ToList();
}
