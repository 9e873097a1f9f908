using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Partnerships;

/// <summary>The partnership's activities (/partnerskap/{id}/aktiviteter): the log with the agreement's key figures, and night walks with their open account.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ActivitiesModel(PartnershipService partnerships, TimeProvider clock) : PageModel, IReloadsOnError, IHasSeveralForms
{
    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty] public ActivityInput Activity { get; set; } = new();
    [BindProperty] public RateInput Rate { get; set; } = new();
    [BindProperty] public NightWalkInput Walk { get; set; } = new();

    public string FormPrefix { get; private set; } = "";
    public PartnershipDto Partnership { get; private set; } = null!;

    /// <summary>The key figures of this year so far, summed from the log.</summary>
    public IReadOnlyDictionary<string, decimal> ThisYear { get; private set; } = new Dictionary<string, decimal>();
    public int Year { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Fill(null);
        return Page();
    }

    /// <summary>The open account as CSV, for publication: associations, nights and money, no names of walkers.</summary>
    public async Task<IActionResult> OnGetAccountAsync(int? year, CancellationToken ct)
    {
        var p = await partnerships.FindAsync(Id, ct) ?? throw new RecordNotFoundException("Partnerskapet");
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(PartnershipService.NightWalkAccountCsv(p, year))).ToArray(),
            "text/csv; charset=utf-8", "oppen-redovisning-nattvandring.csv");
    }

    public Task<IActionResult> OnPostActivityAsync(CancellationToken ct) =>
        Done(nameof(Activity), () => partnerships.LogActivityAsync(Id, Activity, ct), "Aktiviteten är loggad.", "logg");

    public Task<IActionResult> OnPostRateAsync(CancellationToken ct) =>
        Done(nameof(Rate), () => partnerships.SetNightWalkRateAsync(Id, Rate, ct), "Ersättningen per natt är sparad.", "nattvandring");

    public Task<IActionResult> OnPostWalkAsync(CancellationToken ct) =>
        Done(nameof(Walk), () => partnerships.RecordNightWalkAsync(Id, Walk, ct), "Natten är registrerad.", "nattvandring");

    public async Task ReloadAsync()
    {
        await LoadAsync(HttpContext.RequestAborted);
        Fill(FormPrefix);
    }

    private void Fill(string? except)
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

    private async Task<IActionResult> Done(string form, Func<Task<Partnership>> change, string message, string anchor)
    {
        FormPrefix = form;
        await change();
        TempData["Message"] = message;
        return Redirect($"/partnerskap/{Id}/aktiviteter#{anchor}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var p = await partnerships.FindAsync(Id, ct) ?? throw new RecordNotFoundException("Partnerskapet");
        Partnership = partnerships.ToDto(p);
        var today = Swedish.Today(clock);
        Year = Math.Clamp(today.Year, p.TermStart.Year, p.TermEnd.Year);
        ThisYear = p.KeyFigureTotals(Year);
    }
}
