using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Agreements;
using Samverka.Domain.Cases;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;
using Samverka.Web.Data;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Search;

public sealed record SearchHit(Guid Id, string Title, string Detail, string Href);

/// <summary>One kind of record that matched: how many, and one page of them.</summary>
public sealed record SearchSection(string Kind, string Heading, int Total, IReadOnlyList<SearchHit> Hits, int PageNumber, int PageCount);

public sealed record SearchResultDto(string Query, IReadOnlyList<SearchSection> Sections);

/// <summary>
/// One search over the cases, agreements, partnerships and organisations the reader may see
/// (the DbContext's scope filters decide which), by title, organisation name,
/// organisationsnummer or diarienummer. Each kind is counted and paged on its own.
/// </summary>
public sealed class SearchService(SamverkaDbContext db)
{
    public static readonly IReadOnlyList<(string Kind, string Heading)> Kinds =
        [("arenden", "Ärenden"), ("overenskommelser", "Överenskommelser"), ("partnerskap", "Partnerskap"), ("organisationer", "Organisationer")];

    /// <summary>How many organisations or diarienummer a term may match before the rest are left out of the cases and agreements it finds through them.</summary>
    private const int MaxMatches = 500;

    /// <param name="kind">One kind to page through, or null for the first hits of every kind.</param>
    public async Task<SearchResultDto> SearchAsync(string? query, string? kind, int? page, int? pageSize, CancellationToken ct)
    {
        if (Texts.SearchTerm(query) is not { } term)
        {
            return new("", []);
        }

        var (number, size) = Page<SearchHit>.Clamp(kind is null ? 1 : page, kind is null ? 5 : pageSize);
        var pattern = Like.Containing(term);
        var upper = term.ToUpperInvariant();
        var registry = db.Organisations.AsNoTracking().Where(o => EF.Functions.Like(o.SearchText, pattern, Like.Escape));
        var organisations = await registry.OrderBy(o => o.Id).Select(o => o.Id).Take(MaxMatches).ToListAsync(ct);
        var numbered = await db.CaseNumbers.AsNoTracking().Where(n => n.Number.Contains(upper)).OrderBy(n => n.CaseId).Select(n => n.CaseId).Take(MaxMatches).ToListAsync(ct);

        var cases = db.Cases.AsNoTracking().Where(c => c.SearchText.Contains(term) || numbered.Contains(c.Id) || c.OrganisationIds.Any(o => organisations.Contains(o)));
        var partnerships = db.Partnerships.AsNoTracking().Where(p => p.SearchText.Contains(term)
            || db.Agreements.Any(a => a.Id == p.AgreementId && a.CaseId != null && numbered.Contains(a.CaseId.Value)));
        var agreements = db.Agreements.AsNoTracking().Where(a => (a.CaseId != null && cases.Any(c => c.Id == a.CaseId)) || partnerships.Any(p => p.AgreementId == a.Id));

        var sections = new List<SearchSection>();
        foreach (var (k, heading) in Kinds.Where(x => kind is null || x.Kind == kind))
        {
            var (total, hits) = k switch
            {
                "arenden" => (await cases.CountAsync(ct), await CaseHitsAsync(cases.OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id).Skip((number - 1) * size).Take(size), ct)),
                "overenskommelser" => (await agreements.CountAsync(ct), await AgreementHitsAsync(agreements.OrderByDescending(a => a.Id).Skip((number - 1) * size).Take(size), ct)),
                "partnerskap" => (await partnerships.CountAsync(ct), await PartnershipHitsAsync(partnerships.OrderByDescending(p => p.TermEnd).ThenBy(p => p.Id).Skip((number - 1) * size).Take(size), ct)),
                _ => (await registry.CountAsync(ct), await OrganisationHitsAsync(registry.OrderBy(o => o.Name).ThenBy(o => o.Id).Skip((number - 1) * size).Take(size), ct)),
            };
            sections.Add(new(k, heading, total, hits, number, Math.Max(1, (total + size - 1) / size)));
        }

        return new(term, sections);
    }

    private static async Task<IReadOnlyList<SearchHit>> CaseHitsAsync(IQueryable<Case> page, CancellationToken ct) =>
        (await page.Select(c => new { c.Id, c.Title, c.State, c.OpenedAt }).ToListAsync(ct))
        .Select(c => new SearchHit(c.Id, c.Title, $"Ärende, {c.State.Swedish().ToLowerInvariant()}, inkom {Swedish.Date(Swedish.DayOf(c.OpenedAt))}", $"/arenden/{c.Id}")).ToList();

    private static async Task<IReadOnlyList<SearchHit>> AgreementHitsAsync(IQueryable<Agreement> page, CancellationToken ct) =>
        (await page.Select(a => new { a.Id, a.Content, a.State, a.AmendmentNumber, a.AmendsId }).ToListAsync(ct))
        .Select(a => new SearchHit(a.Id, a.Content.Title,
            $"{(a.AmendsId is null ? "Överenskommelse" : $"Tillägg {a.AmendmentNumber}")}, {a.State.Swedish().ToLowerInvariant()}", $"/overenskommelser/{a.Id}")).ToList();

    private static async Task<IReadOnlyList<SearchHit>> PartnershipHitsAsync(IQueryable<Partnership> page, CancellationToken ct) =>
        (await page.Select(p => new { p.Id, p.Title, p.Parties, p.TermStart, p.TermEnd, p.Ended }).ToListAsync(ct))
        .Select(p => new SearchHit(p.Id, p.Title,
            $"{string.Join(", ", p.Parties.Where(x => x.Kind == PartyKind.Organisation).Select(x => x.Name))}, {Swedish.Date(p.TermStart)} – {Swedish.Date(p.TermEnd)}, {p.Ended.State().ToLowerInvariant()}",
            $"/partnerskap/{p.Id}")).ToList();

    private static async Task<IReadOnlyList<SearchHit>> OrganisationHitsAsync(IQueryable<Domain.Organisations.Organisation> page, CancellationToken ct) =>
        (await page.Select(o => new { o.Id, o.Name, o.OrgNumber, o.City }).ToListAsync(ct))
        .Select(o => new SearchHit(o.Id, o.Name, string.Join(", ", new[] { o.OrgNumber, o.City }.Where(x => !string.IsNullOrWhiteSpace(x))), $"/organisationer/{o.Id}")).ToList();
}

public static class SearchApi
{
    public static void MapSearchApi(this RouteGroupBuilder api) =>
        api.MapGet("/search", async Task<Ok<SearchResultDto>> (string? q, string? kind, int? page, int? pageSize, SearchService search, CancellationToken ct) =>
                TypedResults.Ok(await search.SearchAsync(q, SearchService.Kinds.Any(k => k.Kind == kind) ? kind : null, page, pageSize, ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithTags("Sök")
            .WithSummary("Sök bland ärenden, överenskommelser, partnerskap och organisationer du får se: titel, organisation, organisationsnummer eller diarienummer. "
                         + "Utan kind: de första träffarna av varje slag; med kind (arenden, overenskommelser, partnerskap, organisationer): det slaget, sida för sida.");
}
