using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samverka.Domain.Common;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

/// <summary>
/// Every endpoint the app maps, found from the endpoint data source (so a new one is covered
/// the day it is added), called by every role and by users of another municipality and
/// organisation. A role outside the endpoint's policy is refused; a user inside it never reads
/// or changes another tenant's record; nothing answers with a server error.
/// </summary>
public abstract class AuthorizationMatrixTests<TApp>(TApp app) : AppTests<TApp>(app) where TApp : SamverkaApp
{
    /// <summary>The test's own copy of who each policy admits, written from the issue, not from the code.</summary>
    private static readonly Dictionary<string, Role[]> Admits = new()
    {
        ["SignedIn"] = Enum.GetValues<Role>(),
        ["MunicipalStaff"] = [Role.SystemAdministrator, Role.MunicipalAdministrator, Role.Official, Role.CommitteeMember, Role.Auditor],
        ["ManageMunicipality"] = [Role.SystemAdministrator, Role.MunicipalAdministrator],
        ["ReadOrganisations"] = Enum.GetValues<Role>(),
        ["EditOrganisations"] = [Role.SystemAdministrator, Role.MunicipalAdministrator, Role.Official, Role.OrganisationRepresentative],
        ["OpenCases"] = [Role.SystemAdministrator, Role.MunicipalAdministrator, Role.Official, Role.OrganisationRepresentative],
        ["CaseWork"] = [Role.SystemAdministrator, Role.MunicipalAdministrator, Role.Official],
        ["DecideCases"] = [Role.SystemAdministrator, Role.MunicipalAdministrator, Role.Official, Role.CommitteeMember],
        ["ReadAudit"] = [Role.SystemAdministrator, Role.MunicipalAdministrator, Role.Official, Role.Auditor],
        ["SystemAdministration"] = [Role.SystemAdministrator],
    };

    private static readonly (string Email, Role Role)[] Users =
    [
        (Demo.SystemAdmin, Role.SystemAdministrator), (Demo.MunicipalAdmin, Role.MunicipalAdministrator), (Demo.Official, Role.Official),
        (Demo.CommitteeMember, Role.CommitteeMember), (Demo.Auditor, Role.Auditor), (Demo.OrganisationRep, Role.OrganisationRepresentative),
        (Demo.OtherMunicipalityOfficial, Role.Official), (Demo.OtherMunicipalAdmin, Role.MunicipalAdministrator),
    ];

    private sealed record Target(string Url, string Method, bool IsPage, string Policy, string Kind, bool Multipart = false);

