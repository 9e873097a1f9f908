using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Organisations;
using Samverka.Web.Features.Account;
using Samverka.Web.Features.Api;
using Samverka.Web.Features.Municipalities;
using Samverka.Web.Features.Organisations;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

public abstract class ApiTests<TApp>(TApp app) : AppTests<TApp>(app) where TApp : SamverkaApp
{
    private Task<Guid> OrganisationId(string orgNumber) =>
        App.WithDbAsync(db => db.Organisations.Where(o => o.OrgNumber == orgNumber).Select(o => o.Id).SingleAsync(Ct));

    private Task<Guid> MunicipalityId(string slug) =>
        App.WithDbAsync(db => db.Municipalities.Where(m => m.Slug == slug).Select(m => m.Id).SingleAsync(Ct));

    private static object Edit(OrganisationDto o, string? email = null, string? name = null, Guid? version = null) => new
    {
        name = name ?? o.Name, legalForm = o.LegalForm, streetAddress = o.StreetAddress, postalCode = o.PostalCode, city = o.City,
        email = email ?? o.Email, phone = o.Phone, memberCount = o.MemberCount, version = version ?? o.Version,
    };

    [Fact]
    public async Task A_change_is_audited_with_who_what_before_and_after_in_the_same_transaction()
    {
        var api = await App.ApiAsync(Demo.TimraOfficial); // Timrå has a case with Söråker
        var id = await OrganisationId(Demo.Soraker);
        var before = await (await api.GetAsync($"/api/v1/organisations/{id}", Ct)).ReadAsync<OrganisationDto>();

        var after = await (await api.PutAsJsonAsync($"/api/v1/organisations/{id}", Edit(before, email: "kansli@soraker.example"), Ct)).ReadAsync<OrganisationDto>();
        Assert.Equal("kansli@soraker.example", after.Email);
        Assert.NotEqual(before.Version, after.Version);

        var history = await (await api.GetAsync($"/api/v1/audit/Organisation/{id}", Ct)).ReadAsync<Page<Samverka.Web.Features.Audit.AuditEntryDto>>();
        var latest = history.Items[0];
        Assert.Equal("Tove Timrå", latest.ActorName);
        Assert.Equal(Samverka.Web.Infrastructure.Audit.AuditAction.Updated, latest.Action);
        var change = Assert.Single(latest.Changes);
        Assert.Equal(("E-post", before.Email, "kansli@soraker.example"), (change.Field, change.Before, change.After));
    }

