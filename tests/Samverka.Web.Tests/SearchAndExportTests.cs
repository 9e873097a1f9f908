using System.Net;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Formatting;
using Samverka.Web.Features.Search;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

/// <summary>The header's search over what the reader may see, and the exports for follow-up and audit, on both databases.</summary>
public abstract class SearchAndExportTests<TApp>(TApp app) : AppTests<TApp>(app) where TApp : SamverkaApp
{
    private static async Task<SearchResultDto> SearchAsync(HttpClient api, string q, string? kind = null) =>
        await (await api.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}" + (kind is null ? "" : $"&kind={kind}"), Ct)).ReadAsync<SearchResultDto>();

    private static IReadOnlyList<string> Titles(SearchResultDto result, string kind) => result.Sections.Single(s => s.Kind == kind).Hits.Select(h => h.Title).ToList();

    [Fact]
    public async Task One_search_finds_cases_agreements_and_partnerships_by_diarienummer_organisation_and_organisationsnummer_within_the_readers_scope()
    {
        var number = await App.WithDbAsync(db => db.CaseNumbers.Where(n => n.Number.StartsWith("KS ") && db.Cases.Any(c => c.Id == n.CaseId && c.Title == "Spontanidrott på Stenungsön"))
            .Select(n => n.Number).SingleAsync(Ct));
        var auditor = await App.ApiAsync(Demo.Auditor);

        // The diarienummer leads to the case, its agreement and its partnership; none of them has it in its title.
        var byNumber = await SearchAsync(auditor, number.ToLowerInvariant());
        Assert.Equal(["Spontanidrott på Stenungsön"], Titles(byNumber, "arenden"));
        Assert.Equal([Samverka.Web.Infrastructure.Seeding.DemoPartnerships.Title], Titles(byNumber, "overenskommelser"));
        Assert.Equal([Samverka.Web.Infrastructure.Seeding.DemoPartnerships.Title], Titles(byNumber, "partnerskap"));

        // The organisationsnummer finds the organisation and, through it, its cases (the titles do not name it).
        var byOrgNumber = await SearchAsync(auditor, "802512-3491");
        Assert.Equal(["Stiftelsen Kustens Unga"], Titles(byOrgNumber, "organisationer"));
        Assert.Equal(["Läxhjälp och rörelse efter skolan", "Simskola för nyanlända familjer"], Titles(byOrgNumber, "arenden")); // newest first

        // Another municipality's official finds the organisation in the national registry but none of Stenungsund's cases or partnerships.
        var other = await SearchAsync(await App.ApiAsync(Demo.OtherMunicipalityOfficial), "802512-3491");
        Assert.Equal(1, other.Sections.Single(s => s.Kind == "organisationer").Total);
        Assert.Equal(0, other.Sections.Single(s => s.Kind == "arenden").Total);
        Assert.Equal(0, (await SearchAsync(await App.ApiAsync(Demo.OtherMunicipalityOfficial), number)).Sections.Sum(s => s.Total));

        // One kind page by page; an empty query finds nothing rather than everything.
        var one = await SearchAsync(auditor, "802512-3491", "arenden");
        Assert.Equal(["arenden"], one.Sections.Select(s => s.Kind));
        Assert.Empty((await SearchAsync(auditor, "   ")).Sections);
    }

    [Fact]
    public async Task The_header_searches_from_every_page_and_a_kind_is_paged_on_its_own()
    {
        var official = await App.SignInAsync(Demo.Official);
        var start = await official.GetStringAsync("/", Ct);
        Assert.Contains("<form method=\"get\" action=\"/sok\" role=\"search\" class=\"site-search\">", start);
        var page = WebUtility.HtmlDecode(await official.GetStringAsync("/sok?q=stiftelsen", Ct));
        Assert.Contains("<h2 id=\"sok-organisationer\">Organisationer (1)</h2>", page);
        Assert.Contains("<h2 id=\"sok-arenden\">Ärenden (2)</h2>", page);
        Assert.Contains("href=\"/arenden/", page);
        var cases = WebUtility.HtmlDecode(await official.GetStringAsync("/sok?q=stiftelsen&typ=arenden", Ct));
        Assert.DoesNotContain("sok-organisationer", cases);
        Assert.Contains("Visa träffar av alla slag", cases);
        Assert.Contains("Inga träffar på ”finns inte alls”.", WebUtility.HtmlDecode(await official.GetStringAsync("/sok?q=finns+inte+alls", Ct)));
    }

    [Fact]
    public async Task The_auditor_exports_money_per_partnership_and_year_and_every_payment_as_CSV_and_Excel()
    {
        var auditor = await App.SignInAsync(Demo.Auditor);
        var years = await auditor.GetStringAsync("/api/v1/partnerships/export/years.csv", Ct);
        var lines = years.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Partnerskap;Organisation;Organisationsnummer;Kommun;Nämnd;Avtalstid från;Avtalstid till;Läge;År;Bundet;Utbetalt;Enligt", lines[0]);
        var first = Swedish.Today(App.Clock).Year;
        Assert.Contains($"{Samverka.Web.Infrastructure.Seeding.DemoPartnerships.Title};Stenungsunds Idrottsförening;802435-6787;Stenungsunds kommun;Kommunstyrelsen;{first}-01-01;{first + 1}-12-31;Pågår;{first};600000,00;600000,00;överenskommelsen", lines);
        Assert.DoesNotContain(lines, l => l.Contains("Söderhamn", StringComparison.Ordinal)); // another municipality's partnership

        var payments = await auditor.GetStringAsync("/api/v1/partnerships/export/payments.csv", Ct);
        Assert.Contains($";{first + 1};", payments);
        Assert.Contains("Väntar på godkänd uppföljning för " + first, payments);
        var xlsx = await auditor.GetAsync("/api/v1/partnerships/export/payments.xlsx", Ct);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync(Ct))[..2]);
        Assert.Contains("/api/v1/partnerships/export/years.xlsx", await auditor.GetStringAsync("/partnerskap", Ct));

        var representative = await App.ApiAsync(Demo.OrganisationRep);
        Assert.Equal(HttpStatusCode.Forbidden, (await representative.GetAsync("/api/v1/partnerships/export/payments.csv", Ct)).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSearchAndExportTests(SqliteApp app) : SearchAndExportTests<SqliteApp>(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSearchAndExportTests(PostgresApp app) : SearchAndExportTests<PostgresApp>(app);
