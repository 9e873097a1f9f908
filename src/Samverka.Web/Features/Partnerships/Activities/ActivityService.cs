using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;
using Samverka.Web.Data;
using Samverka.Web.Data.Configurations;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Partnerships.Activities;


public sealed class ActivityInput : PartnershipChange
{
    public DateOnly? Date { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public List<KeyFigureInput> Figures { get; set; } = [];
}

public sealed class RateInput : PartnershipChange
{
    public string? Rate { get; set; }
}

public sealed class WalkGroupInput
{
    public string? Association { get; set; }
    public int? Walkers { get; set; }
}

public sealed class NightWalkInput : PartnershipChange
{
    public DateOnly? Date { get; set; }
    public string? Area { get; set; }
    public List<WalkGroupInput> Groups { get; set; } = [];
    public bool AllAdults { get; set; }
}
/// <summary>Activities: the activity log with the agreement's key figures, and night walks with their rate and open account.</summary>
public sealed class ActivityService(SamverkaDbContext db, PartnershipService partnerships, CurrentUserAccessor me, TimeProvider clock)
{
    private CurrentUser User => me.User;

    public Task<Partnership> LogActivityAsync(Guid id, ActivityInput input, CancellationToken ct) => partnerships.ChangeAsync(id, input, RecordKinds.None, PartnershipService.Adds, manage: false, p =>
        p.LogActivity(input.Date, input.Title, input.Description, PartnershipService.Figures(input.Figures, "Figures"), User.Name, Swedish.Today(clock)), ct);

    public Task<Partnership> SetNightWalkRateAsync(Guid id, RateInput input, CancellationToken ct) => partnerships.ChangeAsync(id, input, RecordKinds.None, PartnershipService.Root, manage: true, p =>
        p.SetNightWalkRate(string.IsNullOrWhiteSpace(input.Rate) ? null : Swedish.ParseKronor(input.Rate, nameof(RateInput.Rate))), ct);

    /// <summary>A night walked; the rule against registering a night twice reads only that night's walks.</summary>
    public Task<Partnership> RecordNightWalkAsync(Guid id, NightWalkInput input, CancellationToken ct) => partnerships.ChangeAsync(id, input, RecordKinds.None, PartnershipService.Adds, manage: false, p =>
        p.RecordNightWalk(input.Date, input.Area,
            (input.Groups ?? []).OfType<WalkGroupInput>().Where(g => !string.IsNullOrWhiteSpace(g.Association) || g.Walkers is not null)
                .Select(g => new WalkGroup(g.Association ?? "", g.Walkers ?? 0)).ToList(),
            input.AllAdults, User.Name, Swedish.Today(clock)), ct,
        alsoRead: async p => p.Load(nightWalks: await db.RecordsOf<NightWalk>(id).Where(n => n.Date == input.Date).ToListAsync(ct)));

    /// <summary>The open account of night walks (which associations received how much) as CSV: counts and money only, for publication.</summary>
    public static string NightWalkAccountCsv(Partnership p, int? year)
    {
        var csv = new StringBuilder("Förening;Nätter;Vandrarnätter;Ersättning (kr)\r\n");
        foreach (var row in p.NightWalkAccount(year))
        {
            csv.Append(Documents.Csv.Cell(row.Association)).Append(';').Append(row.Nights.ToString(CultureInfo.InvariantCulture)).Append(';')
                .Append(row.WalkerNights.ToString(CultureInfo.InvariantCulture)).Append(';')
                .Append(row.Amount.ToString("0.00", CultureInfo.GetCultureInfo("sv-SE"))).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>The agreement's key figures summed from one year's activity log, and the nights walked that year where there are night walks.</summary>
    public async Task<IReadOnlyDictionary<string, decimal>> YearFiguresAsync(Guid id, int year, CancellationToken ct)
    {
        var p = await partnerships.FindAsync(id, RecordKinds.None, ct) ?? throw new RecordNotFoundException("Partnerskapet");
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        p.Load(activities: await db.RecordsOf<ActivityEntry>(id).AsNoTracking().Where(a => a.Date >= from && a.Date <= to).ToListAsync(ct),
            nightWalks: await db.RecordsOf<NightWalk>(id).AsNoTracking().Where(n => n.Date >= from && n.Date <= to).ToListAsync(ct));
        var figures = p.KeyFigureTotals(year).ToDictionary();
        if (p.NightWalks.Count > 0 && !figures.Keys.Any(k => k.Equals(Partnership.NightsWalked, StringComparison.OrdinalIgnoreCase)))
        {
            figures[Partnership.NightsWalked] = p.NightWalks.Count;
        }

        return figures;
    }
}

public static class ActivitiesApi
{
    public static void MapActivitiesApi(this RouteGroupBuilder group)
    {
        group.Change<ActivityService, ActivityInput>("/{id:guid}/activities", Policies.SignedIn, "Logga en aktivitet med överenskommelsens nyckeltal", (s, id, i, ct) => s.LogActivityAsync(id, i, ct));
        group.Change<ActivityService, RateInput>("/{id:guid}/night-walks/rate", Policies.CaseWork, "Ersättning per förening och vandrad natt", (s, id, i, ct) => s.SetNightWalkRateAsync(id, i, ct));
        group.Change<ActivityService, NightWalkInput>("/{id:guid}/night-walks", Policies.SignedIn, "Registrera en vandrad natt: område och antal vuxna vandrare per förening (inga namn)",
            (s, id, i, ct) => s.RecordNightWalkAsync(id, i, ct));
        group.MapGet("/{id:guid}/night-walks/account.csv", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, int? year, PartnershipService partnerships, CancellationToken ct) =>
                await partnerships.FindAsync(id, RecordKinds.NightWalks, ct) is { } p
                    ? TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ActivityService.NightWalkAccountCsv(p, year))).ToArray(), "text/csv; charset=utf-8", "oppen-redovisning-nattvandring.csv")
                    : ApiErrors.NotFound("Partnerskapet"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Öppen redovisning av nattvandringen: vilka föreningar som fått hur mycket (för publicering, inga personuppgifter)");
    }
}