    [Fact]
    public async Task An_organisation_is_changed_only_by_its_own_and_by_the_municipalities_it_works_with()
    {
        // Söråker has a case with Timrå only; the registry is national to read.
        var id = await OrganisationId(Demo.Soraker);
        var read = await (await (await App.ApiAsync(Demo.OtherMunicipalityOfficial)).GetAsync($"/api/v1/organisations/{id}", Ct)).ReadAsync<OrganisationDto>();
        var audit = await App.WithDbAsync(db => db.AuditEntries.CountAsync(Ct));
        foreach (var outsider in new[] { Demo.Official, Demo.MunicipalAdmin, Demo.OtherMunicipalityOfficial, Demo.OtherMunicipalAdmin })
        {
            var api = await App.ApiAsync(outsider);
            var edit = await api.PutAsJsonAsync($"/api/v1/organisations/{id}", Edit(read, email: "kapad@example.se"), Ct);
            Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
            Assert.Contains("inget ärende eller partnerskap", System.Text.RegularExpressions.Regex.Unescape(await edit.Content.ReadAsStringAsync(Ct)));
            var upload = await api.PostAsync($"/api/v1/organisations/{id}/documents",
                new MultipartFormDataContent { { new StringContent("Stadgar"), "kind" }, { new StringContent("2025"), "year" }, { new ByteArrayContent("%PDF-1.4\n%%EOF"u8.ToArray()), "file", "stadgar.pdf" } }, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        }

        Assert.Equal(read.Email, (await App.WithDbAsync(db => db.Organisations.SingleAsync(o => o.Id == id, Ct))).Email);
        Assert.Equal(audit, await App.WithDbAsync(db => db.AuditEntries.CountAsync(Ct)));
        Assert.False(await App.WithDbAsync(db => db.OrganisationDocuments.AnyAsync(Ct)));

        // The page offers editing only to those whose save would be accepted.
        var stenungsund = await App.SignInAsync(Demo.Official);
        var details = await stenungsund.GetStringAsync($"/organisationer/{id}", Ct);
        Assert.DoesNotContain($"/organisationer/{id}/redigera", details);
        Assert.Contains("ändras av organisationens företrädare", System.Net.WebUtility.HtmlDecode(details)); // and the page says who does
        var denied = await stenungsund.GetAsync($"/organisationer/{id}/redigera", Ct);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal("/atkomst-nekad", denied.Headers.Location?.AbsolutePath);

        // Timrå (its case), its representative and the system administrator may.
        foreach (var (who, email) in new[] { (Demo.TimraOfficial, "kansli@soraker.example"), (Demo.OrganisationRep, "ordforande@soraker.example"), (Demo.SystemAdmin, "info@soraker.example") })
        {
            var api = await App.ApiAsync(who);
            var current = await (await api.GetAsync($"/api/v1/organisations/{id}", Ct)).ReadAsync<OrganisationDto>();
            Assert.Equal(email, (await (await api.PutAsJsonAsync($"/api/v1/organisations/{id}", Edit(current, email: email), Ct)).ReadAsync<OrganisationDto>()).Email);
        }

        var timra = await App.SignInAsync(Demo.TimraOfficial);
        Assert.Contains($"/organisationer/{id}/redigera", await timra.GetStringAsync($"/organisationer/{id}", Ct));
    }

    [Fact]
    public async Task A_stale_edit_gets_409_naming_the_other_change_and_neither_its_change_nor_an_audit_row_is_written()
    {
        var first = await App.ApiAsync(Demo.TimraOfficial);
        var second = await App.ApiAsync(Demo.OrganisationRep);
        var id = await OrganisationId(Demo.Soraker);
        var read = await (await first.GetAsync($"/api/v1/organisations/{id}", Ct)).ReadAsync<OrganisationDto>();
        var auditBefore = await App.WithDbAsync(db => db.AuditEntries.CountAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, (await first.PutAsJsonAsync($"/api/v1/organisations/{id}", Edit(read, name: "Söråkers Folkets Hus"), Ct)).StatusCode);
        var stale = await second.PutAsJsonAsync($"/api/v1/organisations/{id}", Edit(read, email: "ny@soraker.example"), Ct);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("Tove Timrå", problem.GetProperty("detail").GetString());
        Assert.Contains("Söråkers Folkets Hus", problem.GetProperty("detail").GetString());
        var stored = await App.WithDbAsync(db => db.Organisations.SingleAsync(o => o.Id == id, Ct));
        Assert.Equal("Söråkers Folkets Hus", stored.Name);
        Assert.NotEqual("ny@soraker.example", stored.Email);
        Assert.Equal(auditBefore + 1, await App.WithDbAsync(db => db.AuditEntries.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_change_the_database_refuses_leaves_neither_change_nor_audit_row()
    {
        var auditBefore = await App.WithDbAsync(db => db.AuditEntries.CountAsync(Ct));
        var organisationsBefore = await App.WithDbAsync(db => db.Organisations.CountAsync(Ct));
        await Assert.ThrowsAsync<DbUpdateException>(() => App.WithDbAsync(async db =>
        {
            // Two organisations with the same number get past the domain (each is valid alone); the unique index refuses the second.
            db.Organisations.Add(new Organisation(OrgNumber.Parse("802498-7656"), "Första föreningen", LegalForm.NonProfitAssociation));
            db.Organisations.Add(new Organisation(OrgNumber.Parse("802498-7656"), "Andra föreningen", LegalForm.NonProfitAssociation));
            await db.SaveChangesAsync(Ct);
        }));
        Assert.Equal(auditBefore, await App.WithDbAsync(db => db.AuditEntries.CountAsync(Ct)));
        Assert.Equal(organisationsBefore, await App.WithDbAsync(db => db.Organisations.CountAsync(Ct)));
    }

    [Fact]
    public async Task The_audit_log_is_append_only_in_the_database_itself()
    {
        var update = App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"ActorName\" = 'Någon annan'", Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => update);
        var delete = App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\"", Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => delete);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(Ct)));
    }