    [Fact]
    public void Every_endpoint_has_an_explicit_policy_the_test_knows()
    {
        var missing = Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && Policy(e) is not { } p || (Policy(e) is { } q && !Admits.ContainsKey(q)))
            .Select(Describe).ToList();
        Assert.True(missing.Count == 0, "Endpoints without an explicit, known policy:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task Each_role_reaches_only_what_its_policy_admits_and_never_another_tenants_records()
    {
        var ids = await App.WithDbAsync(async db => new
        {
            Municipality = await db.Municipalities.Where(m => m.Slug == "stenungsund").Select(m => new { m.Id, m.Version }).SingleAsync(Ct),
            Committee = await db.Committees.Where(c => c.Name == "Kommunstyrelsen" && db.Municipalities.Any(m => m.Id == c.MunicipalityId && m.Slug == "stenungsund"))
                .Select(c => new { c.Id, c.Version }).SingleAsync(Ct),
            Organisation = await db.Organisations.Where(o => o.OrgNumber == Demo.StenungsundIf).Select(o => new { o.Id, o.Version }).SingleAsync(Ct),
            OfficialId = await db.Users.Where(u => u.Email == Demo.Official).Select(u => u.Id).SingleAsync(Ct),
            Case = await db.Cases.Where(c => c.Title == "Läxhjälp och rörelse efter skolan").Select(c => new { c.Id, c.Version }).SingleAsync(Ct),
            Guideline = await db.Guidelines.Where(g => db.Municipalities.Any(m => m.Id == g.MunicipalityId && m.Slug == "stenungsund")).Select(g => g.Id).FirstAsync(Ct),
            Agreement = await db.Agreements.Where(a => db.Municipalities.Any(m => m.Id == a.MunicipalityId && m.Slug == "stenungsund")).Select(a => new { a.Id, a.Version }).SingleAsync(Ct), // the running partnership's
            Partnership = await db.Partnerships.Where(p => p.Title == Samverka.Web.Infrastructure.Seeding.DemoPartnerships.Title).Select(p => new { p.Id, p.Version }).SingleAsync(Ct),
        });
        var token = await App.ApiAsync(Demo.Official); // gives the Stenungsund official a token someone else might try to revoke
        var tokenId = await App.WithDbAsync(db => db.PersonalAccessTokens.Where(t => t.UserId == ids.OfficialId).Select(t => t.Id).FirstAsync(Ct));

        (string Value, Guid? Version) Fill(string parameter, string kind) => (parameter, kind) switch
        {
            ("entityType", _) => ("Municipality", null),
            ("handler", _) => ("", null),
            ("key", _) => ("stenungsund", null),
            ("documentId" or "attachmentId" or "supportId", _) => (Guid.NewGuid().ToString(), null),
            ("id", "case") or ("caseId", _) => (ids.Case.Id.ToString(), ids.Case.Version),
            ("id", "agreement") => (ids.Agreement.Id.ToString(), ids.Agreement.Version),
            ("id", "partnership") => (ids.Partnership.Id.ToString(), ids.Partnership.Version),
            ("participantId" or "memberId" or "fileId" or "meetingId" or "lineId", _) => (Guid.NewGuid().ToString(), null),
            ("from" or "to", _) => ("1", null),
            ("year", _) => ("2026", null),
            ("quarter", _) => ("1", null),
            ("municipalityId", _) => (ids.Municipality.Id.ToString(), ids.Municipality.Version),
            ("id", "organisation") => (ids.Organisation.Id.ToString(), ids.Organisation.Version),
            ("id", "committee") => (ids.Committee.Id.ToString(), ids.Committee.Version),
            ("id", "token") => (tokenId.ToString(), null),
            ("id", "user") => (ids.OfficialId.ToString(), null),
            ("id", "guideline") => (ids.Guideline.ToString(), null),
            ("id", _) => (ids.Municipality.Id.ToString(), ids.Municipality.Version),
            _ => throw new InvalidOperationException($"The matrix does not know how to fill {{{parameter}}}: teach it in Fill()."),
        };

        var targets = new List<(Target Target, Guid? Version)>();
        foreach (var endpoint in Endpoints().Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null))
        {
            var kind = Kind(endpoint.RoutePattern.RawText ?? "");
            Guid? version = null;
            var url = Routes.Url(endpoint.RoutePattern, parameter =>
            {
                var (value, v) = Fill(parameter.Name, kind);
                version ??= v;
                return value;
            });
            var isPage = endpoint.Metadata.GetMetadata<ActionDescriptor>() is not null;
            var methods = isPage ? ["GET", "POST"] : endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var multipart = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true;
            targets.AddRange(methods.Select(m => (new Target(url, m, isPage, Policy(endpoint)!, kind, multipart), version)));
        }

        Assert.True(targets.Count > 20, $"Only {targets.Count} targets found; the endpoint enumeration is broken.");
        var targetIds = new[] { ids.Municipality.Id, ids.Organisation.Id, ids.Committee.Id, tokenId, ids.OfficialId, ids.Guideline, ids.Case.Id, ids.Agreement.Id, ids.Partnership.Id }.Select(i => i.ToString()).ToArray();
        var auditBefore = await App.WithDbAsync(db => db.AuditEntries.CountAsync(Ct));
        var failures = new List<string>();

        // Anonymous: nothing but a sign-in prompt.
        var anonymous = App.Browser();
        foreach (var (t, version) in targets)
        {
            var response = await SendAsync(anonymous, t, version, csrf: null);
            Expect(failures, "anonym", t, response, t.IsPage ? "login" : "401");
        }

        foreach (var (email, role) in Users)
        {
            var cookie = await App.SignInAsync(email);
            var csrf = await cookie.AntiforgeryTokenAsync("/konto");
            var bearer = await App.ApiAsync(email);
            var foreign = email switch
            {
                Demo.OtherMunicipalityOfficial or Demo.OtherMunicipalAdmin => new[] { "municipal", "committee", "token", "audit", "user", "guideline", "case", "agreement", "partnership" },
                Demo.OrganisationRep => ["organisation", "municipal", "committee", "token", "audit", "user", "guideline", "case", "agreement", "partnership"],
                _ => [],
            };

            foreach (var (t, version) in targets)
            {
                var admitted = Admits[t.Policy].Contains(role);
                var client = t.IsPage ? cookie : bearer;
                if (!admitted)
                {
                    Expect(failures, email, t, await SendAsync(client, t, version, csrf), t.IsPage ? "denied" : "403");
                }
                else if (foreign.Contains(t.Kind) && targetIds.Any(t.Url.Contains))
                {
                    Expect(failures, email, t, await SendAsync(client, t, version, csrf), "404");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} authorization failures:\n" + string.Join("\n", failures.Take(60)));
        Assert.Equal(auditBefore, await App.WithDbAsync(db => db.AuditEntries.CountAsync(Ct)));
        Assert.False(await App.WithDbAsync(db => db.Organisations.AnyAsync(o => o.OrgNumber == "802498-7656" || o.Name == "Intrång", Ct)));
        GC.KeepAlive(token);
    }

    [Fact]
    public async Task Lists_never_show_another_tenants_records()
    {
        var stenungsund = await App.WithDbAsync(db => db.Municipalities.Where(m => m.Slug == "stenungsund").Select(m => m.Id).SingleAsync(Ct));
        var stenungsundIf = await App.WithDbAsync(db => db.Organisations.Where(o => o.OrgNumber == Demo.StenungsundIf).Select(o => o.Id).SingleAsync(Ct));
        var cases = new (string Email, string[] Forbidden)[]
        {
            (Demo.OtherMunicipalityOfficial, [stenungsund.ToString(), "Stenungsunds kommun"]),
            (Demo.OtherMunicipalAdmin, [stenungsund.ToString(), "Stenungsunds kommun", "Henrik Handläggare", "handlaggare@stenungsund"]),
            (Demo.OrganisationRep, [stenungsund.ToString(), stenungsundIf.ToString(), "Stenungsunds Idrottsförening", "Stenungsunds kommun"]),
        };
        foreach (var (email, forbidden) in cases)
        {
            var cookie = await App.SignInAsync(email);
            var bearer = await App.ApiAsync(email);
            foreach (var url in new[] { "/", "/organisationer", "/kommuner", "/konto", "/organisationer?q=Stenungsund", "/anvandare", "/anvandare?q=handlaggare" })
            {
                var html = await (await cookie.GetAsync(url, Ct)).Content.ReadAsStringAsync(Ct);
                Assert.DoesNotContain(forbidden, f => html.Contains(f, StringComparison.Ordinal));
            }

            foreach (var url in new[] { "/api/v1/organisations?pageSize=100", "/api/v1/municipalities", "/api/v1/me", "/api/v1/users?pageSize=100" })
            {
                var json = await (await bearer.GetAsync(url, Ct)).Content.ReadAsStringAsync(Ct);
                Assert.DoesNotContain(forbidden, f => json.Contains(f, StringComparison.Ordinal));
            }
        }
    }

    private static void Expect(List<string> failures, string who, Target t, HttpResponseMessage response, string expected)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.ToString() ?? "";
        var ok = expected switch
        {
            "login" => status == 302 && location.Contains("/logga-in", StringComparison.Ordinal),
            "denied" => status == 302 && location.Contains("/atkomst-nekad", StringComparison.Ordinal),
            "401" => status == 401,
            "403" => status == 403,
            "404" => status == 404 || (t.IsPage && t.Method == "POST" && status == 405),
            _ => false,
        };
        if (!ok || status >= 500)
        {
            failures.Add($"{who} {t.Method} {t.Url} [{t.Policy}]: expected {expected}, got {status} {location}");
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, Target t, Guid? version, string? csrf)
    {
        var request = new HttpRequestMessage(new HttpMethod(t.Method), t.Url);
        if (t.Method is "POST" or "PUT")
        {
            if (t.IsPage)
            {
                var fields = new Dictionary<string, string>
                {
                    ["Input.Name"] = "Intrång", ["Input.OrgNumber"] = "802498-7656", ["Input.LegalForm"] = "NonProfitAssociation",
                    ["Input.ContactEmail"] = "intrang@example.org", ["Input.Version"] = version?.ToString() ?? "",
                };
                if (csrf is not null)
                {
                    fields["__RequestVerificationToken"] = csrf;
                }

                request.Content = new FormUrlEncodedContent(fields);
            }
            else if (t.Multipart)
            {
                request.Content = new MultipartFormDataContent
                {
                    { new StringContent("Stadgar"), "kind" },
                    { new StringContent("2025"), "year" },
                    { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", "intrang.pdf" },
                };
            }
            else
            {
                request.Content = JsonContent.Create(new
                {
                    name = "Intrång", orgNumber = "802498-7656", legalForm = "NonProfitAssociation", contactEmail = "intrang@example.org",
                    days = 1, version,
                });
            }
        }

        return client.SendAsync(request);
    }

    private static string Kind(string route) => route.ToLowerInvariant() switch
    {
        var r when r.Contains("partnerships") || r.Contains("partnerskap") => "partnership",
        var r when r.Contains("agreements") || r.Contains("overenskommelser") => "agreement",
        var r when r.Contains("cases") || r.Contains("arenden") => "case",
        var r when r.Contains("organisation") => "organisation",
        var r when r.Contains("committee") || r.Contains("namnder/{id") => "committee",
        var r when r.Contains("tokens") => "token",
        var r when r.Contains("users") || r.Contains("anvandare") => "user",
        var r when r.Contains("guideline") || r.Contains("riktlinjer") => "guideline",
        var r when r.Contains("historik") || r.Contains("audit") => "audit",
        _ => "municipal",
    };

    private IEnumerable<RouteEndpoint> Endpoints() => App.Endpoints();

    private static string? Policy(Endpoint e) => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);

    private static string Describe(RouteEndpoint e) => $"{e.RoutePattern.RawText} ({e.DisplayName})";
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteAuthorizationMatrixTests(SqliteApp app) : AuthorizationMatrixTests<SqliteApp>(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuthorizationMatrixTests(PostgresApp app) : AuthorizationMatrixTests<PostgresApp>(app);
