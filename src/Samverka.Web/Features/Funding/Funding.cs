using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Cases;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;
using Samverka.Domain.Funding;
using Samverka.Domain.Organisations;
using Samverka.Web.Data;
using Samverka.Web.Features.Api;
using Samverka.Web.Features.Cases;
using Samverka.Web.Features.Municipalities;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Funding;

public sealed class FrameInput
{
    public Guid? CommitteeId { get; set; }
    public int? Year { get; set; }

    /// <summary>Kronor, as Swedish users write it ("1 500 000", "1 500 tkr").</summary>
    public string? Amount { get; set; }
}

public sealed class SupportInput
{
    public string? OrgNumber { get; set; }
    public Guid? CommitteeId { get; set; }
    public SupportKind? Kind { get; set; }
    public string? Activity { get; set; }
    public int? FromYear { get; set; }
    public int? ToYear { get; set; }
    public string? AmountPerYear { get; set; }
}

/// <summary>One committee's frame and what approved cases already commit of it, per year.</summary>
public sealed record FrameRowDto(Guid CommitteeId, string CommitteeName, int Year, decimal? Frame, decimal Committed)
{
    public decimal? Remaining => Frame - Committed;
}

/// <summary>One case's money for one year as the frames count it, and on what basis.</summary>
public sealed record CommitmentDto(Guid CaseId, string CaseTitle, Guid? PartnershipId, Guid CommitteeId, string CommitteeName, int Year,
    decimal Amount, decimal Paid, CommitmentBasis Basis, string BasisText);

/// <summary>Committees' yearly IOP frames and the register of other support (double funding), per municipality.</summary>
public sealed class FundingService(SamverkaDbContext db)
{
    public static OtherSupportDto ToDto(OtherSupport s, string organisation, string committee) =>
        new(s.Id, s.OrganisationId, organisation, s.CommitteeId, committee, s.Kind, s.Kind.Swedish(), s.Activity, s.FromYear, s.ToYear, s.AmountPerYear);

    /// <summary>Every committee × year in the window, with the frame (if set) and the money approved cases commit.</summary>
    public async Task<IReadOnlyList<FrameRowDto>> FramesAsync(Guid municipalityId, int firstYear, int years, CancellationToken ct)
    {
        years = Math.Clamp(years, 1, 10);
        firstYear = Math.Clamp(firstYear, 2000, 2101 - years);
        var lastYear = firstYear + years - 1;
        var committees = await db.Committees.AsNoTracking().Where(c => c.MunicipalityId == municipalityId).OrderByDescending(c => c.IsExecutiveBoard).ThenBy(c => c.Name)
            .Select(c => new { c.Id, c.Name }).Take(100).ToListAsync(ct);
        var frames = await db.BudgetFrames.AsNoTracking().Where(f => f.MunicipalityId == municipalityId && f.Year >= firstYear && f.Year <= lastYear)
            .Select(f => new { f.CommitteeId, f.Year, f.Amount }).ToListAsync(ct);
        var committed = await CommittedAsync(municipalityId, null, firstYear, lastYear, null, ct);
        return committees.SelectMany(c => Enumerable.Range(firstYear, years).Select(year => new FrameRowDto(c.Id, c.Name, year,
                frames.FirstOrDefault(f => f.CommitteeId == c.Id && f.Year == year)?.Amount,
                committed.TryGetValue((c.Id, year), out var sum) ? sum : 0)))
            .ToList();
    }

    /// <summary>
    /// The money approved cases commit per committee and calendar year, one figure per case and
    /// year from <see cref="Commitments"/>: the case's estimate until an agreement gives the
    /// municipality's money, then the agreement (in force, less cancelled payments).
    /// </summary>
    public async Task<IReadOnlyDictionary<(Guid Committee, int Year), decimal>> CommittedAsync(Guid municipalityId, Guid? committeeId,
        int firstYear, int lastYear, Guid? exceptCase, CancellationToken ct) =>
        (await db.Commitments.AsNoTracking()
            .Where(x => x.MunicipalityId == municipalityId && x.Year >= firstYear && x.Year <= lastYear && (committeeId == null || x.CommitteeId == committeeId) && x.CaseId != exceptCase)
            .GroupBy(x => new { x.CommitteeId, x.Year }).Select(g => new { g.Key.CommitteeId, g.Key.Year, Amount = g.Sum(x => x.Amount) })
            .ToListAsync(ct))
        .ToDictionary(x => (x.CommitteeId, x.Year), x => x.Amount);

