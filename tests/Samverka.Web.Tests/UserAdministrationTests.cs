using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samverka.Web.Features.Account;
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

        // The same link reaches the person by e-mail, through the outbox, to the real SMTP server of the tests.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Features.Notifications.MailSender>().SendPendingAsync(Ct);
        }

        var invitation = Assert.Single(App.Smtp.Messages, m => m.To.Mailboxes.Any(x => x.Address == "marta.akesson@stenungsund.example"));
        Assert.Equal("Ditt konto i Samverka", invitation.Subject);
        Assert.Contains(System.Net.WebUtility.HtmlDecode(link), invitation.TextBody, StringComparison.Ordinal);

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
        // The person's integration token, validated (and so remembered, ADR 0013) before the change.
        var integration = await App.ApiAsync(Demo.Official);
        Assert.Equal("Handläggare", (await (await integration.GetAsync("/api/v1/me", Ct)).ReadAsync<MeDto>()).RoleName);
        var api = await App.ApiAsync(Demo.MunicipalAdmin);
        var id = await App.WithDbAsync(db => db.Users.Where(u => u.Email == Demo.Official).Select(u => u.Id).SingleAsync(Ct));
        var user = await (await api.GetAsync($"/api/v1/users/{id}", Ct)).ReadAsync<UserDto>();

        var changed = await (await api.PutAsJsonAsync($"/api/v1/users/{id}", new
        {
            name = user.Name, email = user.Email, role = "Auditor", concurrencyStamp = user.ConcurrencyStamp,
        }, Ct)).ReadAsync<UserDto>();
        Assert.Equal("Revisor", changed.RoleName);
        Assert.Equal("Revisor", (await (await integration.GetAsync("/api/v1/me", Ct)).ReadAsync<MeDto>()).RoleName);
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
        Assert.Equal(HttpStatusCode.Unauthorized, (await integration.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await auditor.GetAsync("/konto", Ct)).StatusCode);
        var refused = await App.Browser().PostFormAsync("/logga-in", ("Input.Email", Demo.Official), ("Input.Password", Samverka.Web.Infrastructure.Seeding.DemoData.Password));
        Assert.Contains("spärrat", await refused.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_committee_members_queue_is_their_own_bodys_and_organisation_links_are_audited()
    {
        var admin = await App.ApiAsync(Demo.MunicipalAdmin);
        var lena = await App.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == Demo.CommitteeMember, Ct));
        var social = await App.WithDbAsync(db => db.Committees.Where(c => c.Name == "Socialnämnden" && c.MunicipalityId == lena.MunicipalityId).Select(c => c.Id).SingleAsync(Ct));
        var foreign = await App.WithDbAsync(db => db.Committees.Where(c => c.MunicipalityId != lena.MunicipalityId).Select(c => c.Id).FirstAsync(Ct));
        var refused = await admin.PutAsJsonAsync($"/api/v1/users/{lena.Id}", new
        {
            name = lena.DisplayName, email = lena.Email, role = "CommitteeMember", committeeId = foreign, concurrencyStamp = lena.ConcurrencyStamp,
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var moved = await (await admin.PutAsJsonAsync($"/api/v1/users/{lena.Id}", new
        {
            name = lena.DisplayName, email = lena.Email, role = "CommitteeMember", committeeId = social, concurrencyStamp = lena.ConcurrencyStamp,
        }, Ct)).ReadAsync<UserDto>();
        Assert.Equal(social, moved.CommitteeId);

        // A case waiting for kommunstyrelsen is not in a socialnämnden member's queue.
        await App.WithDbAsync(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Title == "Läxhjälp och rörelse efter skolan", Ct);
            var ks = await db.Committees.SingleAsync(x => x.MunicipalityId == c.MunicipalityId && x.IsExecutiveBoard, Ct);
            c.BeginEligibility("Henrik Handläggare", App.Clock.GetUtcNow());
            for (var i = 1; i <= c.Rules.Criteria.Count; i++)
            {
                c.JudgeCriterion(i, true, "Ja.", "Henrik Handläggare", App.Clock.GetUtcNow());
            }

            c.JudgeRemit(true, "Ja.", "Henrik Handläggare", App.Clock.GetUtcNow());
            c.BeginSuitability("Henrik Handläggare", App.Clock.GetUtcNow());
            foreach (var aspect in Enum.GetValues<Samverka.Domain.Cases.SuitabilityAspect>())
            {
                c.AssessSuitability(aspect, true, "Ja.", "Henrik Handläggare", App.Clock.GetUtcNow());
            }

            c.BeginDraft("Henrik Handläggare", App.Clock.GetUtcNow());
            c.SetTerm(new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31));
            c.SendToDecision([], new(ks.Id, ks.Name, "Enligt riktlinjerna."), [], "Henrik Handläggare", App.Clock.GetUtcNow());
            await db.SaveChangesAsync(Ct);
        });
        var member = await App.ApiAsync(Demo.CommitteeMember);
        var queue = await (await member.GetAsync("/api/v1/cases?awaitingDecision=true", Ct)).ReadAsync<Page<Samverka.Web.Features.Cases.CaseSummaryDto>>();
        Assert.Empty(queue.Items);
        Assert.DoesNotContain("väntar på beslut", await (await App.SignInAsync(Demo.CommitteeMember)).GetStringAsync("/", Ct));
        var waiting = await App.WithDbAsync(db => db.Cases.SingleAsync(x => x.Title == "Läxhjälp och rörelse efter skolan", Ct));
        var foreignDecision = await member.PostAsJsonAsync($"/api/v1/cases/{waiting.Id}/decisions", new
        {
            version = waiting.Version, meetingDate = new DateOnly(2026, 11, 16), paragraph = "§ 1", caseNumber = "KS 2026/901", text = "Beviljas.", approved = true,
        }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, foreignDecision.StatusCode); // a socialnämnden member cannot record kommunstyrelsen's decision
        Assert.Equal(Samverka.Domain.Cases.CaseState.Decision, (await App.WithDbAsync(db => db.Cases.SingleAsync(x => x.Id == waiting.Id, Ct))).State);
        var official = await App.ApiAsync(Demo.Official);
        var all = (await (await official.GetAsync("/api/v1/cases?awaitingDecision=true", Ct)).ReadAsync<Page<Samverka.Web.Features.Cases.CaseSummaryDto>>()).Items;
        Assert.Equal(["Läxhjälp och rörelse efter skolan", "Simskola för nyanlända familjer"], all.Select(c => c.Title).Order()); // the official sees the municipality's whole queue

        // Linking a representative to another organisation is in the account's history.
        var system = await App.ApiAsync(Demo.SystemAdmin);
        var asa = await App.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == Demo.OrganisationRep, Ct));
        await (await system.PutAsJsonAsync($"/api/v1/users/{asa.Id}", new
        {
            name = asa.DisplayName, email = asa.Email, role = "OrganisationRepresentative", organisationNumbers = $"{Demo.Soraker}, {Demo.StenungsundIf}",
            concurrencyStamp = asa.ConcurrencyStamp,
        }, Ct)).ReadAsync<UserDto>();
        var stenungsundIf = await App.WithDbAsync(db => db.Organisations.Where(o => o.OrgNumber == Demo.StenungsundIf).Select(o => o.Id).SingleAsync(Ct));
        var history = await (await system.GetAsync($"/api/v1/audit/ApplicationUser/{asa.Id}", Ct)).ReadAsync<Page<Samverka.Web.Features.Audit.AuditEntryDto>>();
        Assert.Contains(history.Items.SelectMany(e => e.Changes), c => c.Field == "Organisation" && c.After == stenungsundIf.ToString());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteUserAdministrationTests(SqliteApp app) : UserAdministrationTests<SqliteApp>(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresUserAdministrationTests(PostgresApp app) : UserAdministrationTests<PostgresApp>(app);