    [Fact]
    public async Task Bad_input_gets_a_Swedish_problem_naming_the_field_and_nothing_is_stored()
    {
        var api = await App.ApiAsync(Demo.Official);
        var before = await App.WithDbAsync(db => db.Organisations.CountAsync(Ct));
        var response = await api.PostAsJsonAsync("/api/v1/organisations",
            new { orgNumber = "802011-2342", name = "Felnumrets förening", legalForm = "NonProfitAssociation" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("kontrollsiffran", problem.GetProperty("errors").GetProperty("orgNumber")[0].GetString());
        Assert.True(problem.TryGetProperty("traceId", out _));
        Assert.Equal(before, await App.WithDbAsync(db => db.Organisations.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_request_the_client_got_wrong_is_a_Swedish_problem_naming_what_was_wrong()
    {
        var api = await App.ApiAsync(Demo.Official);
        async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        }

        var wrongType = await Problem(await api.PostAsync("/api/v1/cases", new StringContent("""{"municipalityId":"not-a-guid"}""", System.Text.Encoding.UTF8, "application/json"), Ct), HttpStatusCode.BadRequest);
        Assert.Contains("GUID", wrongType.GetProperty("errors").GetProperty("municipalityId")[0].GetString());

        var invalid = await Problem(await api.PostAsync("/api/v1/cases", new StringContent("{\n  inte json", System.Text.Encoding.UTF8, "application/json"), Ct), HttpStatusCode.BadRequest);
        Assert.Equal("Kroppen är inte giltig JSON (rad 2, tecken 3).", invalid.GetProperty("detail").GetString());

        var missing = await Problem(await api.PostAsync("/api/v1/cases", null, Ct), HttpStatusCode.BadRequest);
        Assert.Equal("Förfrågan saknar sin JSON-kropp.", missing.GetProperty("detail").GetString());

        var text = await Problem(await api.PostAsync("/api/v1/cases", new StringContent("{}", System.Text.Encoding.UTF8, "text/plain"), Ct), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("Formatet stöds inte", text.GetProperty("title").GetString());
        Assert.Contains("application/json", text.GetProperty("detail").GetString());

        var query = await Problem(await api.GetAsync("/api/v1/organisations?page=tre", Ct), HttpStatusCode.BadRequest);
        Assert.Equal("Värdet kan inte läsas: ange ett heltal.", query.GetProperty("errors").GetProperty("page")[0].GetString());
    }

    [Fact]
    public void A_clients_text_goes_into_the_log_cut_short_and_with_control_characters_escaped()
    {
        Assert.Equal("a\\u0000b\\u202ec", Samverka.Web.Infrastructure.Web.LogText.Safe("a\u0000b\u202ec"));
        var logged = Samverka.Web.Infrastructure.Web.LogText.Safe(new string('x', 100_115));
        Assert.True(logged.Length < 260, $"{logged.Length} characters");
        Assert.EndsWith("… (100115 tecken)", logged);
    }

    [Fact]
    public async Task Registering_an_organisation_twice_is_refused()
    {
        var api = await App.ApiAsync(Demo.Official);
        var response = await api.PostAsJsonAsync("/api/v1/organisations",
            new { orgNumber = Demo.Soraker, name = "Söråker igen", legalForm = "NonProfitAssociation" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("finns redan", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Identity_and_scope_cannot_be_set_through_the_body()
    {
        var api = await App.ApiAsync(Demo.OrganisationRep);
        var id = await OrganisationId(Demo.Soraker);
        var read = await (await api.GetAsync($"/api/v1/organisations/{id}", Ct)).ReadAsync<OrganisationDto>();
        var response = await api.PutAsJsonAsync($"/api/v1/organisations/{id}", new
        {
            id = Guid.NewGuid(), orgNumber = "802498-7656", name = read.Name, legalForm = read.LegalForm, version = read.Version,
            municipalityId = await MunicipalityId("soderhamn"), role = "SystemAdministrator",
        }, Ct);
        var after = await response.ReadAsync<OrganisationDto>();
        Assert.Equal(id, after.Id);
        Assert.Equal(Demo.Soraker, after.OrgNumber);
        var me = await (await api.GetAsync("/api/v1/me", Ct)).ReadAsync<MeDto>();
        Assert.Equal(Samverka.Domain.Common.Role.OrganisationRepresentative, me.Role);
    }

    [Fact]
    public async Task An_organisation_representative_sees_and_changes_only_their_own_organisation()
    {
        var api = await App.ApiAsync(Demo.OrganisationRep);
        var list = await (await api.GetAsync("/api/v1/organisations", Ct)).ReadAsync<Page<OrganisationDto>>();
        Assert.Equal(Demo.Soraker, Assert.Single(list.Items).OrgNumber);
        Assert.Equal(1, list.Total);

        var other = await OrganisationId(Demo.StenungsundIf);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/organisations/{other}", Ct)).StatusCode);
        var write = await api.PutAsJsonAsync($"/api/v1/organisations/{other}", new { name = "Kapad", legalForm = "NonProfitAssociation", version = Guid.NewGuid() }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
        var register = await api.PostAsJsonAsync("/api/v1/organisations", new { orgNumber = "802498-7656", name = "Ny", legalForm = "NonProfitAssociation" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, register.StatusCode);
        Assert.False(await App.WithDbAsync(db => db.Organisations.AnyAsync(o => o.OrgNumber == "802498-7656", Ct)));
    }

    [Fact]
    public async Task An_official_sees_only_their_own_municipality()
    {
        var api = await App.ApiAsync(Demo.OtherMunicipalityOfficial);
        var list = await (await api.GetAsync("/api/v1/municipalities", Ct)).ReadAsync<Page<MunicipalityDto>>();
        Assert.Equal("Söderhamns kommun", Assert.Single(list.Items).Name);
        var stenungsund = await MunicipalityId("stenungsund");
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/municipalities/{stenungsund}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/municipalities/{stenungsund}/committees", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/audit/Municipality/{stenungsund}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_municipal_administrator_adds_and_renames_committees_of_their_own_municipality()
    {
        var api = await App.ApiAsync(Demo.MunicipalAdmin);
        var id = await MunicipalityId("stenungsund");
        var created = await (await api.PostAsJsonAsync($"/api/v1/municipalities/{id}/committees",
            new { name = "Samhällsbyggnadsnämnden", caseNumberPrefix = "sbn" }, Ct)).ReadAsync<CommitteeDto>();
        Assert.Equal("SBN", created.CaseNumberPrefix);

        var duplicate = await api.PostAsJsonAsync($"/api/v1/municipalities/{id}/committees", new { name = "Samhällsbyggnadsnämnden" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);

        var renamed = await (await api.PutAsJsonAsync($"/api/v1/committees/{created.Id}",
            new { name = "Miljö- och byggnämnden", caseNumberPrefix = "MBN", version = created.Version }, Ct)).ReadAsync<CommitteeDto>();
        Assert.Equal("Miljö- och byggnämnden", renamed.Name);

        var other = await MunicipalityId("soderhamn");
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/municipalities/{other}/committees", new { name = "Intrångsnämnden" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_system_administrator_creates_a_municipality_with_its_executive_board()
    {
        var api = await App.ApiAsync(Demo.SystemAdmin);
        var created = await (await api.PostAsJsonAsync("/api/v1/municipalities",
            new { name = "Härnösands kommun", orgNumber = "212000-2445", contactEmail = "iop@harnosand.example" }, Ct)).ReadAsync<MunicipalityDto>();
        Assert.Equal("harnosand", created.Slug);
        var committees = await (await api.GetAsync($"/api/v1/municipalities/{created.Id}/committees", Ct)).ReadAsync<List<CommitteeDto>>();
        Assert.True(Assert.Single(committees).IsExecutiveBoard);

        var official = await App.ApiAsync(Demo.Official);
        Assert.Equal(HttpStatusCode.Forbidden, (await official.PostAsJsonAsync("/api/v1/municipalities", new { name = "Falsk kommun", orgNumber = "212000-1421" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Tokens_are_personal_revocable_and_expire()
    {
        var official = await App.SignInAsync(Demo.Official);
        var csrf = await official.AntiforgeryTokenAsync("/konto");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/tokens") { Content = JsonContent.Create(new { name = "Skript", days = 7 }) };
        request.Headers.Add("X-CSRF-TOKEN", csrf);
        var created = await (await official.SendAsync(request, Ct)).ReadAsync<CreatedTokenDto>();

        var api = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        api.DefaultRequestHeaders.Authorization = new("Bearer", created.Secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me", Ct)).StatusCode);
        // A token cannot mint more tokens (a leaked one would otherwise outlive its revocation).
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync("/api/v1/me/tokens", new { name = "Kopia", days = 365 }, Ct)).StatusCode);
        Assert.False(await App.WithDbAsync(db => db.PersonalAccessTokens.AnyAsync(t => t.Name == "Kopia", Ct)));
        // A token is for the API only: it does not open account pages.
        Assert.Equal(HttpStatusCode.Redirect, (await api.GetAsync("/konto/tvastegs", Ct)).StatusCode);

        // Another user cannot revoke it.
        var other = await App.ApiAsync(Demo.OtherMunicipalityOfficial);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/me/tokens/{created.Token.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me", Ct)).StatusCode);

        App.Clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me", Ct)).StatusCode);
        App.Clock.Reset();

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/me/tokens/{created.Token.Id}", Ct)).StatusCode);
        var revoked = await api.GetAsync("/api/v1/me", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
    }

    [Fact]
    public async Task Cookie_authenticated_API_writes_need_the_antiforgery_header()
    {
        var client = await App.SignInAsync(Demo.Official);
        var without = await client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "Utan token", days = 1 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Contains("CSRF", await without.Content.ReadAsStringAsync(Ct));
        Assert.False(await App.WithDbAsync(db => db.PersonalAccessTokens.AnyAsync(t => t.Name == "Utan token", Ct)));
    }

    [Fact]
    public async Task Errors_are_problem_details_with_a_trace_id_and_no_stack_trace()
    {
        var api = await App.ApiAsync(Demo.Official);
        var missing = await api.GetAsync($"/api/v1/organisations/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        var anonymous = await App.CreateClient().GetAsync("/api/v1/organisations", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var malformed = await api.PostAsync("/api/v1/organisations", new StringContent("{ inte json", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var body = await malformed.Content.ReadAsStringAsync(Ct);
        Assert.Contains("traceId", body);
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("Bad Request", body);
        Assert.Contains("Felaktig förfrågan", System.Text.RegularExpressions.Regex.Unescape(body));
    }

    [Fact]
    public async Task Lists_are_paged()
    {
        var api = await App.ApiAsync(Demo.Official);
        var page = await (await api.GetAsync("/api/v1/organisations?page=2&pageSize=3", Ct)).ReadAsync<Page<OrganisationDto>>();
        Assert.Equal(8, page.Total);
        Assert.Equal(3, page.Items.Count);
        Assert.Equal(2, page.PageNumber);
        var huge = await (await api.GetAsync("/api/v1/organisations?pageSize=100000", Ct)).ReadAsync<Page<OrganisationDto>>();
        Assert.Equal(Page<OrganisationDto>.MaxPageSize, huge.PageSize);
        var search = await (await api.GetAsync("/api/v1/organisations?q=Söråker", Ct)).ReadAsync<Page<OrganisationDto>>();
        Assert.Equal("Söråkers Folketshusförening", Assert.Single(search.Items).Name);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteApiTests(SqliteApp app) : ApiTests<SqliteApp>(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresApiTests(PostgresApp app) : ApiTests<PostgresApp>(app);
