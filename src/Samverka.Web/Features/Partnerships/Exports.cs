using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Agreements;
using Samverka.Domain.Funding;
using Samverka.Domain.Partnerships;
using Samverka.Web.Data;
using Samverka.Web.Data.Configurations;
using Samverka.Web.Documents;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Partnerships;

/// <summary>
/// The partnerships the reader may see, as tables for follow-up and audit (officials, committee
/// members, auditors): the money per partnership and year as the frames count it, and every
/// payment with its state. The same rows go to CSV and Excel; scoping is the DbContext's.
/// </summary>
public sealed class PartnershipExports(SamverkaDbContext db)
{
    /// <summary>More rows than any municipality has; a national instance pages through the API instead.</summary>
    public const int MaxRows = 50_000;

    public static readonly IReadOnlyList<string> YearHeaders =
        ["Partnerskap", "Organisation", "Organisationsnummer", "Kommun", "Nämnd", "Avtalstid från", "Avtalstid till", "Läge", "År", "Bundet", "Utbetalt", "Enligt"];

    public static readonly IReadOnlyList<string> PaymentHeaders =
        ["Partnerskap", "Organisation", "Organisationsnummer", "År", "Förfallodag", "Belopp", "Läge", "Utbetald", "Referens"];

    public async Task<IReadOnlyList<IReadOnlyList<object?>>> YearsAsync(CancellationToken ct)
    {
        var rows = await db.Partnerships.AsNoTracking()
            .Join(db.Agreements, p => p.AgreementId, a => a.Id, (p, a) => new { p, a.CaseId })
            .Join(db.Commitments, x => x.CaseId, c => c.CaseId, (x, c) => new { x.p.Title, x.p.Parties, x.p.TermStart, x.p.TermEnd, x.p.Ended, c.MunicipalityId, c.CommitteeId, c.Year, c.Amount, c.Paid, c.Basis })
            .Join(db.Municipalities, x => x.MunicipalityId, m => m.Id, (x, m) => new { x, Municipality = m.Name })
            .Join(db.Committees, y => y.x.CommitteeId, k => k.Id, (y, k) => new { y.x, y.Municipality, Committee = k.Name })
            .OrderBy(y => y.x.Title).ThenBy(y => y.Municipality).ThenBy(y => y.x.Year)
            .Take(MaxRows).ToListAsync(ct);
        return rows.Select(r =>
        {
            var organisation = r.x.Parties.FirstOrDefault(p => p.Kind == PartyKind.Organisation);
            return (IReadOnlyList<object?>)[r.x.Title, organisation?.Name, organisation?.OrgNumber, r.Municipality, r.Committee, r.x.TermStart, r.x.TermEnd, r.x.Ended.State(),
                r.x.Year, r.x.Amount, r.x.Paid, r.x.Basis.Swedish()];
        }).ToList();
    }

    public async Task<IReadOnlyList<IReadOnlyList<object?>>> PaymentsAsync(CancellationToken ct)
    {
        var followUps = db.Set<YearlyFollowUp>().AsNoTracking();
        var rows = await db.Set<Payment>().AsNoTracking()
            .Join(db.Partnerships.AsNoTracking(), x => EF.Property<Guid>(x, PartnershipRecordTables.PartnershipId), p => p.Id, (x, p) => new
            {
                p.Title, p.Parties, x.Year, x.DueOn, x.Amount, x.PaidOn, x.Reference, x.Cancelled, x.AwaitsFollowUpOf,
                Approved = followUps.Any(f => EF.Property<Guid>(f, PartnershipRecordTables.PartnershipId) == p.Id && f.Year == x.AwaitsFollowUpOf && f.Assessment == Assessment.Approved),
            })
            .OrderBy(x => x.Title).ThenBy(x => x.DueOn)
            .Take(MaxRows).ToListAsync(ct);
        return rows.Select(r =>
        {
            var organisation = r.Parties.FirstOrDefault(p => p.Kind == PartyKind.Organisation);
            var state = r.PaidOn is not null ? "Utbetald" : r.Cancelled ? "Inställd" : Partnership.BlockerOf(r.AwaitsFollowUpOf, r.Approved) ?? "Ej utbetald";
            return (IReadOnlyList<object?>)[r.Title, organisation?.Name, organisation?.OrgNumber, r.Year, r.DueOn, r.Amount, state, r.PaidOn, r.Reference];
        }).ToList();
    }
}

public static class PartnershipExportApi
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapPartnershipExports(this RouteGroupBuilder group)
    {
        group.MapGet("/export/years.csv", async Task<FileContentHttpResult> (PartnershipExports exports, CancellationToken ct) =>
                TypedResults.File(Csv.Bytes(Csv.Write(PartnershipExports.YearHeaders, await exports.YearsAsync(ct))), "text/csv; charset=utf-8", "partnerskap-per-ar.csv"))
            .RequireAuthorization(Policies.MunicipalStaff)
            .WithSummary("Kommunens pengar per partnerskap och år (bundet, utbetalt och vad beloppet bygger på), som CSV");
        group.MapGet("/export/years.xlsx", async Task<FileContentHttpResult> (PartnershipExports exports, CancellationToken ct) =>
                TypedResults.File(Spreadsheet.Write("Partnerskap per år", PartnershipExports.YearHeaders, await exports.YearsAsync(ct)), Xlsx, "partnerskap-per-ar.xlsx"))
            .RequireAuthorization(Policies.MunicipalStaff)
            .WithSummary("Samma som Excel-arbetsbok");
        group.MapGet("/export/payments.csv", async Task<FileContentHttpResult> (PartnershipExports exports, CancellationToken ct) =>
                TypedResults.File(Csv.Bytes(Csv.Write(PartnershipExports.PaymentHeaders, await exports.PaymentsAsync(ct))), "text/csv; charset=utf-8", "alla-utbetalningar.csv"))
            .RequireAuthorization(Policies.MunicipalStaff)
            .WithSummary("Alla utbetalningar i partnerskapen med läge, utbetalningsdag och referens, som CSV");
        group.MapGet("/export/payments.xlsx", async Task<FileContentHttpResult> (PartnershipExports exports, CancellationToken ct) =>
                TypedResults.File(Spreadsheet.Write("Utbetalningar", PartnershipExports.PaymentHeaders, await exports.PaymentsAsync(ct)), Xlsx, "alla-utbetalningar.xlsx"))
            .RequireAuthorization(Policies.MunicipalStaff)
            .WithSummary("Samma som Excel-arbetsbok");
    }
}
