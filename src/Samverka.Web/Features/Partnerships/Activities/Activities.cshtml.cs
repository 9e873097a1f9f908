using System.Text;
using Microsoft.AspNetCore.Mvc;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Partnerships.Activities;

/// <summary>The partnership's activities (/partnerskap/{id}/aktiviteter): the log with the agreement's key figures, and night walks with their open account.</summary>
public sealed class ActivitiesModel(PartnershipService partnerships, ActivityService activities, TimeProvider clock) : PartnershipPage(partnerships)
{
    public override string Section => "aktiviteter";

    /// <summary>The log (its year's sums and latest entries) and the night walks with their open account.</summary>
    protected override RecordKinds Reads => RecordKinds.Activities | RecordKinds.NightWalks;

    [BindProperty] public ActivityInput Activity { get; set; } = new();
    [BindProperty] public RateInput Rate { get; set; } = new();
    [BindProperty] public NightWalkInput Walk { get; set; } = new();

    /// <summary>The key figures of this year so far, summed from the log.</summary>
    public IReadOnlyDictionary<string, decimal> ThisYear { get; private set; } = new Dictionary<string, decimal>();
    public int Year { get; private set; }

    /// <summary>The open account as CSV, for publication: associations, nights and money, no names of walkers.</summary>
    public async Task<IActionResult> OnGetAccountAsync(int? year, CancellationToken ct)
    {
        var p = await Partnerships.FindAsync(Id, RecordKinds.NightWalks, ct) ?? throw new RecordNotFoundException("Partnerskapet");
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ActivityService.NightWalkAccountCsv(p, year))).ToArray(),
            "text/csv; charset=utf-8", "oppen-redovisning-nattvandring.csv");
    }

    public Task<IActionResult> OnPostActivityAsync(CancellationToken ct) =>
        Done(nameof(Activity), () => activities.LogActivityAsync(Id, Activity, ct), "Aktiviteten är loggad.", "logg");

    public Task<IActionResult> OnPostRateAsync(CancellationToken ct) =>
        Done(nameof(Rate), () => activities.SetNightWalkRateAsync(Id, Rate, ct), "Ersättningen per natt är sparad.", "nattvandring");

    public Task<IActionResult> OnPostWalkAsync(CancellationToken ct) =>
        Done(nameof(Walk), () => activities.RecordNightWalkAsync(Id, Walk, ct), "Natten är registrerad.", "nattvandring");

    protected override void Fill(string? except)
    {
        var today = Swedish.Today(clock);
        var defaultDay = today <= Partnership.TermEnd ? today : Partnership.TermEnd;
        if (except != nameof(Activity))
        {
            Activity = new() { Date = defaultDay, Figures = Partnership.KeyFigureNames.Select(n => new KeyFigureInput { Name = n }).ToList() };
        }

        if (except != nameof(Walk))
        {
            Walk = new() { Date = defaultDay };
        }

        while (Walk.Groups.Count < 4)
        {
            Walk.Groups.Add(new());
        }

        if (except != nameof(Rate))
        {
            Rate = new() { Rate = Partnership.NightWalkRate is { } r ? Swedish.Kronor(r).Replace(" kr", "", StringComparison.Ordinal) : null };
        }
    }

    protected override void Loaded(Domain.Partnerships.Partnership p)
    {
        var today = Swedish.Today(clock);
        Year = Math.Clamp(today.Year, p.TermStart.Year, p.TermEnd.Year);
        ThisYear = p.KeyFigureTotals(Year);
    }
}