    /// <summary>What makes up the committed figures: each case's money per year in the window, with its basis, paged.</summary>
    public async Task<Page<CommitmentDto>> CommitmentsAsync(Guid municipalityId, int firstYear, int lastYear, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Page<CommitmentDto>.Clamp(page, pageSize);
        var q = db.Commitments.AsNoTracking().Where(x => x.MunicipalityId == municipalityId && x.Year >= firstYear && x.Year <= lastYear);
        var total = await q.CountAsync(ct);
        var rows = await q.Join(db.Cases, x => x.CaseId, c => c.Id, (x, c) => new { x, c.Title })
            .Join(db.Committees, y => y.x.CommitteeId, k => k.Id, (y, k) => new { y.x, y.Title, Committee = k.Name })
            .OrderBy(y => y.x.Year).ThenBy(y => y.Committee).ThenBy(y => y.Title).ThenBy(y => y.x.Id)
            .Skip((number - 1) * size).Take(size).ToListAsync(ct);
        var partnerships = await PartnershipsOfAsync(rows.Select(r => r.x.CaseId).Distinct().ToList(), ct);
        return new(rows.Select(r => new CommitmentDto(r.x.CaseId, r.Title, partnerships.GetValueOrDefault(r.x.CaseId), r.x.CommitteeId, r.Committee, r.x.Year,
            r.x.Amount, r.x.Paid, r.x.Basis, r.x.Basis.Swedish())).ToList(), number, size, total);
    }

    /// <summary>The partnership of each case that has one (one query for a page of cases).</summary>
    public async Task<Dictionary<Guid, Guid>> PartnershipsOfAsync(IReadOnlyCollection<Guid> caseIds, CancellationToken ct) =>
        await db.Agreements.AsNoTracking().Where(a => a.CaseId != null && caseIds.Contains(a.CaseId.Value) && a.AmendsId == null)
            .Join(db.Partnerships, a => a.Id, p => p.AgreementId, (a, p) => new { CaseId = a.CaseId!.Value, p.Id })
            .ToDictionaryAsync(x => x.CaseId, x => x.Id, ct);

    /// <summary>Sets (or changes) a committee's frame for a year.</summary>
    public async Task<BudgetFrame> SetFrameAsync(Guid municipalityId, FrameInput input, CancellationToken ct)
    {
        if (input.CommitteeId is not { } committeeId || !await db.Committees.AnyAsync(c => c.Id == committeeId && c.MunicipalityId == municipalityId, ct))
        {
            throw new DomainException("Välj en av kommunens nämnder.", nameof(FrameInput.CommitteeId));
        }

        var year = input.Year ?? throw new DomainException("Ange året.", nameof(FrameInput.Year));
        var amount = string.IsNullOrWhiteSpace(input.Amount) ? throw new DomainException("Ange ramens belopp.", nameof(FrameInput.Amount)) : Swedish.ParseKronor(input.Amount, nameof(FrameInput.Amount));
        var frame = await db.BudgetFrames.FirstOrDefaultAsync(f => f.CommitteeId == committeeId && f.Year == year, ct);
        if (frame is null)
        {
            frame = new BudgetFrame(municipalityId, committeeId, year, amount);
            db.BudgetFrames.Add(frame);
        }
        else
        {
            frame.Change(amount);
        }

        await db.SaveChangesAsync(ct);
        return frame;
    }

    public async Task<Page<OtherSupportDto>> SupportAsync(Guid municipalityId, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Page<OtherSupportDto>.Clamp(page, pageSize);
        var q = db.OtherSupport.AsNoTracking().Where(s => s.MunicipalityId == municipalityId);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(s => s.ToYear).ThenBy(s => s.Activity).ThenBy(s => s.Id).Skip((number - 1) * size).Take(size)
            .Join(db.Organisations, s => s.OrganisationId, o => o.Id, (s, o) => new { Support = s, Organisation = o.Name })
            .Join(db.Committees, x => x.Support.CommitteeId, c => c.Id, (x, c) => new { x.Support, x.Organisation, Committee = c.Name })
            .ToListAsync(ct);
        return new(rows.Select(r => ToDto(r.Support, r.Organisation, r.Committee)).ToList(), number, size, total);
    }

    public async Task<OtherSupport> AddSupportAsync(Guid municipalityId, SupportInput input, CancellationToken ct)
    {
        var number = OrgNumber.Parse(input.OrgNumber).ToString();
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.OrgNumber == number, ct)
            ?? throw new DomainException($"Organisationen {number} finns inte i registret.", nameof(SupportInput.OrgNumber));
        if (input.CommitteeId is not { } committeeId || !await db.Committees.AnyAsync(c => c.Id == committeeId && c.MunicipalityId == municipalityId, ct))
        {
            throw new DomainException("Välj den nämnd som ger stödet.", nameof(SupportInput.CommitteeId));
        }

        var support = new OtherSupport(municipalityId, organisation.Id, committeeId,
            input.Kind ?? throw new DomainException("Välj typ av stöd.", nameof(SupportInput.Kind)), input.Activity ?? "",
            input.FromYear ?? throw new DomainException("Ange första året.", nameof(SupportInput.FromYear)),
            input.ToYear ?? input.FromYear.Value,
            string.IsNullOrWhiteSpace(input.AmountPerYear) ? null : Swedish.ParseKronor(input.AmountPerYear, nameof(SupportInput.AmountPerYear)));
        db.OtherSupport.Add(support);
        await db.SaveChangesAsync(ct);
        return support;
    }

    public async Task<OtherSupportDto?> FindSupportAsync(Guid municipalityId, Guid supportId, CancellationToken ct) =>
        await db.OtherSupport.AsNoTracking().Where(s => s.Id == supportId && s.MunicipalityId == municipalityId)
            .Join(db.Organisations, s => s.OrganisationId, o => o.Id, (s, o) => new { Support = s, Organisation = o.Name })
            .Join(db.Committees, x => x.Support.CommitteeId, c => c.Id, (x, c) => new { x.Support, x.Organisation, Committee = c.Name })
            .Select(x => ToDto(x.Support, x.Organisation, x.Committee)).FirstOrDefaultAsync(ct);

    public async Task RemoveSupportAsync(Guid municipalityId, Guid supportId, CancellationToken ct)
    {
        var support = await db.OtherSupport.FirstOrDefaultAsync(s => s.Id == supportId && s.MunicipalityId == municipalityId, ct)
            ?? throw new RecordNotFoundException("Stödet");
        db.OtherSupport.Remove(support);
        await db.SaveChangesAsync(ct);
    }
}

