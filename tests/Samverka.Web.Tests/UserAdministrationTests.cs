using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samverka.Web.Features.Api;
using Samverka.Web.Features.Users;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

public abstract class UserAdministrationTests<TApp>(TApp app) : AppTests<TApp>(app) where TApp : SamverkaApp
{
    [Fact]
    public async Task A_municipal_administrator_invites_an_official_who_chooses_a_password_and_signs_in()
    {
        var admin = await App.SignInAsync(Demo.MunicipalAdmin);
        var created = await admin.PostFormAsync("/anvandare/ny",
            ("Input.Name", "Märta Åkesson"), ("Input.Email", "marta.akesson@stenungsund.example"), ("Input.Role", "Official"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Matches("^/anvandare/[0-9a-f-]{36}/redigera$", created.Headers.Location!.OriginalString);
        var html = await admin.GetStringAsync(created.Headers.Location, Ct);
        Assert.Contains("Kontot är skapat.", html);
        Assert.DoesNotContain("<code class=\"secret\">", await admin.GetStringAsync(created.Headers.Location, Ct)); // shown once
        var link = System.Text.RegularExpressions.Regex.Match(html, "<code class=\"secret\">([^<]+)</code>").Groups[1].Value;
        Assert.StartsWith("http://localhost/konto/valj-losenord?anvandare=", System.Net.WebUtility.HtmlDecode(link));

        var person = App.Browser();
        var path = new Uri(System.Net.WebUtility.HtmlDecode(link)).PathAndQuery;
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(System.Net.WebUtility.HtmlDecode(link)).Query);
        var chosen = await person.PostFormAsync(path, ("anvandare", query["anvandare"]!), ("kod", query["kod"]!),
            ("Input.Password", "styrgruppen möts varje månad i Stenungsund"), ("Input.Repeat", "styrgruppen möts varje månad i Stenungsund"));
        Assert.Contains("Lösenordet är sparat", await chosen.Content.ReadAsStringAsync(Ct));

        var reused = await person.PostFormAsync(path, ("anvandare", query["anvandare"]!), ("kod", query["kod"]!),
            ("Input.Password", "ett annat långt lösenord för intrång"), ("Input.Repeat", "ett annat långt lösenord för intrång"));
        Assert.Contains("Länken är ogiltig", await reused.Content.ReadAsStringAsync(Ct));

        var signedIn = await App.SignInAsync("marta.akesson@stenungsund.example", "styrgruppen möts varje månad i Stenungsund");
        var start = await signedIn.GetStringAsync("/", Ct);
        Assert.Contains("Handläggare</strong> i Stenungsunds kommun", start);
    }

    [Fact]
    public async Task A_municipal_administrator_cannot_hand_out_roles_above_their_own_or_reach_other_municipalities()
    {
        var api = await App.ApiAsync(Demo.MunicipalAdmin);
        var response = await api.PostAsJsonAsync("/api/v1/users", new { name = "Mallory", email = "mallory@example.org", role = "SystemAdministrator" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("roll", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("role")[0].GetString());

        var soderhamn = await App.WithDbAsync(db => db.Municipalities.Where(m => m.Slug == "soderhamn").Select(m => m.Id).SingleAsync(Ct));
        var created = await (await api.PostAsJsonAsync("/api/v1/users",
            new { name = "Nils Nämnd", email = "nils@stenungsund.example", role = "CommitteeMember", municipalityId = soderhamn }, Ct)).ReadAsync<InvitationDto>();
        var stenungsund = await App.WithDbAsync(db => db.Municipalities.Where(m => m.Slug == "stenungsund").Select(m => m.Id).SingleAsync(Ct));
        Assert.Equal(stenungsund, created.User.MunicipalityId);

        var list = await (await api.GetAsync("/api/v1/users?pageSize=100", Ct)).ReadAsync<Page<UserDto>>();
        Assert.All(list.Items, u => Assert.Equal(stenungsund, u.MunicipalityId));
        Assert.DoesNotContain(list.Items, u => u.Email == Demo.OtherMunicipalityOfficial);
    }

    [Fact]
    public async Task Changing_a_role_or_locking_an_account_ends_the_persons_sessions_at_once()
    {
        var official = await App.SignInAsync(Demo.Official);
        Assert.Equal(HttpStatusCode.OK, (await official.GetAsync("/konto", Ct)).StatusCode);
        var api = await App.ApiAsync(Demo.MunicipalAdmin);
        var id = await App.WithDbAsync(db => db.Users.Where(u => u.Email == Demo.Official).Select(u => u.Id).SingleAsync(Ct));
        var user = await (await api.GetAsync($"/api/v1/users/{id}", Ct)).ReadAsync<UserDto>();

        var changed = await (await api.PutAsJsonAsync($"/api/v1/users/{id}", new
        {
            name = user.Name, email = user.Email, role = "Auditor", concurrencyStamp = user.ConcurrencyStamp,
        }, Ct)).ReadAsync<UserDto>();
        Assert.Equal("Revisor", changed.RoleName);
        Assert.Equal(HttpStatusCode.Redirect, (await official.GetAsync("/konto", Ct)).StatusCode);

        var stale = await api.PutAsJsonAsync($"/api/v1/users/{id}", new { name = "Gammal", email = user.Email, role = "Official", concurrencyStamp = user.ConcurrencyStamp }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("någon annan", await stale.Content.ReadAsStringAsync(Ct));

        var history = await (await api.GetAsync($"/api/v1/audit/ApplicationUser/{id}", Ct)).ReadAsync<Page<Samverka.Web.Features.Audit.AuditEntryDto>>();
        Assert.Contains(history.Items.SelectMany(e => e.Changes), c => c.Field == "Roll" && c.Before == "Handläggare" && c.After == "Revisor");

        var auditor = await App.SignInAsync(Demo.Official);
        var admin = await App.SignInAsync(Demo.MunicipalAdmin);
        var locked = await admin.PostFormFromAsync($"/anvandare/{id}/redigera", $"/anvandare/{id}/redigera/Lock");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await auditor.GetAsync("/konto", Ct)).StatusCode);
        var refused = await App.Browser().PostFormAsync("/logga-in", ("Input.Email", Demo.Official), ("Input.Password", Samverka.Web.Infrastructure.Seeding.DemoData.Password));
        Assert.Contains("spärrat", await refused.Content.ReadAsStringAsync(Ct));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteUserAdministrationTests(SqliteApp app) : UserAdministrationTests<SqliteApp>(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresUserAdministrationTests(PostgresApp app) : UserAdministrationTests<PostgresApp>(app);