public static class FundingApi
{
    public static void MapFundingApi(this RouteGroupBuilder api)
    {
        var municipality = api.MapGroup("/municipalities/{municipalityId:guid}").WithTags("Ramar och annat stöd");

        municipality.MapGet("/budget-frames", async Task<Results<Ok<IReadOnlyList<FrameRowDto>>, ProblemHttpResult>> (
                Guid municipalityId, int? fromYear, int? years, FundingService funding, MunicipalityService municipalities, TimeProvider clock, CancellationToken ct) =>
                await municipalities.FindAsync(municipalityId, ct) is not null
                    ? TypedResults.Ok(await funding.FramesAsync(municipalityId, fromYear ?? Swedish.Today(clock).Year, Math.Clamp(years ?? 4, 1, 10), ct))
                    : ApiErrors.NotFound("Kommunen"))
            .RequireAuthorization(Policies.MunicipalStaff)
            .WithSummary("Nämndernas årliga ramar för IOP och vad beviljade ärenden redan tar i anspråk");

        municipality.MapGet("/commitments", async Task<Results<Ok<Page<CommitmentDto>>, ProblemHttpResult>> (
                Guid municipalityId, int? fromYear, int? years, int? page, int? pageSize, FundingService funding, MunicipalityService municipalities, TimeProvider clock,
                CancellationToken ct) =>
            {
                if (await municipalities.FindAsync(municipalityId, ct) is null)
                {
                    return ApiErrors.NotFound("Kommunen");
                }

                var first = Math.Clamp(fromYear ?? Swedish.Today(clock).Year, 2000, 2100);
                return TypedResults.Ok(await funding.CommitmentsAsync(municipalityId, first, Math.Min(2100, first + Math.Clamp(years ?? 4, 1, 10) - 1), page, pageSize, ct));
            })
            .RequireAuthorization(Policies.MunicipalStaff)
            .WithSummary("Vad beviljade ärenden binder per år: ett belopp per ärende och år, med vad det bygger på (uppskattning, förslag eller överenskommelsen)");

        municipality.MapPut("/budget-frames", async Task<Results<Ok, ProblemHttpResult>> (
                Guid municipalityId, FrameInput input, FundingService funding, MunicipalityService municipalities, CancellationToken ct) =>
            {
                if (await municipalities.FindAsync(municipalityId, ct) is null)
                {
                    return ApiErrors.NotFound("Kommunen");
                }

                await funding.SetFrameAsync(municipalityId, input, ct);
                return TypedResults.Ok();
            })
            .RequireAuthorization(Policies.ManageMunicipality)
            .WithSummary("Sätt en nämnds ram för ett år");

        municipality.MapGet("/other-support", async Task<Results<Ok<Page<OtherSupportDto>>, ProblemHttpResult>> (
                Guid municipalityId, int? page, int? pageSize, FundingService funding, MunicipalityService municipalities, CancellationToken ct) =>
                await municipalities.FindAsync(municipalityId, ct) is not null ? TypedResults.Ok(await funding.SupportAsync(municipalityId, page, pageSize, ct)) : ApiErrors.NotFound("Kommunen"))
            .RequireAuthorization(Policies.MunicipalStaff)
            .WithSummary("Annat stöd kommunen ger organisationer (registret mot dubbelfinansiering)");

        municipality.MapPost("/other-support", async Task<Results<Created, ProblemHttpResult>> (
                Guid municipalityId, SupportInput input, FundingService funding, MunicipalityService municipalities, CancellationToken ct) =>
            {
                if (await municipalities.FindAsync(municipalityId, ct) is null)
                {
                    return ApiErrors.NotFound("Kommunen");
                }

                var support = await funding.AddSupportAsync(municipalityId, input, ct);
                return TypedResults.Created($"/api/v1/municipalities/{municipalityId}/other-support/{support.Id}");
            })
            .RequireAuthorization(Policies.CaseWork)
            .WithSummary("Registrera annat stöd till en organisation");

        municipality.MapDelete("/other-support/{supportId:guid}", async Task<NoContent> (
                Guid municipalityId, Guid supportId, FundingService funding, CancellationToken ct) =>
            {
                await funding.RemoveSupportAsync(municipalityId, supportId, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.CaseWork)
            .WithSummary("Ta bort en felaktig registrering");
    }
}
